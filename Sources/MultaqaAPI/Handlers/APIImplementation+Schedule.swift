import Foundation
import MultaqaDomain

extension APIImplementation {
    // MARK: Partners

    func listPartners(_ input: Operations.ListPartners.Input) async throws -> Operations.ListPartners.Output {
        let event = try await visibleEvent(input.path.eventId, principal: try await optionalPrincipal())
        let partners = try await programs.partners(eventID: event.id)
        return .ok(.init(body: .json(.init(items: partners.map(SchemaMapping.partner)))))
    }

    func putPartner(_ input: Operations.PutPartner.Input) async throws -> Operations.PutPartner.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        let organization = try await organizations.find(id: try Self.uuid(input.path.organizationId))
        let partner = try await schedule.putPartner(
            Partner(
                eventID: event.id, organizationID: organization.id,
                role: body.role.domain, displayOrder: body.displayOrder ?? 0
            ).validated())
        return .ok(.init(body: .json(SchemaMapping.partner(.init(partner: partner, organization: organization)))))
    }

    func deletePartner(_ input: Operations.DeletePartner.Input) async throws -> Operations.DeletePartner.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        try await schedule.deletePartner(eventID: event.id, organizationID: try Self.uuid(input.path.organizationId))
        return .noContent(.init())
    }

    // MARK: Rooms

    func listRooms(_ input: Operations.ListRooms.Input) async throws -> Operations.ListRooms.Output {
        let event = try await visibleEvent(input.path.eventId, principal: try await optionalPrincipal())
        return .ok(.init(body: .json(.init(items: try await schedule.rooms(eventID: event.id).map(SchemaMapping.room)))))
    }

    func createRoom(_ input: Operations.CreateRoom.Input) async throws -> Operations.CreateRoom.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        let room = try await schedule.createRoom(
            try Room(
                eventID: event.id, name: body.name, capacity: body.capacity, opensAt: body.opensAt,
                closesAt: body.closesAt
            ).validated())
        return .created(
            .init(
                headers: .init(
                    location: "/v1/events/\(SchemaMapping.id(event.id))/rooms/\(SchemaMapping.id(room.id))",
                    eTag: ETag.make(room.version)),
                body: .json(SchemaMapping.room(room))))
    }

    func getRoom(_ input: Operations.GetRoom.Input) async throws -> Operations.GetRoom.Output {
        let event = try await visibleEvent(input.path.eventId, principal: try await optionalPrincipal())
        let room = try await schedule.room(id: try Self.uuid(input.path.roomId), eventID: event.id)
        return .ok(.init(headers: .init(eTag: ETag.make(room.version)), body: .json(SchemaMapping.room(room))))
    }

    func updateRoom(_ input: Operations.UpdateRoom.Input) async throws -> Operations.UpdateRoom.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        var room = try await schedule.room(id: try Self.uuid(input.path.roomId), eventID: event.id)
        let expected = try ETag.version(from: input.headers.ifMatch) ?? room.version
        if let value = body.name { room.name = value }
        if let value = body.capacity { room.capacity = value }
        if let value = body.opensAt { room.opensAt = value }
        if let value = body.closesAt { room.closesAt = value }
        let saved = try await schedule.saveRoom(try room.validated(), expectedVersion: expected)
        return .ok(.init(headers: .init(eTag: ETag.make(saved.version)), body: .json(SchemaMapping.room(saved))))
    }

    func deleteRoom(_ input: Operations.DeleteRoom.Input) async throws -> Operations.DeleteRoom.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        try await schedule.deleteRoom(id: try Self.uuid(input.path.roomId), eventID: event.id)
        return .noContent(.init())
    }

    // MARK: Sessions

    func listSessions(_ input: Operations.ListSessions.Input) async throws -> Operations.ListSessions.Output {
        let event = try await visibleEvent(input.path.eventId, principal: try await optionalPrincipal())
        return .ok(.init(body: .json(.init(items: try await schedule.sessions(eventID: event.id).map(SchemaMapping.session)))))
    }

    func createSession(_ input: Operations.CreateSession.Input) async throws -> Operations.CreateSession.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        let session = try Session(
            eventID: event.id, kind: body.kind.domain,
            title: SchemaMapping.text(body.title), description: SchemaMapping.text(body.description),
            startsAt: body.startsAt, endsAt: body.endsAt, roomID: try SchemaMapping.uuid(body.roomId, field: "roomId"),
            onlineURL: body.onlineUrl, language: body.language, capacity: body.capacity, track: body.track
        ).validated()
        let created = try await schedule.createSession(session)
        return .created(
            .init(
                headers: .init(
                    location: "/v1/events/\(SchemaMapping.id(event.id))/sessions/\(SchemaMapping.id(created.id))",
                    eTag: ETag.make(created.version)),
                body: .json(SchemaMapping.session(created))))
    }

    func getSession(_ input: Operations.GetSession.Input) async throws -> Operations.GetSession.Output {
        let event = try await visibleEvent(input.path.eventId, principal: try await optionalPrincipal())
        let session = try await schedule.session(id: try Self.uuid(input.path.sessionId), eventID: event.id)
        return .ok(.init(headers: .init(eTag: ETag.make(session.version)), body: .json(SchemaMapping.session(session))))
    }

    func updateSession(_ input: Operations.UpdateSession.Input) async throws -> Operations.UpdateSession.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        var session = try await schedule.session(id: try Self.uuid(input.path.sessionId), eventID: event.id)
        let expected = try ETag.version(from: input.headers.ifMatch) ?? session.version
        if let value = body.kind { session.kind = value.domain }
        if let value = body.title { session.title = SchemaMapping.text(value) }
        if let value = body.description { session.description = SchemaMapping.text(value) }
        if let value = body.startsAt { session.startsAt = value }
        if let value = body.endsAt { session.endsAt = value }
        if let value = body.roomId { session.roomID = try SchemaMapping.uuid(value, field: "roomId") }
        if let value = body.onlineUrl { session.onlineURL = value }
        if let value = body.language { session.language = value }
        if let value = body.capacity { session.capacity = value }
        if let value = body.track { session.track = value }
        let saved = try await schedule.saveSession(try session.validated(), expectedVersion: expected)
        return .ok(.init(headers: .init(eTag: ETag.make(saved.version)), body: .json(SchemaMapping.session(saved))))
    }

    func deleteSession(_ input: Operations.DeleteSession.Input) async throws -> Operations.DeleteSession.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        try await schedule.deleteSession(id: try Self.uuid(input.path.sessionId), eventID: event.id)
        return .noContent(.init())
    }

    // MARK: Participants

    func putParticipant(_ input: Operations.PutParticipant.Input) async throws -> Operations.PutParticipant.Output {
        _ = try await authorize(.organizer)
        guard case .json(let body) = input.body else { throw DomainError.invalid("body", "must be JSON") }
        let event = try await events.find(input.path.eventId)
        let person = try await people.find(id: try Self.uuid(input.path.personId))
        let participant = try Participant(
            sessionID: try Self.uuid(input.path.sessionId), personID: person.id,
            role: body.role.domain,
            talkTitle: SchemaMapping.text(body.talkTitle), displayOrder: body.displayOrder ?? 0
        ).validated()
        let saved = try await schedule.putParticipant(participant, eventID: event.id)
        return .ok(.init(body: .json(SchemaMapping.participant(saved))))
    }

    func deleteParticipant(
        _ input: Operations.DeleteParticipant.Input
    ) async throws
        -> Operations.DeleteParticipant.Output
    {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        try await schedule.deleteParticipant(
            sessionID: try Self.uuid(input.path.sessionId), personID: try Self.uuid(input.path.personId),
            eventID: event.id)
        return .noContent(.init())
    }

    // MARK: Program

    /// The version check is one small query: the program is rebuilt only when it changed, and a
    /// client holding the current ETag gets 304 without the program being read at all.
    func getProgram(_ input: Operations.GetProgram.Input) async throws -> Operations.GetProgram.Output {
        let event = try await visibleEvent(input.path.eventId, principal: try await optionalPrincipal())
        let version = try await programs.version(eventID: event.id)
        let etag = ProgramETag.make(eventVersion: event.version, programVersion: version.program, mediaPhase: version.media)
        // Revalidated on every use: the program changes while the event runs.
        let cacheControl = "public, max-age=0, must-revalidate"
        if let ifNoneMatch = input.headers.ifNoneMatch, ProgramETag.matches(ifNoneMatch, etag) {
            return .notModified(.init(headers: .init(eTag: etag, cacheControl: cacheControl)))
        }
        let program = try await programs.program(event: event)
        return .ok(
            .init(headers: .init(eTag: etag, cacheControl: cacheControl), body: .json(try SchemaMapping.program(program))))
    }
}

enum ProgramETag {
    static func make(eventVersion: Int, programVersion: Int, mediaPhase: Int) -> String {
        "\"p\(programVersion)-e\(eventVersion)-m\(mediaPhase)\""
    }

    /// `If-None-Match` may list several ETags, weak or strong, or `*`.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
