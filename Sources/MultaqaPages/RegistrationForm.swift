import Foundation
import MultaqaDomain

/// `/e/{slug}/register`: the registration form, empty or as sent with its errors by their fields.
public struct RegistrationForm: Sendable {
    public var event: Event
    public var settings: RegistrationSettings
    public var state: RegistrationState
    public var modeSeats: [AttendanceMode: SeatCount]
    public var sessions: [Session]
    public var workshopSeats: [UUID: SeatCount]
    public var collectivities: [CollectivityChoice]
    /// What was sent, to fill the fields again.
    public var input: FormInput
    /// Messages by form field (`full_name`, `email`, `mode`, `workshops`…), in the page's language.
    public var errors: [(field: String, message: String)]
    public var formID: String
    public var csrf: String
    /// The token of the "send my link again" form below the registration form.
    public var resendCSRF: String
    public var notice: String?

    public init(
        event: Event, settings: RegistrationSettings, state: RegistrationState, modeSeats: [AttendanceMode: SeatCount],
        sessions: [Session], workshopSeats: [UUID: SeatCount], collectivities: [CollectivityChoice], input: FormInput = .init(),
        errors: [(field: String, message: String)] = [], formID: String, csrf: String, resendCSRF: String,
        notice: String? = nil
    ) {
        self.event = event
        self.settings = settings
        self.state = state
        self.modeSeats = modeSeats
        self.sessions = sessions
        self.workshopSeats = workshopSeats
        self.collectivities = collectivities
        self.input = input
        self.errors = errors
        self.formID = formID
        self.csrf = csrf
        self.resendCSRF = resendCSRF
        self.notice = notice
    }

    /// The form's fields in the order the page shows them, so that the error summary follows it.
    public static let fieldOrder = [
        "full_name", "email", "phone", "category", "position", "collectivity", "mode", "workshops", "invitation_code",
        "language", "consent",
    ]

    public func render(language: Language) -> String {
        let labels = PageLabels(language)
        let format = PageFormat(language: language, timeZone: event.timezone)
        let pick = { (text: LocalizedText) in language.pick(text, eventLanguages: event.languages) }
        let title = pick(event.title) ?? event.slug
        var fields: [String: Any] = [:]
        for name in ["full_name", "email", "phone", "position", "invitation_code", "category", "collectivity", "mode"]
            + ["workshops", "consent"]
        {
            fields[name] = present(["value": input[name], "error": errors.first { $0.field == name }?.message])
        }
        let chosenMode =
            input["mode"]
            ?? (AttendanceMode.allowed(by: event.format).count == 1 ? AttendanceMode.allowed(by: event.format)[0].rawValue : nil)
        let modes: [[String: Any]] = AttendanceMode.allowed(by: event.format).filter { modeSeats[$0] != nil }.map { mode in
            Self.modeOption(
                mode, seats: modeSeats[mode], waitlist: settings.waitlist, checked: chosenMode == mode.rawValue, labels: labels,
                format: format
            )
            .merging(["invalid": errors.contains { $0.field == "mode" }]) { $1 }
        }
        // Ranked workshops are ranked here, and allocated later; otherwise they are taken now.
        let ranked = settings.workshopChoice.mode == .ranked
        let slotIndex = WorkshopSlots(sessions: sessions)
        let slots =
            ranked
            ? []
            : Self.slots(
                slotIndex, seats: workshopSeats, chosen: { input[WorkshopSlots.fieldName($0)] }, keep: [], labels: labels,
                format: format, pick: pick)
        let rankingSlots =
            ranked
            ? RankingFields.groups(
                slotIndex, chosen: { input[$0] }, choices: settings.workshopChoice.rankedChoices, labels: labels,
                format: format, pick: pick) : []
        let regionsList = collectivities.filter { $0.kind == "region" }
        let chosenCollectivity = input["collectivity"]
        let chosenRegion = input["region"]
        let context = present([
            "slug": event.slug, "eventTitle": title, "when": format.period(event.startsAt, event.endsAt),
            "venue": event.format.hasVenue ? event.venue.city ?? event.venue.name : nil,
            "notice": notice,
            "closed": state.isOpen ? nil : (state.message(labels, format) ?? labels["form.closed"]),
            "errors": Self.fieldOrder.flatMap { name in
                errors.filter { $0.field == name }.map { ["target": Self.target(name), "message": $0.message] }
            } + errors.filter { !Self.fieldOrder.contains($0.field) }.map { ["target": "errors", "message": $0.message] },
            "formID": formID, "csrf": csrf, "resendCSRF": resendCSRF, "f": fields,
            "categories": settings.categories.map { category -> [String: Any] in
                [
                    "value": category.rawValue, "label": labels.category(category),
                    "selected": input["category"] == category.rawValue,
                ]
            },
            "phoneRequired": settings.requiredFields.contains(.phone),
            "positionRequired": settings.requiredFields.contains(.position),
            "affiliationRequired": settings.requiredFields.contains(.affiliation),
            "regions": regionsList.map { region -> [String: Any] in
                ["code": region.code, "name": pick(region.name) ?? region.code, "selected": chosenRegion == region.code]
            },
            "regionGroups": regionsList.map { region -> [String: Any] in
                let members = [region] + collectivities.filter { $0.parentCode == region.code && $0.kind != "region" }
                return [
                    "name": pick(region.name) ?? region.code,
                    "members": members.map { member -> [String: Any] in
                        [
                            "code": member.code, "region": region.code, "name": pick(member.name) ?? member.code,
                            "selected": chosenCollectivity == member.code,
                        ]
                    },
                ]
            },
            "modes": modes, "slots": slots, "rankingSlots": rankingSlots, "inviteOnly": settings.inviteOnly,
            "languageOptions": Self.languageOptions(chosen: input["language"] ?? language.rawValue),
            "consented": input["consent"] == "yes",
        ])
        return PageRenderer.render(
            "register", context,
            shell: PageShell(language: language, title: labels["form.title"] + " · " + title, path: "/e/\(event.slug)/register"))
    }

