import MultaqaDomain
import PostgresNIO

// The domain's enumerations bind and decode as the text they are stored as, with no conversion at
// the call site. PostgresNIO implements both halves for a RawRepresentable whose raw value is
// PostgresCodable (String here): a bind sends the raw value as `text`, and a stored text that is
// none of the cases fails the read with `PostgresDecodingError` (code `.failure`, naming the
// column) instead of turning into some other case. The raw values are stored data and the
// contract's words: they never change.
//
// The array conformances let `text[]` columns (an event's categories, a recommendation's actor
// kinds) and `= ANY(...)` filters bind and decode the same way, element by element.

extension PostgresArrayEncodable where Self: RawRepresentable, RawValue: PostgresArrayEncodable {
    /// PostgresNIO gives a RawRepresentable its raw value's element type, not its array type.
    public static var psqlArrayType: PostgresDataType { RawValue.psqlArrayType }
}

extension Role: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}

extension Organization.Kind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}

extension Event.Kind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension Event.Format: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension Event.Status: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension EventSeries.Kind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}

extension Session.Kind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension Partner.Role: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension Participant.Role: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}

extension AttendanceMode: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension AttendeeCategory: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension RegistrationStatus: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension Language: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension NotificationKind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension NotificationStatus: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension WebhookKind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension RegistrationField: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension WorkshopChoice.Mode: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension AllocationMechanism: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}

extension Recommendation.Status: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension Recommendation.Priority: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension Recommendation.ActorKind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}

extension Document.Kind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension Document.Visibility: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension MediaLink.Kind: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
extension AuditAction: PostgresCodable, PostgresArrayEncodable, PostgresArrayDecodable {}
