import Foundation
import MultaqaDomain
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Where a webhook may post: http or https, to a host whose every address is public. Loopback,
/// private, shared (carrier-grade NAT), link-local and unspecified addresses are refused unless
/// allowed (tests, or a deployment whose receivers are on its own network), so that a webhook
/// cannot be turned against the organiser's own network. Checked on the name's addresses, when
/// the endpoint is registered and again before every delivery (a name may come to point
/// elsewhere).
public enum WebhookDestination {
    public static func check(_ text: String, allowPrivate: Bool) async throws(DomainError) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, url.user == nil, url.password == nil
        else {
            throw .invalid("url", "must be an http or https URL without user or password")
        }
        if allowPrivate { return }
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses: [[UInt8]]
        do {
            addresses = try await NIOThreadPool.singleton.runIfActive { try resolve(name) }
        } catch {
            throw .invalid("url", "names a host that does not resolve (\(host))")
        }
        guard !addresses.isEmpty else { throw .invalid("url", "names a host that does not resolve (\(host))") }
        if let inside = addresses.first(where: isInternal) {
            throw .invalid(
                "url",
                "must not reach a loopback, private or link-local address (\(host) is \(format(inside))); "
                    + "MULTAQA_WEBHOOK_ALLOW_PRIVATE=1 allows it")
        }
    }

    /// The name's IPv4 (4 bytes) and IPv6 (16 bytes) addresses, through the system's resolver.
    static func resolve(_ name: String) throws -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0 else { throw DomainError.invalid("url", "does not resolve") }
        defer { freeaddrinfo(list) }
        var result: [[UInt8]] = []
        var cursor = list
        while let entry = cursor {
            if entry.pointee.ai_family == AF_INET, let address = entry.pointee.ai_addr {
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin_addr) { result.append(Array($0)) }
                }
            } else if entry.pointee.ai_family == AF_INET6, let address = entry.pointee.ai_addr {
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin6_addr) { result.append(Array($0)) }
                }
            }
            cursor = entry.pointee.ai_next
        }
        return result
    }

    /// Loopback, private, shared, link-local, unspecified or multicast: not the public internet.
    static func isInternal(_ address: [UInt8]) -> Bool {
        if address.count == 16 {
            // IPv4-mapped (::ffff:a.b.c.d) is the IPv4 address.
            if address[0..<10].allSatisfy({ $0 == 0 }) && address[10] == 0xff && address[11] == 0xff {
                return isInternal(Array(address[12..<16]))
            }
            if address[0..<15].allSatisfy({ $0 == 0 }) && (address[15] == 0 || address[15] == 1) { return true }  // :: and ::1
            if address[0] & 0xfe == 0xfc { return true }  // fc00::/7 unique local
            if address[0] == 0xfe && address[1] & 0xc0 == 0x80 { return true }  // fe80::/10 link-local
            if address[0] == 0xff { return true }  // multicast
            return false
        }
        guard address.count == 4 else { return true }
        switch (address[0], address[1]) {
        case (0, _), (10, _), (127, _): return true
        case (100, 64...127): return true  // shared address space (carrier-grade NAT)
        case (169, 254): return true
        case (172, 16...31): return true
        case (192, 168): return true
        case (224...255, _): return true  // multicast and reserved
        default: return false
        }
    }

    static func format(_ address: [UInt8]) -> String {
        if address.count == 4 { return address.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: address.count, by: 2).map {
            String(format: "%x", Int(address[$0]) << 8 | Int(address[$0 + 1]))
        }
        .joined(separator: ":")
    }
}
