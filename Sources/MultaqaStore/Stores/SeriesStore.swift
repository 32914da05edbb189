import Foundation
import MultaqaDomain
import PostgresNIO

/// Series and programmes of events.
public struct SeriesStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func create(_ series: EventSeries) async throws -> EventSeries {
        let rows = try await database.client.query(
            """
            INSERT INTO event_series (kind, name_ar, name_fr, name_en)
            VALUES (\(series.kind), \(series.name.ar), \(series.name.fr), \(series.name.en))
            RETURNING id, kind, name_ar, name_fr, name_en
            """, logger: database.logger)
        guard let row = try await rows.collect().first else { throw DomainError.notFound(resource: "series") }
        return try Self.series(row)
    }

    public func list() async throws -> [EventSeries] {
        let rows = try await database.client.query(
            "SELECT id, kind, name_ar, name_fr, name_en FROM event_series ORDER BY created_at, id",
            logger: database.logger)
        return try await rows.collect().map(Self.series)
    }

    static func series(_ row: PostgresRow) throws -> EventSeries {
        var cells = Cells(row)
        let id: UUID = try cells.next()
        let kind: EventSeries.Kind = try cells.next()
        return EventSeries(id: id, kind: kind, name: try cells.localized())
    }
}
