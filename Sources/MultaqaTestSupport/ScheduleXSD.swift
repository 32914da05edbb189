import Foundation
import MultaqaStore

/// Validates schedule.xml with xmllint (Debian's libxml2-utils, which deploy/test installs)
/// against the format's XSD kept in Tests/Fixtures (a copy of ../shared/schemas).
public enum ScheduleXSD {
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func validate(_ xml: String, file: String = #filePath) throws {
        // Sources/MultaqaTestSupport/ScheduleXSD.swift → the package root.
        let root = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let schema = root.appendingPathComponent("Tests/Fixtures/schedule.xml.xsd").path
        let document = NSTemporaryDirectory() + "schedule-\(UUID().uuidString).xml"
        try xml.write(toFile: document, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: document) }
        // posix_spawn and waitpid, as `ExternalProgram`: Foundation's `Process` can miss the end.
        let checked = try SystemCommand("/usr/bin/xmllint", ["--noout", "--schema", schema, document]).run()
        guard checked.status == 0 else { throw Invalid(description: checked.text) }
    }
}
