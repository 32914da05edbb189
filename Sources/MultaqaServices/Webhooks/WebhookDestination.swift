import Foundation
import MultaqaDomain
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Where a webhook may post: http or https, to a host whose every address is public. Loopback,
/// private, shared (carrier-grade NAT), link-local, unspecified, benchmarking and documentation
/// addresses are refused unless allowed (tests, or a deployment whose receivers are on its own
/// network), so that a webhook cannot be turned against the organiser's own network. Checked on
/// the name's addresses, when the endpoint is registered and again before every delivery (a name
/// may come to point elsewhere); a delivery over http then goes to the very address checked
/// (`pinned`), and one over https to a server that must prove the name with its certificate.
public enum WebhookDestination {
    /// Checks the URL; returns the addresses its host resolved to (none when private addresses are
    /// allowed: nothing was resolved).
    @discardableResult
    public static func check(_ text: String, allowPrivate: Bool) async throws(DomainError) -> [[UInt8]] {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, url.user == nil, url.password == nil
        else {
            throw .invalid("url", "must be an http or https URL without user or password")
        }
        if allowPrivate { return [] }
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses: [[UInt8]]
        do {
            addresses = try await NIOThreadPool.singleton.runIfActive { try resolve(name) }
        } catch {
            throw .invalid("url", "names a host that does not resolve (\(host))")
        }
        guard !addresses.isEmpty else { throw .invalid("url", "names a host that does not resolve (\(host))") }
        // Which internal address it is stays unsaid: the answer must not map the network.
        if addresses.contains(where: isInternal) {
            throw .invalid(
                "url",
                "must not reach a loopback, private or link-local address (\(host) resolves to one); "
                    + "MULTAQA_WEBHOOK_ALLOW_PRIVATE=1 allows it")
        }
        return addresses
    }

    /// An http URL with its host replaced by the address that was checked, and the Host header
    /// it must carry; nil for https (the certificate binds the name) or when nothing was resolved.
    public static func pinned(_ text: String, to addresses: [[UInt8]]) -> (url: String, host: String)? {
        guard let address = addresses.first, let components = URLComponents(string: text),
            components.scheme?.lowercased() == "http", let host = components.host
        else { return nil }
        let literal = address.count == 16 ? "[\(format(address))]" : format(address)
        let port = components.port.map { ":\($0)" } ?? ""
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        return ("http://" + literal + port + components.percentEncodedPath + query, host + port)
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
    package static func isInternal(_ address: [UInt8]) -> Bool {
        if address.count == 16 {
            // IPv4-mapped (::ffff:a.b.c.d) is the IPv4 address.
            if address[0..<10].allSatisfy({ $0 == 0 }) && address[10] == 0xff && address[11] == 0xff {
                return isInternal(Array(address[12..<16]))
            }
            // ::, ::1 and the old IPv4-compatible ::a.b.c.d: none is a public IPv6 host.
            if address[0..<12].allSatisfy({ $0 == 0 }) { return true }
            // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: that one decides.
            if address[0..<12] == [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0] { return isInternal(Array(address[12..<16])) }
            if address[0] == 0x20 && address[1] == 0x02 { return isInternal(Array(address[2..<6])) }
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
        case (198, 18...19): return true  // benchmarking
        case (192, 0) where address[2] == 0 || address[2] == 2: return true  // IETF protocol assignments, documentation
        case (198, 51) where address[2] == 100: return true  // documentation
        case (203, 0) where address[2] == 113: return true  // documentation
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
