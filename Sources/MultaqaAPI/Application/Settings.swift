import Configuration
import Foundation
import Logging
import MultaqaServices

/// Every setting of Multaqa, each written down once: its environment variable (and the
/// swift-configuration key read through it), its default, its rule and its help. `serve` and the
/// other commands read their settings here, `AppConfiguration()` takes its defaults from here (so
/// tests run with production's figures), `multaqa --help` prints the environment block rendered
/// here, and a test holds the README's table to `markdownTable()`.
///
/// Values are read through swift-configuration in layers: explicit values (command-line flags),
/// then the environment, then the defaults. A value that breaks its setting's rule is refused
/// with the variable's name and the rule, never replaced by the default.
public struct Settings: Sendable, Equatable {
    /// A PostgreSQL server to use; nil: the embedded cluster.
    public var databaseURL: String?
    /// A streaming replica of that server for reads that may come from one; nil: none.
    public var databaseReplicaURL: String?
    /// The embedded cluster's directory.
    public var dataDirectory: String
    public var host: String
    public var port: Int
    /// Requests with a larger body get 413.
    public var maxBodySize: Int
    /// The largest file a document may have; larger uploads get 413.
    public var maxUploadSize: Int
    /// Where documents' files are kept; nil: in PostgreSQL.
    public var filesDirectory: String?
    /// PostgreSQL connections per instance.
    public var databasePoolSize: Int
    /// How long a request waits for a connection PostgreSQL refuses before it gets 503.
    public var databaseWaitMilliseconds: Int
    /// Public writes a client may send per minute; nil: no limit.
    public var publicWritesPerMinute: Int?
    /// Proxies whose `X-Forwarded-For` names the client.
    public var trustedProxies: Set<String>
    public var logLevel: Logger.Level
    /// The relay mail is submitted to; nil: mail is written to files under the data directory.
    public var smtpURL: String?
    /// The sender of attendees' mail.
    public var mailFrom: String
    /// The service's address as attendees reach it, for the links in mails; nil: `http://host:port`.
    public var publicURL: String?
    /// Whether this instance sends mail from the outbox and webhooks.
    public var mailWorker: Bool
    /// Webhooks may post to loopback, private and link-local addresses.
    public var webhookAllowPrivate: Bool
    /// Where the daily backups go; nil: `MULTAQA_DATA_DIR/backups` with the embedded cluster, none
    /// with `DATABASE_URL` (see `effectiveBackupDirectory`).
    public var backupDirectory: String?
    /// When the daily backup runs; nil: never.
    public var backupAt: BackupSchedule?
    /// How many daily backups are kept.
    public var backupKeep: Int
    /// Days after an event ends that its registrations keep their personal data, for events
    /// without a period of their own; nil: such events keep it until purged.
    public var retentionDays: Int?

    /// Where this instance takes its daily backups, if anywhere.
    public var effectiveBackupDirectory: String? {
        guard backupAt != nil else { return nil }
        return backupDirectory ?? (databaseURL == nil ? dataDirectory + "/backups" : nil)
    }

    /// One setting: its variable's name, key, default, rule and help.
    public enum Variable: String, CaseIterable, Sendable {
        case databaseURL = "DATABASE_URL"
        case databaseReplicaURL = "DATABASE_REPLICA_URL"
        case dataDirectory = "MULTAQA_DATA_DIR"
        /// Read where the programs are looked for, `PostgresBinaries.locate` in MultaqaStore: the
        /// store sits below this type, and the tests' throwaway clusters look the same way.
        case postgresBinaries = "MULTAQA_PG_BIN"
        case host = "MULTAQA_HOST"
        case port = "MULTAQA_PORT"
        case maxBodySize = "MULTAQA_MAX_BODY_SIZE"
        case maxUploadSize = "MULTAQA_MAX_UPLOAD_SIZE"
        case filesDirectory = "MULTAQA_FILES_DIR"
        case databasePoolSize = "MULTAQA_DB_POOL_SIZE"
        case databaseWait = "MULTAQA_DB_WAIT_MS"
        case rateLimit = "MULTAQA_RATE_LIMIT"
        case trustedProxies = "MULTAQA_TRUSTED_PROXIES"
        case logLevel = "MULTAQA_LOG_LEVEL"
        case smtpURL = "MULTAQA_SMTP_URL"
        case mailFrom = "MULTAQA_MAIL_FROM"
        case publicURL = "MULTAQA_PUBLIC_URL"
        case mailWorker = "MULTAQA_MAIL_WORKER"
        case webhookAllowPrivate = "MULTAQA_WEBHOOK_ALLOW_PRIVATE"
        case backupDirectory = "MULTAQA_BACKUP_DIR"
        case backupAt = "MULTAQA_BACKUP_AT"
        case backupKeep = "MULTAQA_BACKUP_KEEP"
        case retentionDays = "MULTAQA_RETENTION_DAYS"
        /// Read by the test support (`TestDatabase`), never by `multaqa`.
        case testDatabaseURL = "TEST_DATABASE_URL"

