import ArgumentParser
import Foundation
import MultaqaAPI
import MultaqaDomain
import MultaqaStore

/// `multaqa purge --event SLUG [--dry-run]`: the retention janitor's erasure, now, for one event.
struct Purge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase the personal data of an event's registrations now.",
        discussion: """
            What `serve` does by itself once an event has ended longer ago than its retention \
            period (MULTAQA_RETENTION_DAYS, or the event's own): names, addresses, phones, \
            positions and affiliations are erased, as an attendee's own erasure does, and unsent \
            mail is dropped; status, mode, category, collectivity, workshops and check-ins stay, \
            so statistics and reports keep their figures. The purge is recorded (GET /v1/audit). \
            --dry-run says how many registrations it would erase and changes nothing. An event \
            that has not ended yet needs --before-end: its attendees could no longer be written to.
            """)

    @Option(help: "The event's slug or id.")
    var event: String

    @Flag(help: "Say how many registrations would be erased; change nothing.")
    var dryRun = false

    @Flag(help: "Purge an event that has not ended yet.")
    var beforeEnd = false

    @OptionGroup var database: DatabaseOptions

    /// A purge refused for a reason of the event's, told without the usage text.
    struct Refusal: Error, CustomStringConvertible {
        let description: String

        init(_ description: String) {
            self.description = description
        }
    }

    func run() async throws {
        let (reference, dryRun, beforeEnd) = (event, dryRun, beforeEnd)
        try await database.withDatabase(label: "multaqa.purge") { db in
            let event = try await EventStore(database: db).find(reference)
            let store = RetentionStore(database: db)
            let holding = try await store.holding(eventID: event.id)
            let ended = event.endsAt <= Date()
            if dryRun {
                print(
                    "\(event.slug): \(holding.registrations) registrations hold personal data and would be erased"
                        + (ended ? "" : " (the event has not ended: --before-end is needed)"))
                return
            }
            guard ended || beforeEnd else {
                throw Refusal(
                    "\(event.slug) ends \(event.endsAt.formatted(.iso8601)): its attendees could still need their mail and badges; "
                        + "pass --before-end to purge it anyway")
            }
            let erased = try await store.purge(
                eventID: event.id, by: .command("purge"), detail: ended ? [:] : ["beforeEnd": "yes"])
            print("\(event.slug): personal data of \(erased) registrations erased")
        }
    }
}