    /// The element an error's summary link leads to.
    static func target(_ field: String) -> String {
        switch field {
        case "mode": "mode-field"
        case "workshops": "error-workshops"
        default: field
        }
    }

    static func modeOption(
        _ mode: AttendanceMode, seats: SeatCount?, waitlist: Bool, checked: Bool, labels: PageLabels, format: PageFormat
    ) -> [String: Any] {
        var option: [String: Any] = ["value": mode.rawValue, "label": labels.mode(mode), "checked": checked]
        if let seats, let left = seats.left {
            if left > 0 {
                option["seats"] = labels["form.seatsLeft"].replacingOccurrences(of: "{n}", with: format.number(left))
            } else {
                option["waitlist"] = waitlist ? labels["form.waitlist"] : labels["form.full"]
            }
        }
        return option
    }

    /// One radio group per time slot, with "none" first; `keep` are workshops the attendee holds,
    /// never shown as full to them.
    static func slots(
        _ slots: WorkshopSlots, seats: [UUID: SeatCount], chosen: (Int) -> String?, keep: Set<UUID>, labels: PageLabels,
        format: PageFormat, pick: (LocalizedText) -> String?
    ) -> [[String: Any]] {
        slots.slots.enumerated().map { index, slot in
            let name = WorkshopSlots.fieldName(index)
            let choice = chosen(index) ?? ""
            var options: [[String: Any]] = [
                [
                    "name": name, "id": "none", "value": "", "title": labels["form.noWorkshop"], "checked": choice.isEmpty,
                    "full": false,
                ]
            ]
            for workshop in slot.workshops {
                let id = workshop.id.idText
                let count = seats[workshop.id]
                let full = (count?.isFull ?? false) && !keep.contains(workshop.id) && choice != id
                var option: [String: Any] = [
                    "name": name, "id": id, "value": id, "title": pick(workshop.title) ?? "", "checked": choice == id,
                    "full": full,
                ]
                if let left = count?.left, !full {
                    option["seats"] = labels["form.seatsLeft"].replacingOccurrences(of: "{n}", with: format.number(left))
                }
                options.append(option)
            }
            return ["label": slotLabel(index, slot, labels: labels, format: format), "options": options]
        }
    }

    /// "Time slot 2 · Saturday 26 March 09:00–11:00".
    static func slotLabel(_ index: Int, _ slot: WorkshopSlots.Slot, labels: PageLabels, format: PageFormat) -> String {
        labels["form.slot"].replacingOccurrences(of: "{n}", with: format.number(index + 1)) + " · "
            + format.day(slot.startsAt) + " " + format.time(slot.startsAt) + "–" + format.time(slot.endsAt)
    }

    static func languageOptions(chosen: String) -> [[String: Any]] {
        Language.allCases.map { language in
            [
                "code": language.rawValue, "name": PageLabels.languageNames[language] ?? language.rawValue,
                "selected": language.rawValue == chosen,
            ]
        }
    }
}
