/// A stored text that is none of the values its type allows, found where no row decoder checks
/// it (a prepared statement's text column, a value the domain keeps as a string but the contract
/// enumerates). The read fails, as a decoding error would, rather than showing another value:
/// a request that meets one is a server fault, logged with this description.
public struct UnknownStoredValue: Error, Equatable, CustomStringConvertible {
    /// The Swift type the text should have been, e.g. `RegistrationStatus`.
    public let type: String
    public let value: String

    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }

    public var description: String { "the database holds \"\(value)\", which is not a \(type)" }
}

extension RawRepresentable where RawValue == String {
    /// A value read from the database as text: one of this type's cases, or `UnknownStoredValue`.
    public init(stored text: String) throws(UnknownStoredValue) {
        guard let value = Self(rawValue: text) else { throw UnknownStoredValue(type: "\(Self.self)", value: text) }
        self = value
    }
}
