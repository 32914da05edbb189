import MultaqaDomain

/// A collectivity of the reference list as the form offers it: regions, and the prefectures and
/// provinces under them.
public struct CollectivityChoice: Sendable, Equatable {
    public var code: String
    public var kind: String
    public var name: LocalizedText
    public var parentCode: String?

    public init(code: String, kind: String, name: LocalizedText, parentCode: String?) {
        self.code = code
        self.kind = kind
        self.name = name
        self.parentCode = parentCode
    }
}
