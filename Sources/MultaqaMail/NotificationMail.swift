import Foundation
import MultaqaDomain
import MultaqaReports
import Mustache
import Synchronization

/// Turns a notification into the mail its attendee receives, in their language, from the
/// templates beside this file: the same words as plain text and as HTML.
public struct NotificationMail: Sendable {
    /// The sender every mail shows, e.g. `Multaqa <no-reply@events.example.ma>`.
    public var from: MailAddress
    /// Where replies go; nil: nowhere but the sender.
    public var replyTo: MailAddress?

    public init(from: MailAddress, replyTo: MailAddress? = nil) {
        self.from = from
        self.replyTo = replyTo
    }

    static let templates: (html: ShapedTemplate, text: ShapedTemplate) = {
        // The templates ship inside the binary and are tested; failing to parse one is a build defect.
        HTMLEscaping.registered
        return (
            ShapedTemplate(try! MustacheTemplate(string: String(decoding: PackageResources.mail_html_mustache, as: UTF8.self))),
            ShapedTemplate(try! MustacheTemplate(string: String(decoding: PackageResources.mail_txt_mustache, as: UTF8.self)))
        )
    }()

    /// The Message-ID of an outbox row: the same on every attempt, so that a receiver can drop
    /// the second copy of a message sent twice (a process killed between sending and marking).
    public func messageID(outboxID: Int64, eventID: UUID) -> String {
        let domain = Self.domain(of: from.address)
        // The event's id tells apart two databases that send from one domain (a rehearsal and
        // the real one); twelve of its hex digits are enough, and keep the header on one line.
        let event = withUnsafeBytes(of: eventID.uuid) { $0.prefix(6).hexadecimal }
        return "multaqa.\(outboxID).\(event)@\(domain)"
    }

