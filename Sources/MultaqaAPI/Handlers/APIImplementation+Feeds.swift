import Foundation
import MultaqaDomain
import MultaqaReports
import OpenAPIRuntime

extension APIImplementation {
    func getProgramCalendar(
        _ input: Operations.GetProgramCalendar.Input
    ) async throws
        -> Operations.GetProgramCalendar.Output
    {
        let (program, etag) = try await feedProgram(input.path.eventId)
        let text = ICalendarRenderer.render(program, language: input.query.lang?.rawValue)
        return .ok(
            .init(
                headers: .init(eTag: etag, contentDisposition: "inline; filename=\"\(program.event.slug).ics\""),
                body: .textCalendar(HTTPBody(text))))
    }

    func getScheduleXML(_ input: Operations.GetScheduleXML.Input) async throws -> Operations.GetScheduleXML.Output {
        let (program, etag) = try await feedProgram(input.path.eventId)
        return .ok(
            .init(
                headers: .init(eTag: etag),
                body: .xml(HTTPBody(ScheduleXMLRenderer.render(program, language: input.query.lang?.rawValue)))))
    }

    func getConflicts(_ input: Operations.GetConflicts.Input) async throws -> Operations.GetConflicts.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let warnings = ScheduleWarning.check(try await programs.program(event: event))
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: warnings.map { warning in
                            .init(
                                kind: .init(warning.kind), message: warning.message,
                                sessionIds: warning.sessionIDs.map(SchemaMapping.id),
                                personId: warning.personID.map(SchemaMapping.id),
                                roomId: warning.roomID.map(SchemaMapping.id))
                        }))))
    }

    /// A feed of a visible event, with the program's ETag so that polling apps revalidate cheaply.
    private func feedProgram(_ reference: String) async throws -> (Program, etag: String) {
        let event = try await visibleEvent(reference, principal: try await optionalPrincipal())
        let program = try await programs.program(event: event)
        return (
            program,
            ProgramETag.make(eventVersion: event.version, programVersion: program.version, mediaPhase: program.mediaPhase)
        )
    }
}
