import Foundation

/// Where an attendee comes from: one of a collectivity of the reference list, an organization,
/// or free text.
public enum Affiliation: Equatable, Sendable {
    case collectivity(String)
    case organization(UUID)
    case text(String)
}
