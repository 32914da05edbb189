import Foundation
import Logging
import MultaqaDomain
import MultaqaMail
import MultaqaReports
import MultaqaStore
import ServiceLifecycle

/// Drains the outbox: every instance runs one. Due notifications are taken a batch at a time
/// (`NotificationStore.deliverDue`), composed in their attendee's language and handed to the
/// transport; registering never waits for any of it.
public struct MailWorker: Service {
    public struct Configuration: Sendable {
        public var transport: any MailTransport
        public var composer: NotificationMail
        /// The service's address as attendees reach it, for the links in mails.
        public var publicURL: String
        public var retry: RetryPolicy
        /// How often an idle worker looks for due notifications.
        public var pollInterval: Duration
        public var batchSize: Int
        /// Mails of a batch handed to the transport at once: a relay's round trips overlap.
        public var concurrency: Int
        /// The hour (in the event's time zone) from which the day-before reminders go out.
        public var reminderHour: Int

        public init(
            transport: any MailTransport, composer: NotificationMail, publicURL: String,
            retry: RetryPolicy = .init(), pollInterval: Duration = .seconds(1), batchSize: Int = 20,
            concurrency: Int = 4, reminderHour: Int = 9
        ) {
            self.transport = transport
            self.composer = composer
            self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
            self.retry = retry
            self.pollInterval = pollInterval
            self.batchSize = batchSize
            self.concurrency = concurrency
            self.reminderHour = reminderHour
        }
    }

    let configuration: Configuration
    let database: Database
    let logger: Logger

