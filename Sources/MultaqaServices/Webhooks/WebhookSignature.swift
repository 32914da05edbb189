import Crypto
import Foundation
import MultaqaDomain

/// The `Multaqa-Signature` header of a delivery: `t=UNIX_SECONDS,v1=HEX`, where HEX is the
/// HMAC-SHA256, keyed with the endpoint's secret, of the timestamp, a dot and the body exactly as
/// sent. The timestamp in the signed text lets a receiver refuse a delivery replayed later.
public enum WebhookSignature {
    public static let header = "Multaqa-Signature"

    public static func value(secret: String, timestamp: Int, body: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(timestamp),v1=" + code.hexadecimal
    }
}
