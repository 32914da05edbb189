import ArgumentParser
import Foundation
import MultaqaDemo
import MultaqaStore

/// `multaqa demo load [--reset]`: the meetings of the domain notes as a living system.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the built-in demo: real meetings of territorial collectivities, with fictional participants.",
        subcommands: [Load.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the demo's meetings that are not there yet (a second run changes nothing).",
            discussion: """
                The five meetings of the domain notes: a Franco-Moroccan webinar, the closing \
                conference of a cooperation project, a hybrid seminar, the Agadir meeting on the \
                communes performance programme (three workshops and their recommendations at every \
                stage of follow-up) and the Saïdia forum of the network of open collectivities \
                (350 fictional participants, with check-ins). Officials \
                appear only as the speakers the original reports name; every generated person is \
                fictional and says so in their name, with an address at demo.example.org.
                """)

        @Flag(help: "Remove the demo's meetings and fictional people first, then load them again.")
        var reset = false

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let reset = reset
            let interactive = isatty(STDERR_FILENO) == 1
            try await database.withDatabase(label: "multaqa.demo") { db in
                let report = try await DemoLoader(database: db) { stage in
                    if interactive { FileHandle.standardError.write(Data("… \(stage)\n".utf8)) }
                }.load(reset: reset)
                for slug in report.eventsCreated { print("created \(slug)") }
                for slug in report.eventsKept { print("already there: \(slug)") }
                if report.registrations > 0 || report.recommendations > 0 {
                    print(
                        "\(report.registrations) registrations, \(report.checkIns) check-ins, \(report.recommendations) recommendations"
                    )
                }
            }
        }
    }
}
