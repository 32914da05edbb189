import Foundation

/// A sender setting that is not a mail address.
public struct InvalidMailAddress: Error, CustomStringConvertible {
    public let description: String
}
