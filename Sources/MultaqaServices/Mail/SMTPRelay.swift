import Foundation

/// The relay mail is submitted to, read from `MULTAQA_SMTP_URL`:
/// `smtp://user:password@host:587` (STARTTLS), `smtps://user:password@host:465` (TLS from the
/// first byte), `smtp://host:25?tls=off` for a relay on a trusted network only. `ca=/path`
/// names the certificate authority to trust instead of the system's.
public struct SMTPRelay: Sendable, Equatable {
    public enum Security: String, Sendable {
        case startTLS, tls, none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var user: String?
    public var password: String?
    public var certificateAuthority: String?

    public init(url text: String) throws(MailTransportError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw MailTransportError("MULTAQA_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465")
        }
        let options = Dictionary(
            (components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { $1 })
        switch (scheme, options["tls"]?.lowercased()) {
        case ("smtp", nil), ("smtp", "starttls"): security = .startTLS
        case ("smtp", "off"): security = .none
        case ("smtps", nil): security = .tls
        default:
            throw MailTransportError(
                "MULTAQA_SMTP_URL: the scheme is smtp (STARTTLS, or ?tls=off on a trusted network) or smtps")
        }
        self.host = host
        port = components.port ?? (security == .tls ? 465 : 587)
        user = components.percentEncodedUser?.removingPercentEncoding
        password = components.percentEncodedPassword?.removingPercentEncoding
        certificateAuthority = options["ca"]
    }

    /// The relay in msmtp's configuration language, with the password: written to a file only
    /// its owner reads.
    func msmtpConfiguration(from: String) -> String {
        var lines = [
            "defaults", "timeout 30", "account multaqa", "host \(host)", "port \(port)", "from \(from)",
            "tls \(security == .none ? "off" : "on")", "tls_starttls \(security == .startTLS ? "on" : "off")",
        ]
        if let certificateAuthority { lines.append("tls_trust_file \(certificateAuthority)") }
        if let user {
            lines.append("auth on")
            lines.append("user \(user)")
            if let password { lines.append("password \(password)") }
        } else {
            lines.append("auth off")
        }
        lines.append("account default : multaqa")
        return lines.joined(separator: "\n") + "\n"
    }
}
