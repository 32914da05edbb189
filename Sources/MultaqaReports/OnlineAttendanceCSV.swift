import Foundation

/// Reads the participant report that video platforms export (name, email, join and leave
/// times). Columns are found by their header in English or French; times without a
/// zone are read in the event's time zone.
public enum OnlineAttendanceCSV {
    public struct Row: Sendable, Equatable {
        public let line: Int
        public let email: String
        public let joinedAt: Date?
        public let leftAt: Date?
    }

    public enum Problem: Error, Equatable {
        /// Not even a header row: an empty upload is a mistake, not a report of nobody (found
        /// by deploy/fuzz: it was answered 200 with zero rows).
        case empty
        case noEmailColumn
    }

    public static func parse(_ text: String, timezone: String) throws(Problem) -> [Row] {
        let rows = CSV.parse(text)
        guard let header = rows.first?.map({ $0.lowercased().trimmingCharacters(in: .whitespaces) }),
            header.contains(where: { !$0.isEmpty })
        else { throw .empty }
        guard let email = header.firstIndex(where: { $0.contains("email") || $0.contains("e-mail") || $0.contains("courriel") })
        else { throw .noEmailColumn }
        let join = header.firstIndex { $0.contains("join") || $0.contains("arriv") || $0.contains("entrée") }
        let leave = header.firstIndex { $0.contains("leave") || $0.contains("départ") || $0.contains("sortie") }
        let zone = TimeZone(identifier: timezone) ?? .gmt
        return rows.dropFirst().enumerated().compactMap { offset, cells in
            guard email < cells.count else { return nil }
            let address = cells[email].trimmingCharacters(in: .whitespaces).lowercased()
            guard address.contains("@") else { return nil }
            return Row(
                line: offset + 2, email: address,
                joinedAt: join.flatMap { $0 < cells.count ? date(cells[$0], zone) : nil },
                leftAt: leave.flatMap { $0 < cells.count ? date(cells[$0], zone) : nil })
        }
    }

    /// The date shapes platforms write: ISO 8601, "2024-12-10 09:02:13", Zoom's "12/10/2024
    /// 09:02:13 AM", and the day-first "10/12/2024 09:02" of French locales (24-hour clock).
    static func date(_ text: String, _ zone: TimeZone) -> Date? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return nil }
        if let date = ISO8601DateFormatter().date(from: value) { return date }
        let formats = [
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "MM/dd/yyyy hh:mm:ss a",
            "MM/dd/yyyy h:mm:ss a", "M/d/yy, h:mm:ss a", "M/d/yyyy, h:mm:ss a", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm",
        ]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: value) { return date }
        }
        return nil
    }
}
