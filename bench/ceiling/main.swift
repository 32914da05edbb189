import Foundation
import Hummingbird

// Hummingbird's own ceiling on this machine (bench/program's yardstick): a route that returns a
// fixed body of a given size, with nothing else, to compare GET /program with.
// Usage: ProgramCeiling PORT BYTES
let arguments = CommandLine.arguments
let port = arguments.count > 1 ? Int(arguments[1]) ?? 8091 : 8091
let size = arguments.count > 2 ? Int(arguments[2]) ?? 20_000 : 20_000
let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: size)
let router = Router()
router.get("fixed") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
