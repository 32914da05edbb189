import ArgumentParser
import Foundation
import MultaqaDomain
import MultaqaReports
import MultaqaStore

/// The reference list of territorial collectivities: regions, prefectures and provinces
/// come with the migrations; communes are imported from a CSV.
struct Collectivities: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import collectivities (communes) into the reference list.",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update collectivities from a CSV file, all or nothing.",
            discussion: """
                The CSV (UTF-8, comma, semicolon or tab separated) has a header with the columns \
                code, name_ar, name_fr, parent, and optionally kind (commune when absent). parent is \
                the code of the prefecture or province (GET /v1/collectivities lists them, e.g. \
                MA-SAL). Codes are upper-case letters, digits and dashes.
                """)

        @Argument(help: "The CSV file.")
        var file: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read \(file) as UTF-8 text")
            }
            let items = try Self.parse(text)
            try await database.withDatabase(label: "multaqa.collectivities") { db in
                let count = try await AttendanceStore(database: db).upsertCollectivities(items)
                print("\(count) collectivities added or updated")
            }
        }

        static func parse(_ text: String) throws -> [AttendanceStore.Collectivity] {
            let rows = CSV.parse(text)
            guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
                let code = header.firstIndex(of: "code"), let parent = header.firstIndex(of: "parent")
            else {
                throw ValidationError("the CSV needs a header with at least the columns code and parent")
            }
            let ar = header.firstIndex(of: "name_ar")
            let fr = header.firstIndex(of: "name_fr")
            let kind = header.firstIndex(of: "kind")
            let kinds: Set<String> = ["region", "prefecture", "province", "commune"]
            var items: [AttendanceStore.Collectivity] = []
            for (offset, cells) in rows.dropFirst().enumerated() {
                func cell(_ index: Int?) -> String? {
                    guard let index, index < cells.count else { return nil }
                    let value = cells[index].precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
                    return value.isEmpty ? nil : value
                }
                let line = offset + 2
                guard let value = cell(code)?.uppercased(),
                    value.count <= 40,
                    value.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
                else {
                    throw ValidationError("line \(line): code must be upper-case letters, digits and dashes, at most 40")
                }
                let type = cell(kind)?.lowercased() ?? "commune"
                guard kinds.contains(type) else {
                    throw ValidationError("line \(line): kind must be one of \(kinds.sorted().joined(separator: ", "))")
                }
                let name = LocalizedText(ar: cell(ar), fr: cell(fr))
                guard !name.isEmpty, (name.ar?.count ?? 0) <= 200, (name.fr?.count ?? 0) <= 200 else {
                    throw ValidationError("line \(line): name_ar or name_fr is required (at most 200 characters)")
                }
                items.append(.init(code: value, kind: type, name: name, parentCode: cell(parent)?.uppercased()))
            }
            return items
        }
    }
}