        /// The environment variable.
        public var name: String { rawValue }

        /// The swift-configuration key: the variable's words in lower case, which
        /// `EnvironmentVariablesProvider` turns back into exactly this variable's name.
        public var key: ConfigKey {
            ConfigKey(name.lowercased().split(separator: "_").map(String.init))
        }

        /// The command-line flag that sets it, on the commands that have one.
        public var flag: String? {
            switch self {
            case .dataDirectory: "--data-dir"
            case .host: "--host"
            case .port: "--port"
            case .logLevel: "--log-level"
            default: nil
            }
        }

        /// The value when neither a flag nor the environment gives one; nil: unset.
        public var defaultValue: String? {
            switch self {
            case .dataDirectory: "./.multaqa"
            case .host: "127.0.0.1"
            case .port: "8080"
            case .maxBodySize: String(1 << 20)
            case .maxUploadSize: String(25 << 20)
            case .databasePoolSize: String(Settings.poolSize(cores: ProcessInfo.processInfo.activeProcessorCount))
            case .databaseWait: "2000"
            case .rateLimit: "60"
            case .logLevel: Logger.Level.info.rawValue
            case .mailFrom: "Multaqa <no-reply@localhost>"
            case .mailWorker: "1"
            case .webhookAllowPrivate: "0"
            case .backupAt: "03:00"
            case .backupKeep: "7"
            case .retentionDays: "365"
            case .databaseURL, .databaseReplicaURL, .postgresBinaries, .filesDirectory, .trustedProxies, .testDatabaseURL,
                .smtpURL, .publicURL,
                .backupDirectory:
                nil
            }
        }

        /// Kept out of logs and debug output: a URL carries the password.
        public var isSecret: Bool {
            self == .databaseURL || self == .databaseReplicaURL || self == .testDatabaseURL || self == .smtpURL
        }

        /// Only the tests read it: listed in the README, not in `multaqa --help`.
        public var isForTestsOnly: Bool { self == .testDatabaseURL }

        /// What the setting does, in a sentence or two: `--help` says this, the README too.
        public var summary: String {
            switch self {
            case .databaseURL:
                "Use this PostgreSQL server instead of the embedded cluster: `postgres://user:pw@host/db?sslmode=require`."
            case .databaseReplicaURL:
                "A streaming replica of `DATABASE_URL`'s server: whole programmes (JSON, ICS, schedule.xml, event pages) are read there when it has replayed their last change."
            case .dataDirectory:
                "Directory of the embedded cluster (`pgdata/`, generated `credentials`)."
            case .postgresBinaries:
                "Directory holding `initdb` and `pg_ctl`; unset: found on `PATH`, then under `/usr/lib/postgresql/*/bin`."
            case .host: "Address `serve` listens on."
            case .port: "Port `serve` listens on."
            case .maxBodySize: "Largest request body in bytes; larger ones get 413."
            case .maxUploadSize: "Largest document file in bytes (25 MiB); larger uploads get 413."
            case .filesDirectory: "Keep documents' files in this directory instead of in PostgreSQL."
            case .databasePoolSize:
                "PostgreSQL connections per instance, at least 2 (one listens for programme changes)."
            case .databaseWait:
                "Milliseconds a request waits for a database connection while PostgreSQL refuses them; then 503 with `Retry-After`."
            case .rateLimit:
                "Public writes (registering, checking in) per client and minute, per instance; `0`: no limit."
            case .trustedProxies:
                "Comma-separated addresses of the load balancers: only from them is `X-Forwarded-For` believed to name the client."
            case .logLevel:
                "One of " + Logger.Level.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ") + "."
            case .smtpURL:
                "Send attendees' mail through this relay: `smtp://user:password@host:587` (STARTTLS), `smtps://user:password@host:465`; unset: each mail is written as an `.eml` file under `MULTAQA_DATA_DIR/mail/`."
            case .mailFrom: "The sender of attendees' mail, `Name <address>` or an address."
            case .mailWorker:
                "`1`: this instance sends mail and webhooks; `0`: it leaves that to the other instances."
            case .webhookAllowPrivate:
                "`1`: webhooks may post to loopback, private and link-local addresses; `0`: only to public ones."
            case .publicURL:
                "The service's address as attendees reach it, for the links in mails; required with `MULTAQA_SMTP_URL`, otherwise `http://MULTAQA_HOST:MULTAQA_PORT`."
            case .backupDirectory:
                "Where `serve` writes its daily backups; unset: `MULTAQA_DATA_DIR/backups` with the embedded cluster, none with `DATABASE_URL`."
            case .backupAt: "When the daily backup runs, `HH:MM` in UTC; `off`: never."
            case .backupKeep: "How many daily backups are kept; older ones are removed."
            case .retentionDays:
                "Days after an event ends that its registrations keep their personal data, unless the event sets its own period; `off`: until purged."
            case .testDatabaseURL:
                "Tests only: a server on which the tests create (and drop) their databases, instead of starting a throwaway cluster."
            }
        }

