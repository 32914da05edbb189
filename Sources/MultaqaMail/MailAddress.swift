import Foundation

/// A mailbox: an address and the name shown with it, which may be Arabic.
public struct MailAddress: Equatable, Sendable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// The words a header writes it in: the name in RFC 2047 words when it is not plain ASCII.
    var headerWords: [String] {
        guard let name, !name.isEmpty else { return ["<\(address)>"] }
        return MIMEText.encodedWords(name, phrase: true) + ["<\(address)>"]
    }
}

extension MailAddress {
    /// Reads `Name <address>` or a bare address, as an operator writes the sender in a setting.
    public init(parsing text: String, setting: String) throws(InvalidMailAddress) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name: String?
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let shown = trimmed[..<open].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            name = shown.isEmpty ? nil : shown
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            address.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && !"<>\"(),;:\\[]".unicodeScalars.contains($0) })
        else {
            throw InvalidMailAddress(description: "\(setting) must be an address or `Name <address>`, not \"\(text)\"")
        }
        self.init(address, name: name)
    }
}
