import MultaqaServices
import Testing

/// Which addresses a webhook may reach, without a network.
@Suite("Webhook destinations")
struct WebhookDestinationTests {
    @Test("loopback, private, shared, link-local, benchmarking, documentation and embedded-IPv4 forms are internal")
    func internalAddresses() {
        let inside: [[UInt8]] = [
            [127, 0, 0, 1], [10, 1, 2, 3], [172, 20, 0, 1], [192, 168, 1, 1], [169, 254, 169, 254], [100, 64, 0, 1],
            [0, 0, 0, 0], [198, 18, 0, 1], [192, 0, 2, 10], [203, 0, 113, 5], [224, 0, 0, 1],
            Array(repeating: 0, count: 15) + [1],
            Array(repeating: 0, count: 10) + [0xff, 0xff, 10, 0, 0, 1],
            Array(repeating: 0, count: 12) + [127, 0, 0, 1],
            [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 192, 168, 0, 1],
            [0x20, 0x02, 10, 0, 0, 1] + Array(repeating: 0, count: 10),
            [0xfd, 0x12] + Array(repeating: 0, count: 14), [0xfe, 0x80] + Array(repeating: 0, count: 14),
        ]
        for address in inside {
            #expect(WebhookDestination.isInternal(address), "\(address)")
        }
        let outside: [[UInt8]] = [
            [8, 8, 8, 8], [196, 200, 1, 1], [41, 248, 0, 1],
            [0x2a, 0x00, 0x14, 0x50] + Array(repeating: 0, count: 11) + [1],
            [0x20, 0x02, 8, 8, 8, 8] + Array(repeating: 0, count: 10),
        ]
        for address in outside {
            #expect(!WebhookDestination.isInternal(address), "\(address)")
        }
    }

    @Test("an http delivery goes to the address checked, with the name in Host; https keeps the name")
    func pinned() {
        let pinned = WebhookDestination.pinned("http://hooks.example.ma:8080/in/multaqa?x=1", to: [[196, 200, 1, 1]])
        #expect(pinned?.url == "http://196.200.1.1:8080/in/multaqa?x=1")
        #expect(pinned?.host == "hooks.example.ma:8080")
        let six = WebhookDestination.pinned(
            "http://hooks.example.ma/in", to: [[0x2a, 0x00, 0x14, 0x50] + Array(repeating: 0, count: 11) + [1]])
        #expect(six?.url == "http://[2a00:1450:0:0:0:0:0:1]/in")
        #expect(WebhookDestination.pinned("https://hooks.example.ma/in", to: [[196, 200, 1, 1]]) == nil)
    }
}