        /// What the README adds to the summary: what an operator needs to know beyond `--help`.
        public var details: String? {
            switch self {
            case .databaseURL: "Managed PostgreSQL in production."
            case .databaseReplicaURL:
                "A replica that lags or fails costs speed, never correctness: its reads go to the primary (left alone 5 s after a failure). "
                    + "`/metrics` counts where reads went (`multaqa_replica_reads_total`)."
            case .dataDirectory:
                "When Multaqa runs as root, the server runs as the `postgres` user, which must be able to reach this directory."
            case .maxUploadSize: "Uploads stream to storage and are never held in memory whole."
            case .filesDirectory:
                "One file per blob, written under `incoming/` and moved into place when complete. "
                    + "Files already stored in PostgreSQL stay readable. Every instance must see the same directory."
            case .databasePoolSize:
                "More connections than PostgreSQL's cores keep busy only compete for the same rows and caches; "
                    + "an instance with its own PostgreSQL on a small machine registers faster with fewer."
            case .databaseWait: "A busy pool is waited for (up to 30 s)."
            case .rateLimit:
                "In bursts of a quarter of that; beyond: 429 with `Retry-After`. Organisers' tokens are not limited."
            case .mailWorker:
                "Several instances may all send: each takes its own rows (SKIP LOCKED), none is sent by two."
            case .webhookAllowPrivate:
                "Checked when an endpoint is registered and before each delivery, on the addresses its name resolves to, "
                    + "so that a webhook cannot reach into the organisers' own network; tests and closed networks set it."
            case .smtpURL:
                "Needs Debian's `msmtp`. `smtp://host:25?tls=off` sends without TLS, for a relay on a trusted network only; "
                    + "`?ca=/path/ca.pem` trusts that authority instead of the system's. "
                    + "Failed mails are retried with growing waits (30 s doubling up to an hour, 10 attempts), then shown as failed to organisers."
            case .backupDirectory:
                "Each backup is one archive of `multaqa backup`; `/health/ready` and `/metrics` show the age of the newest. "
                    + "An instance started when the newest is more than a day old (or absent) backs up a minute later."
            case .retentionDays:
                "`serve` erases it hourly as attendees' own erasure does, keeping the statistics, and records each purge (`GET /v1/audit`); "
                    + "`multaqa purge --event SLUG` does it at once."
            case .logLevel:
                "The default is `serve`'s; the other commands log at `\(Settings.commandLogLevel.rawValue)` unless told, "
                    + "so that their output is their answer."
            default: nil
            }
        }

        /// The default as `--help` tells it.
        var helpDefault: String? {
            switch self {
            case .logLevel: "\(defaultValue ?? "") for serve, \(Settings.commandLogLevel.rawValue) otherwise"
            default: describedDefault ?? defaultValue
            }
        }

        /// A default that depends on the machine, in words (the README's table holds no one
        /// machine's figure).
        var describedDefault: String? {
            switch self {
            case .databasePoolSize: "4 per core, from 8 to 20"
            default: nil
            }
        }

