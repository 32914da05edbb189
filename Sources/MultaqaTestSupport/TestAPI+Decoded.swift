import Foundation

extension TestAPI.Reply {
    /// The body decoded as one of the contract's types: for answers to requests the generated
    /// client cannot send as the test means them (multipart uploads, raw bytes, hostile bodies).
    package func decoded<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(body.utf8))
    }
}