    /// The last non-empty part of an address after an `@`, found among its bytes.
    static func domain(of address: String) -> String {
        let bytes = address.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "@") {
            end = bytes.index(before: end)
        }
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "@")).map { bytes.index(after: $0) } ?? bytes.startIndex
        return start < end ? String(address[start..<end]) : "multaqa.invalid"
    }

    public func compose(_ context: NotificationContext, now: Date) throws(DomainError) -> MailMessage {
        let registration = context.registration
        guard let email = registration.email else {
            throw .conflict(rule: "registration_erased", detail: "the registration's personal data was erased")
        }
        let language = registration.language
        let labels = MailLabels(language: language)
        let event = context.event
        let title = language.pick(event.title, eventLanguages: event.languages) ?? event.slug
        let (subjectPattern, leadPattern) = labels.opening(context.kind, status: registration.status)
        func fill(_ pattern: String, quoted: Bool) -> String {
            Self.substituted(
                pattern,
                [
                    "event": quoted ? labels.quoted(title) : title,
                    "position": registration.waitlistPosition.map(String.init) ?? "—",
                ])
        }
        let subject = fill(subjectPattern, quoted: false)

        // What the attendee needs to come: only while the registration still stands.
        let stands =
            registration.status.isActive && context.kind != .registrationCancelled
            && context.kind != .registrationRejected && context.kind != .certificateIssued
        var facts: [TemplateValue] = []
        func fact(_ label: String, _ lines: [String]) {
            facts.append(
                .object([
                    "label": .text(label), "lines": .list(lines.map(TemplateValue.text)),
                    "text": .text(lines.joined(separator: "\n" + labels.continuation)),
                ]))
        }
        var code: String?
        var attachments: [MailMessage.Attachment] = []
        if stands {
            fact(labels.when, [Self.period(event, labels: labels)])
            if registration.mode == .inPerson, event.format.hasVenue {
                // A venue named after its city says the city once.
                var venue: [String] = []
                for part in [event.venue.name, event.venue.address, event.venue.city].compactMap({ $0 })
                where !venue.contains(part) {
                    venue.append(part)
                }
                if !venue.isEmpty { fact(labels.place, [venue.joined(separator: labels.listSeparator)]) }
            }
            fact(labels.attendance, [labels.mode(registration.mode)])
            if !context.workshops.isEmpty {
                fact(
                    labels.workshops,
                    context.workshops.map { workshop in
                        let name = language.pick(workshop.session.title, eventLanguages: event.languages) ?? ""
                        let time = Self.moment(workshop.session.startsAt, event: event, labels: labels)
                        return [time, name, workshop.room].compactMap { $0 }.joined(separator: " · ")
                    })
            }
            if registration.status == .confirmed {
                code = CheckInCode.display(registration.checkInCode)
            }
            // The calendar comes with the mail that confirms a seat, and again with the workshops allocated.
            let confirms: Set<NotificationKind> = [
                .registrationReceived, .waitlistPromoted, .registrationApproved, .workshopsAllocated,
            ]
            if registration.status == .confirmed, confirms.contains(context.kind) {
                let calendar = AttendeeCalendarRenderer.render(
                    event: event, workshops: context.workshops, language: language, link: context.joinURL, generatedAt: now)
                attachments.append(
                    .init(
                        filename: "\(event.slug).ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                        data: Data(calendar.utf8)))
            }
        }
        let greeting = labels.greeting(registration.fullName)
        var values: TemplateObject = [
            "language": .text(language.rawValue), "direction": .text(language.isRightToLeft ? "rtl" : "ltr"),
            "codeAlign": .text(language.isRightToLeft ? "right" : "left"), "colon": .text(labels.colon),
            "subject": .text(subject), "eventTitle": .text(title), "heading": .text(subject),
            "greetingBefore": .text(greeting.before), "greetingName": .text(greeting.name),
            "greetingAfter": .text(greeting.after), "lead": .text(fill(leadPattern, quoted: true)),
            "hasFacts": .flag(!facts.isEmpty), "facts": .list(facts),
            "checkInCodeLabel": .text(labels.checkInCode), "checkInNote": .text(labels.checkInNote),
            "joinLabel": .text(labels.join), "manageLabel": .text(labels.manage), "manageNote": .text(labels.manageNote),
            "footer": .text(labels.footer),
        ]
        // A section shows for a flag set to true, never for an absent one: the templates place
        // texts and choose by flags, which lets them be rendered once per shape (ShapedTemplate).
        if let code {
            values["code"] = .text(code)
            values["hasCode"] = .flag(true)
        }
        if stands, let join = context.joinURL {
            values["joinURL"] = .text(join)
            values["hasJoinURL"] = .flag(true)
        }
        if stands, let manage = context.manageURL {
            values["manageURL"] = .text(manage)
            values["hasManageURL"] = .flag(true)
        }
        if let certificate = context.certificateURL {
            values["certificateURL"] = .text(certificate)
            values["certificateLabel"] = .text(labels.certificate)
            values["certificateNote"] = .text(labels.certificateNote)
            values["hasCertificateURL"] = .flag(true)
        }
        if !attachments.isEmpty {
            values["calendarNote"] = .text(labels.calendarNote)
            values["hasCalendarNote"] = .flag(true)
        }
        let shaped = ShapedValues(values)
        return MailMessage(
            from: from, to: MailAddress(email, name: registration.fullName), replyTo: context.replyTo ?? replyTo,
            subject: subject,
            messageID: messageID(outboxID: context.outboxID, eventID: event.id), date: now, language: language.rawValue,
            text: Self.templates.text.render(shaped), html: Self.templates.html.render(shaped),
            attachments: attachments)
    }

    /// `pattern` with each `{name}` among `values` replaced by its value, and every other character
    /// kept (an unknown `{name}` included).
    static func substituted(_ pattern: String, _ values: [String: String]) -> String {
        let bytes = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")),
                let value = values[String(decoding: bytes[(index + 1)..<close], as: UTF8.self)]
            {
                out.append(contentsOf: value.utf8)
                index = close + 1
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An event's dates as its mails say them, kept per event and language: ICU's formatting
    /// cost about 23,000 instructions a mail for words that are the same in every mail of an
    /// event.
    static func period(_ event: Event, labels: MailLabels) -> String {
        let key = PeriodKey(
            startsAt: event.startsAt, endsAt: event.endsAt, timezone: event.timezone, locale: labels.locale.identifier)
        if let kept = periods.withLock({ $0[key] }) { return kept }
        let text = formattedPeriod(event, labels: labels)
        periods.withLock { kept in
            if kept.count >= 256 { kept.removeAll(keepingCapacity: true) }
            kept[key] = text
        }
        return text
    }

    private struct PeriodKey: Hashable {
        let startsAt: Date
        let endsAt: Date
        let timezone: String
        let locale: String
    }

    private static let periods = Mutex<[PeriodKey: String]>([:])

    /// The event's days in its own time zone, written the attendee's way: one day with its hours,
    /// or the first and the last day.
    private static func formattedPeriod(_ event: Event, labels: MailLabels) -> String {
        let zone = TimeZone(identifier: event.timezone) ?? .gmt
        let day = DateFormatters.localized(template: "EEEEdMMMMy", locale: labels.locale, timeZone: zone)
        if CivilTime.sameDay(event.startsAt, event.endsAt, in: zone) {
            return day.string(from: event.startsAt) + ", " + time(event.startsAt, event: event, labels: labels) + "–"
                + time(event.endsAt, event: event, labels: labels)
        }
        return day.string(from: event.startsAt) + " – " + day.string(from: event.endsAt)
    }

    /// When a workshop starts: its time, after its day when the event lasts several days.
    static func moment(_ date: Date, event: Event, labels: MailLabels) -> String {
        let zone = TimeZone(identifier: event.timezone) ?? .gmt
        guard !CivilTime.sameDay(event.startsAt, event.endsAt, in: zone) else { return time(date, event: event, labels: labels) }
        let day = DateFormatters.localized(template: "EEEEdMMMM", locale: labels.locale, timeZone: zone)
        return day.string(from: date) + " " + time(date, event: event, labels: labels)
    }

    static func time(_ date: Date, event: Event, labels: MailLabels) -> String {
        DateFormatters.fixed(format: "HH:mm", locale: labels.locale, timeZone: TimeZone(identifier: event.timezone) ?? .gmt)
            .string(from: date)
    }
}