        /// The help of the flag that sets it: the summary, the variable and the default.
        public var flagHelp: String {
            let sentence = Settings.plain(summary)
            var text = (sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence) + " (env \(name)"
            if let helpDefault { text += ", default \(helpDefault)" }
            return text + ")."
        }
    }

    /// The level of the one-shot commands (`migrate`, `token`, ...): their terminal is for their
    /// answer, so they say less than `serve` unless a flag or the environment asks for more.
    public static let commandLogLevel = Logger.Level.warning

    /// The pool's default size on a machine with `cores` cores. PostgreSQL commits no faster with
    /// more connections than its cores keep busy, and each one more competes for the same hot rows
    /// and caches: on 2 cores, with 8 connections instead of 32, PostgreSQL spent 485–677 µs of CPU
    /// per registration instead of 816 µs, and a rush of 1,000 at a full event took 0.70–0.97 s
    /// instead of 1.24 s (`bench/registration/run`, `MULTAQA_DB_POOL_SIZE=32` for the other).
    /// At least 8, so that a few slow uploads or exports cannot hold every connection; at most 20,
    /// the fixed default before.
    public static func poolSize(cores: Int) -> Int {
        min(20, max(8, 4 * cores))
    }

    /// Every setting at its default: what `AppConfiguration()` starts from.
    public static let defaults: Settings = {
        do {
            return try Settings(environment: [:])
        } catch {
            preconditionFailure("a default breaks its own rule: \(error)")
        }
    }()

    /// Reads every setting: `explicit` values (command-line flags) over `environment` over the
    /// defaults, where `defaults` replaces some of the settings' own defaults (a command's).
    public init(
        explicit: [Variable: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        defaults: [Variable: String] = [:]
    ) throws(InvalidValue) {
        try self.init(reader: Self.reader(explicit: explicit, environment: environment, defaults: defaults))
    }

    /// The layered reader `init(explicit:environment:defaults:)` reads through.
    public static func reader(
        explicit: [Variable: String], environment: [String: String], defaults: [Variable: String]
    ) -> ConfigReader {
        let secrets = Set(Variable.allCases.filter(\.isSecret).map(\.name))
        var defaultValues: [Variable: String] = [:]
        for variable in Variable.allCases {
            defaultValues[variable] = defaults[variable] ?? variable.defaultValue
        }
        return ConfigReader(providers: [
            InMemoryProvider(name: "flags", values: configValues(explicit)),
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(secrets)),
            InMemoryProvider(name: "defaults", values: configValues(defaultValues)),
        ])
    }

    private static func configValues(_ values: [Variable: String]) -> [AbsoluteConfigKey: ConfigValue] {
        var result: [AbsoluteConfigKey: ConfigValue] = [:]
        for (variable, text) in values {
            result[AbsoluteConfigKey(variable.key)] = ConfigValue(.string(text), isSecret: variable.isSecret)
        }
        return result
    }