    public init(configuration: Configuration, database: Database, logger: Logger) {
        self.configuration = configuration
        self.database = database
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            let clock = ContinuousClock()
            var remindersDue = clock.now
            while !Task.isCancelled {
                if clock.now >= remindersDue {
                    remindersDue = clock.now.advanced(by: .seconds(60))
                    do {
                        try await NotificationStore(database: database).scheduleReminders(
                            at: Date(), fromHour: configuration.reminderHour)
                    } catch {
                        logger.warning("mail: reminders not scheduled", metadata: ["error": "\(error)"])
                    }
                }
                var taken = 0
                do {
                    taken = try await drainOnce()
                } catch {
                    logger.warning("mail: the outbox could not be read", metadata: ["error": "\(error)"])
                }
                // A full batch: more may be due at once.
                if taken < configuration.batchSize {
                    try? await Task.sleep(for: configuration.pollInterval)
                }
            }
        }
    }

    /// One batch: returns how many notifications were taken.
    @discardableResult
    public func drainOnce() async throws -> Int {
        let store = NotificationStore(database: database)
        return try await store.deliverDue(limit: configuration.batchSize, policy: configuration.retry) { pending in
            // Each event of the batch is read once.
            var events: [UUID: EventContext] = [:]
            for eventID in Set(pending.map(\.eventID)) {
                do {
                    let settings = try await RegistrationStore(database: database).settings(eventID: eventID)
                    events[eventID] = EventContext(
                        event: try await EventStore(database: database).find(eventID.uuidString),
                        workshops: try await workshopsOf(event: eventID),
                        replyTo: settings?.replyTo.map { MailAddress($0) })
                } catch {
                    // When the worker is stopping, the event's mails stay due (below) without a word.
                    if !Task.isCancelled {
                        logger.warning("mail: event \(eventID) not read", metadata: ["error": "\(error)"])
                    }
                }
            }
            let known = events
            // The batch's registrations in one statement rather than one each.
            let registrations: [UUID: Registration]
            do {
                registrations = try await RegistrationStore(database: database).find(ids: pending.compactMap(\.registrationID))
            } catch {
                // The worker is stopping: nothing is said of the batch, which stays due as it was.
                if Task.isCancelled { return [:] }
                // The database is away: the whole batch is tried again later.
                logger.warning("mail: registrations not read", metadata: ["error": "\(error)"])
                return Dictionary(
                    uniqueKeysWithValues: pending.map { ($0.id, .failed("not composed: \(error)", permanent: false)) })
            }
            let outcomes = await BoundedTaskGroup.results(of: pending, limit: configuration.concurrency, key: \.id) {
                notification -> NotificationStore.Outcome? in
                guard let event = known[notification.eventID] else {
                    return Task.isCancelled ? nil : .failed("the event could not be read", permanent: false)
                }
                do {
                    return try await deliver(
                        notification, event, registration: notification.registrationID.flatMap { registrations[$0] })
                } catch {
                    if Task.isCancelled { return nil }
                    // The registration is gone (deleted since), or the mail could not be composed:
                    // tried again later.
                    logger.warning("mail: notification \(notification.id) not composed", metadata: ["error": "\(error)"])
                    return .failed("not composed: \(error)", permanent: false)
                }
            }
            return outcomes.compactMapValues { $0 }
        }
    }

    /// What every mail of one event in a batch shares.
    struct EventContext: Sendable {
        let event: Event
        let workshops: [UUID: AttendeeCalendarRenderer.Workshop]
        let replyTo: MailAddress?
    }

    /// What to record of the notification; nil when the worker stopped before the message left,
    /// so that it stays due with no attempt counted.
    private func deliver(
        _ notification: NotificationStore.Pending, _ shared: EventContext, registration: Registration?
    ) async throws
        -> NotificationStore.Outcome?
    {
        let event = shared.event
        guard notification.registrationID != nil else {
            return .failed("a notification without a registration has no recipient", permanent: true)
        }
        guard let registration else { throw DomainError.notFound(resource: "registration") }
        guard let email = registration.email else {
            return .failed("the registration's personal data was erased", permanent: true)
        }
        // Written before a change that makes it wrong: a reminder to someone who cancelled, or of
        // an event that no longer takes place; a link to a registration that no longer stands.
        switch notification.kind {
        case .eventReminder where registration.status != .confirmed || event.status != .published:
            return .failed("not sent: the registration or the event changed before it left", permanent: true)
        case .certificateIssued where notification.secret == nil:
            return .failed("not sent: the certificate's code is gone", permanent: true)
        case .manageLink where !registration.status.isActive:
            return .failed("not sent: the registration no longer stands", permanent: true)
        default:
            break
        }
        let context = NotificationContext(
            outboxID: notification.id, kind: notification.kind, registration: registration, event: event,
            workshops: registration.workshops.compactMap { shared.workshops[$0] }.sorted {
                $0.session.startsAt < $1.session.startsAt
            },
            manageURL: notification.kind == .certificateIssued
                ? nil : notification.secret.map { configuration.publicURL + "/r/" + $0 },
            replyTo: shared.replyTo,
            certificateURL: notification.kind == .certificateIssued
                ? notification.secret.map { configuration.publicURL + "/c/" + $0 } : nil)
        let message = try configuration.composer.compose(context, now: Date())
        do {
            try await configuration.transport.send(message, to: email)
            logger.info("mail: sent", metadata: ["notification": "\(notification.id)", "kind": "\(notification.kind.rawValue)"])
            return .sent
        } catch let error as MailTransportError {
            logger.warning("mail: not sent", metadata: ["notification": "\(notification.id)", "error": "\(error)"])
            return .failed(error.description, permanent: error.permanent)
        } catch is CancellationError {
            // The transports hand a message over on the thread pool, which drops a job not yet
            // started when the worker is cancelled at shutdown: that message never left.
            logger.info("mail: left for the next start", metadata: ["notification": "\(notification.id)"])
            return nil
        } catch {
            logger.warning("mail: not sent", metadata: ["notification": "\(notification.id)", "error": "\(error)"])
            return .failed("\(error)", permanent: false)
        }
    }

    private func workshopsOf(event: UUID) async throws -> [UUID: AttendeeCalendarRenderer.Workshop] {
        let schedule = ScheduleStore(database: database)
        let rooms = Dictionary(uniqueKeysWithValues: try await schedule.rooms(eventID: event).map { ($0.id, $0.name) })
        var result: [UUID: AttendeeCalendarRenderer.Workshop] = [:]
        for session in try await schedule.sessions(eventID: event) where session.kind == .workshop {
            result[session.id] = .init(session: session, room: session.roomID.flatMap { rooms[$0] })
        }
        return result
    }
}
