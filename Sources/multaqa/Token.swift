import ArgumentParser
import Foundation
import MultaqaDomain
import MultaqaStore

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API tokens.",
        discussion: """
            Requests carry a token as `Authorization: Bearer TOKEN`. Roles: admin, organizer \
            (schedules events, manages registrations and recommendations), rapporteur (drafts the \
            recommendations of the workshops of the person it is bound to). Only a hash is stored: \
            a token is shown once, when it is created.
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")

        @Option(help: "What the token is for, e.g. \"programme team\".")
        var name: String

        @Option(help: "admin, organizer or rapporteur.")
        var role: String

        @Option(help: "The person a rapporteur token acts as (a person id).")
        var person: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be admin, organizer or rapporteur")
            }
            if let person, UUID(idText: person) == nil {
                throw ValidationError("--person must be a person id (a UUID)")
            }
        }

        func run() async throws {
            let personID = person.flatMap(UUID.init(idText:))
            let role = Role(rawValue: role)!
            try await database.withDatabase(label: "multaqa.token") { db in
                let (token, record) = try await TokenStore(database: db).create(name: name, role: role, personID: personID)
                print(token)
                FileHandle.standardError.write(
                    Data(
                        "token \(record.id.idText) (\(record.role.rawValue)) created; it is not shown again\n"
                            .utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withDatabase(label: "multaqa.token") { db in
                let formatter = ISO8601DateFormatter()
                for record in try await TokenStore(database: db).list() {
                    let state = record.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active"
                    let used = record.lastUsedAt.map { formatter.string(from: $0) } ?? "never"
                    print(
                        "\(record.id.idText)\t\(record.role.rawValue)\t\(state)\tlast used \(used)\t\(record.name)"
                    )
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once.")

        @Argument(help: "The token's id, as `token list` shows it.")
        var id: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let tokenID = UUID(idText: id) else {
                throw ValidationError("the id must be a token id as `multaqa token list` shows it")
            }
            try await database.withDatabase(label: "multaqa.token") { db in
                try await TokenStore(database: db).revoke(id: tokenID)
                print("revoked \(id)")
            }
        }
    }
}