    /// Reads and checks every setting `multaqa` uses from `reader`; a missing value with no
    /// default is unset, an empty one too for the settings that may be unset.
    private init(reader: ConfigReader) throws(InvalidValue) {
        func text(_ variable: Variable) -> String? {
            reader.string(forKey: variable.key, isSecret: variable.isSecret)
        }
        func optional(_ variable: Variable) -> String? {
            guard let value = text(variable), !value.isEmpty else { return nil }
            return value
        }
        func required(_ variable: Variable) throws(InvalidValue) -> String {
            guard let value = text(variable), !value.isEmpty else {
                throw InvalidValue(variable: variable, rule: "must not be empty", value: text(variable))
            }
            return value
        }
        func integer(_ variable: Variable, in range: ClosedRange<Int>, rule: String) throws(InvalidValue) -> Int {
            let value = text(variable)
            guard let value, let number = Int(value), range.contains(number) else {
                throw InvalidValue(variable: variable, rule: rule, value: value)
            }
            return number
        }
        let positive = "must be a positive whole number"

        databaseURL = optional(.databaseURL)
        databaseReplicaURL = optional(.databaseReplicaURL)
        dataDirectory = try required(.dataDirectory)
        host = try required(.host)
        port = try integer(.port, in: 1...65535, rule: "must be a port number from 1 to 65535")
        maxBodySize = try integer(.maxBodySize, in: 1...Int.max, rule: positive + " of bytes")
        maxUploadSize = try integer(.maxUploadSize, in: 1...Int.max, rule: positive + " of bytes")
        filesDirectory = optional(.filesDirectory)
        databasePoolSize = try integer(
            .databasePoolSize, in: 2...Int.max,
            rule: "must be a whole number of at least 2 (one connection listens for programme changes)")
        databaseWaitMilliseconds = try integer(.databaseWait, in: 1...Int.max, rule: positive + " of milliseconds")
        let limit = try integer(
            .rateLimit, in: 0...Int.max, rule: "must be a whole number of requests per minute (0: no limit)")
        publicWritesPerMinute = limit == 0 ? nil : limit
        trustedProxies = Set(
            (optional(.trustedProxies) ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty })
        let levelName = try required(.logLevel)
        guard let level = Logger.Level(rawValue: levelName.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw InvalidValue(variable: .logLevel, rule: "must be one of \(names)", value: levelName)
        }
        logLevel = level
        smtpURL = optional(.smtpURL)
        mailFrom = try required(.mailFrom)
        publicURL = optional(.publicURL)
        func flag(_ variable: Variable) throws(InvalidValue) -> Bool {
            switch try required(variable) {
            case "1": return true
            case "0": return false
            case let other: throw InvalidValue(variable: variable, rule: "must be 1 or 0", value: other)
            }
        }
        mailWorker = try flag(.mailWorker)
        webhookAllowPrivate = try flag(.webhookAllowPrivate)
        backupDirectory = optional(.backupDirectory)
        let at = try required(.backupAt)
        if at == "off" {
            backupAt = nil
        } else if let schedule = BackupSchedule(text: at) {
            backupAt = schedule
        } else {
            throw InvalidValue(variable: .backupAt, rule: "must be a time of day HH:MM (UTC) or off", value: at)
        }
        backupKeep = try integer(.backupKeep, in: 1...365, rule: "must be a whole number from 1 to 365")
        if try required(.retentionDays) == "off" {
            retentionDays = nil
        } else {
            retentionDays = try integer(
                .retentionDays, in: 1...3650, rule: "must be a whole number of days from 1 to 3650, or off")
        }
    }

    /// A value that breaks its setting's rule.
    public struct InvalidValue: Error, CustomStringConvertible, Equatable {
        public let variable: Variable
        public let rule: String
        /// What was given, shown unless the setting is secret.
        public let value: String?

        public var description: String {
            let flag = variable.flag.map { " (\($0))" } ?? ""
            let given: String
            if variable.isSecret {
                given = ""
            } else if let value {
                given = ", not \"\(value)\""
            } else {
                given = ", and has no value"
            }
            return "\(variable.name)\(flag) \(rule)\(given)"
        }
    }
}

extension Settings {
    /// The ENVIRONMENT block of `multaqa --help`: every variable `multaqa` reads, its summary and
    /// default, wrapped to `width` columns (ArgumentParser keeps lines that fit its 80).
    public static func environmentHelp(width: Int = 79) -> String {
        let variables = Variable.allCases.filter { !$0.isForTestsOnly }
        let column = 2 + (variables.map(\.name.count).max() ?? 0) + 2
        var lines = ["ENVIRONMENT"]
        for variable in variables {
            var text = plain(variable.summary)
            if let shown = variable.helpDefault { text += " Default: \(shown)." }
            let wrapped = wrap(text, width: width - column)
            let name = "  " + variable.name
            lines.append(name.padding(toLength: column, withPad: " ", startingAt: 0) + wrapped[0])
            lines += wrapped.dropFirst().map { String(repeating: " ", count: column) + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// The README's configuration table: every variable, its default and its meaning.
    public static func markdownTable() -> String {
        var lines = ["| variable | default | meaning |", "|---|---|---|"]
        for variable in Variable.allCases {
            let shown = variable.describedDefault ?? variable.defaultValue.map { "`\($0)`" } ?? "unset"
            var meaning = variable.summary
            if let flag = variable.flag { meaning += " Flag: `\(flag)`." }
            if let details = variable.details { meaning += " " + details }
            lines.append("| `\(variable.name)` | \(shown) | \(meaning) |")
        }
        return lines.joined(separator: "\n")
    }

    /// Markdown's code spans read as noise in a terminal.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "")
    }

    /// Words of `text` in lines of at most `width` columns (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        lines.append(line)
        return lines
    }
}
