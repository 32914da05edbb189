import Foundation

/// Optional fields an event may require.
public enum RegistrationField: String, CaseIterable, Sendable {
    case phone, affiliation, position
}
