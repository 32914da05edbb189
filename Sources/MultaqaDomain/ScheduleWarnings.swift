import Foundation

/// What an organiser must see before publishing, the way pretalx shows scheduling
/// warnings. The hard rules (no double-booked room or person, sessions within the event) are
/// refused by the database; these are the soft ones, found in the program as it stands.
public struct ScheduleWarning: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A session outside the hours its room may be used.
        case outsideRoomHours = "outside_room_hours"
        /// A session with more places than its room (the room shrank after the session was set).
        case overRoomCapacity = "over_room_capacity"
        /// A person with no time to move between two sessions in different rooms.
        case noTimeToMove = "no_time_to_move"
        /// A workshop without its coordinator or its rapporteur.
        case workshopStaff = "workshop_staff"
        /// A session of an in-person or hybrid event without a room.
        case noRoom = "no_room"
    }

    public var kind: Kind
    public var message: String
    public var sessionIDs: [UUID]
    public var personID: UUID?
    public var roomID: UUID?

    public static let minimumChange: TimeInterval = 10 * 60

    public static func check(_ program: Program) -> [ScheduleWarning] {
        var warnings: [ScheduleWarning] = []
        let slots = program.days.flatMap(\.slots)
        let chooser = { (text: LocalizedText) in text.fr ?? text.en ?? text.ar ?? "" }
        for slot in slots {
            let session = slot.session
            let title = chooser(session.title)
            if let room = slot.room {
                if let opens = room.opensAt, session.startsAt < opens {
                    warnings.append(
                        .init(
                            kind: .outsideRoomHours, message: "\(title) starts before \(room.name) opens",
                            sessionIDs: [session.id], roomID: room.id))
                }
                if let closes = room.closesAt, session.endsAt > closes {
                    warnings.append(
                        .init(
                            kind: .outsideRoomHours, message: "\(title) ends after \(room.name) closes", sessionIDs: [session.id],
                            roomID: room.id))
                }
                if let places = session.capacity, let capacity = room.capacity, places > capacity {
                    warnings.append(
                        .init(
                            kind: .overRoomCapacity,
                            message: "\(title) offers \(places) places in \(room.name), which holds \(capacity)",
                            sessionIDs: [session.id], roomID: room.id))
                }
            } else if program.event.format.hasVenue && session.kind != .break && session.onlineURL == nil {
                warnings.append(.init(kind: .noRoom, message: "\(title) has no room", sessionIDs: [session.id]))
            }
            if session.kind == .workshop {
                let roles = Set(slot.speakers.map(\.participant.role))
                let missing = [Participant.Role.coordinator, .rapporteur].filter { !roles.contains($0) }
                if !missing.isEmpty {
                    warnings.append(
                        .init(
                            kind: .workshopStaff,
                            message: "\(title) has no \(missing.map(\.rawValue).joined(separator: " and "))",
                            sessionIDs: [session.id]))
                }
            }
        }
        // Per person, consecutive sessions in different rooms with less than ten minutes between.
        var byPerson: [UUID: [(Program.Slot, Program.Speaker)]] = [:]
        for slot in slots {
            for speaker in slot.speakers { byPerson[speaker.person.id, default: []].append((slot, speaker)) }
        }
        for (personID, entries) in byPerson.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            let ordered = entries.sorted { $0.0.session.startsAt < $1.0.session.startsAt }
            for (first, second) in zip(ordered, ordered.dropFirst()) {
                let gap = second.0.session.startsAt.timeIntervalSince(first.0.session.endsAt)
                if gap < minimumChange, first.0.room?.id != second.0.room?.id {
                    let name = chooser(first.1.person.fullName)
                    warnings.append(
                        .init(
                            kind: .noTimeToMove,
                            message:
                                "\(name) has \(Int(gap / 60)) minutes between \(chooser(first.0.session.title)) and \(chooser(second.0.session.title)) in another room",
                            sessionIDs: [first.0.session.id, second.0.session.id], personID: personID))
                }
            }
        }
        return warnings
    }
}
