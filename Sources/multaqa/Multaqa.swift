import ArgumentParser

@main
struct Multaqa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multaqa",
        abstract: "Multaqa: workshops and conferences of public institutions, from programme to recommendations.",
        discussion: """
            With no DATABASE_URL, Multaqa runs a private PostgreSQL cluster in MULTAQA_DATA_DIR \
            (default ./.multaqa) using the machine's PostgreSQL programs, and stops it on exit.

            ENVIRONMENT
              DATABASE_URL          postgres://user:password@host:5432/db?sslmode=require
                                    Use this server instead of the embedded cluster.
              MULTAQA_DATA_DIR      Directory of the embedded cluster (default ./.multaqa).
              MULTAQA_PG_BIN        Directory holding initdb and pg_ctl, if not on PATH or
                                    under /usr/lib/postgresql/*/bin.
              MULTAQA_HOST          Address serve listens on (default 127.0.0.1).
              MULTAQA_PORT          Port serve listens on (default 8080).
              MULTAQA_MAX_BODY_SIZE Largest request body in bytes (default 1048576).
              MULTAQA_DB_POOL_SIZE  Connections per instance to PostgreSQL (default 20).
              MULTAQA_DB_WAIT_MS    How long a request waits for a connection while PostgreSQL
                                    refuses them, before 503 (default 2000).
              MULTAQA_MAX_UPLOAD_SIZE  Largest document file in bytes (default 26214400).
              MULTAQA_FILES_DIR     Keep documents' files in this directory, not in PostgreSQL.
              MULTAQA_RATE_LIMIT    Public writes (registering, checking in) per client and
                                    minute, per instance (default 60; 0: no limit).
              MULTAQA_TRUSTED_PROXIES  Comma-separated addresses of the load balancers whose
                                    X-Forwarded-For names the client.
              MULTAQA_LOG_LEVEL     trace, debug, info, notice, warning, error (default info).
            """,
        subcommands: [Serve.self, Migrate.self, Token.self, Collectivities.self, Export.self, Demo.self]
    )
}
