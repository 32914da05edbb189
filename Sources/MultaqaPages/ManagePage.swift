import Foundation
import MultaqaDomain

/// `/r/{id}`: one attendee's registration as its manage link opens it: the answer after
/// registering (confirmed, waitlisted with the place, pending), the check-in code, the calendar,
/// the link itself, and the changes an attendee may make.
public struct ManagePage: Sendable {
    public var registration: Registration
    public var event: Event
    public var sessions: [Session]
    public var modeSeats: [AttendanceMode: SeatCount]
    public var workshopSeats: [UUID: SeatCount]
    public var waitlist: Bool
    /// The private join link, shown only to a confirmed online attendee (as the API gives it).
    public var joinURL: String?
    /// The whole link, shown so that it can be kept; nil when the page cannot know it.
    public var manageLink: String?
    /// The collectivity's name when the affiliation is one.
    public var affiliationName: String?
    public var csrf: String
    public var notice: String?
    public var errors: [String]
    /// The page of the attendee's certificate of attendance, once one is issued and valid.
    public var certificatePath: String?
    /// How the event gives workshops; in ranked mode, the attendee's ranking and, once allocated,
    /// what they got and why.
    public var workshopChoice = WorkshopChoice()
    public var ranking: [UUID] = []
    public var allocated: [AppliedPlacement] = []
    /// The ranking as sent, kept when it was refused.
    public var rankingInput: FormInput?

    public init(
        registration: Registration, event: Event, sessions: [Session], modeSeats: [AttendanceMode: SeatCount],
        workshopSeats: [UUID: SeatCount], waitlist: Bool, joinURL: String?, manageLink: String?, affiliationName: String?,
        csrf: String, notice: String? = nil, errors: [String] = [], certificatePath: String? = nil
    ) {
        self.certificatePath = certificatePath
        self.registration = registration
        self.event = event
        self.sessions = sessions
        self.modeSeats = modeSeats
        self.workshopSeats = workshopSeats
        self.waitlist = waitlist
        self.joinURL = joinURL
        self.manageLink = manageLink
        self.affiliationName = affiliationName
        self.csrf = csrf
        self.notice = notice
        self.errors = errors
    }

    public func render(language: Language) -> String {
        let labels = PageLabels(language)
        let format = PageFormat(language: language, timeZone: event.timezone)
        let pick = { (text: LocalizedText) in language.pick(text, eventLanguages: event.languages) }
        let title = pick(event.title) ?? event.slug
        let id = registration.id.idText
        let active = registration.status.isActive
        let erased = registration.erasedAt != nil
        let held = Set(registration.workshops)
        let byID = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id, $0) })
        var details: [[String: Any]] = []
        func detail(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { details.append(["label": label, "value": value]) }
        }
        if !erased {
            detail(labels["form.fullName"], registration.fullName)
            detail(labels["form.email"], registration.email)
            detail(labels["form.phone"], registration.phone)
            detail(labels["form.category"], labels.category(registration.category))
            detail(labels["form.position"], registration.position)
            detail(labels["form.affiliation"], affiliationName)
            detail(labels["form.attendance"], labels.mode(registration.mode))
            let workshops = registration.workshops.compactMap { byID[$0] }.sorted { $0.startsAt < $1.startsAt }
                .map { (pick($0.title) ?? "") + " (" + format.time($0.startsAt) + ")" }
            detail(labels["form.workshops"], workshops.joined(separator: " · "))
        }
        let slotIndex = WorkshopSlots(sessions: sessions)
        let ranked = workshopChoice.mode == .ranked
        let rankingOpen = ranked && active && (workshopChoice.rankingsCloseAt.map { Date() < $0 } ?? true)
        let rankingValues = rankingInput?.values ?? RankingFields.values(ranking, slots: slotIndex)
        let titles = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id, pick($0.title) ?? "") })
        let rankingList: [[String: Any]] =
            ranked && !rankingOpen && !ranking.isEmpty
            ? slotIndex.slots.enumerated().compactMap { index, slot in
                let offered = Set(slot.workshops.map(\.id))
                let chosen = ranking.filter(offered.contains)
                guard !chosen.isEmpty else { return nil }
                return [
                    "label": RegistrationForm.slotLabel(index, slot, labels: labels, format: format),
                    "workshops": chosen.map { ["title": titles[$0] ?? ""] },
                ]
            } : []
        let context = present([
            "id": id, "slug": event.slug, "eventTitle": title, "when": format.period(event.startsAt, event.endsAt),
            "status": registration.status.rawValue, "statusLabel": labels.status(registration.status),
            "position": registration.status == .waitlisted ? registration.waitlistPosition : nil,
            "positionText": registration.waitlistPosition.map {
                labels["manage.position"].replacingOccurrences(of: "{n}", with: format.number($0))
            },
            "active": active, "erased": erased, "confirmed": registration.status == .confirmed && !erased,
            "checkInCode": CheckInCode.display(registration.checkInCode),
            "joinURL": registration.status == .confirmed && registration.mode == .online ? joinURL : nil,
            "manageLink": active ? manageLink : nil, "certificate": certificatePath, "details": details, "csrf": csrf,
            "notice": notice,
            "errors": errors.map { ["message": $0] },
            "manyModes": AttendanceMode.allowed(by: event.format).filter { modeSeats[$0] != nil }.count > 1,
            "modes": AttendanceMode.allowed(by: event.format).filter { modeSeats[$0] != nil }.map { mode in
                RegistrationForm.modeOption(
                    mode, seats: registration.mode == mode ? nil : modeSeats[mode], waitlist: waitlist,
                    checked: registration.mode == mode, labels: labels, format: format)
            },
            "rankingSlots": rankingOpen
                ? RankingFields.groups(
                    slotIndex, chosen: { rankingValues[$0] }, choices: workshopChoice.rankedChoices, labels: labels,
                    format: format, pick: pick) : [],
            "rankingClosed": ranked && !rankingOpen && active, "rankingList": rankingList,
            "allocation": active
                ? AllocationText.entries(allocated, slots: slotIndex, titles: titles, labels: labels, format: format) : [],
            "slots": ranked
                ? [] as [[String: Any]]
                : RegistrationForm.slots(
                    slotIndex, seats: workshopSeats,
                    chosen: { index in
                        slotIndex.slots[index].workshops.first { held.contains($0.id) }?.id.idText
                    }, keep: held, labels: labels, format: format, pick: pick),
            "languageOptions": RegistrationForm.languageOptions(chosen: registration.language.rawValue),
        ])
        return PageRenderer.render(
            "manage", context, shell: PageShell(language: language, title: labels["manage.title"], path: "/r/\(id)"))
    }
}
