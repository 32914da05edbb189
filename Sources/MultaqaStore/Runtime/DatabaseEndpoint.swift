import Foundation
import NIOSSL
import PostgresNIO

/// Where the database is: parsed once from `DATABASE_URL` (or made by the embedded cluster) and
/// turned into both a PostgresNIO configuration and a libpq connection string, so the two clients
/// can never disagree about the server.
public struct DatabaseEndpoint: Sendable, Equatable {
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String,
        tls: TLSMode = .disable
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses `postgres://user:password@host:port/database?sslmode=…`.
    public init(url: String) throws(StoreError) {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else {
            throw .invalidDatabaseURL("expected postgres://user:password@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidDatabaseURL("the URL names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .invalidDatabaseURL("the URL names no user")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw .invalidDatabaseURL("the URL names no database")
        }
        let sslmode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        let tls: TLSMode =
            switch sslmode {
            case "disable": .disable
            case "allow", "prefer": .prefer
            case "require", "verify-ca", "verify-full": .require
            default: throw .invalidDatabaseURL("sslmode \(sslmode) is not one of disable, prefer, require, verify-full")
            }
        self.init(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.removingPercentEncoding ?? database, tls: tls)
    }

    /// The same endpoint on another database of the server (test clones, CREATE DATABASE).
    public func with(database: String) -> DatabaseEndpoint {
        var copy = self
        copy.database = database
        return copy
    }

    /// A libpq key/value connection string; values quoted as libpq documents it.
    public var conninfo: String {
        var pairs: [(String, String)] = [
            ("host", host), ("port", String(port)), ("user", username), ("dbname", database),
            ("sslmode", tls.rawValue), ("application_name", "multaqa"), ("connect_timeout", "10"),
        ]
        if let password { pairs.append(("password", password)) }
        return pairs.map { key, value in
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            return "\(key)='\(escaped)'"
        }.joined(separator: " ")
    }

    public func clientConfiguration(maximumConnections: Int = 20) -> PostgresClient.Configuration {
        let tlsConfiguration: PostgresClient.Configuration.TLS =
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database,
            tls: tlsConfiguration)
        configuration.options.maximumConnections = maximumConnections
        // No minimum is kept by the pool itself: with one, PostgresNIO 1.33.2 stops the process
        // on a precondition when PostgreSQL restarts under load; `Database.warmUp` opens
        // the connections at start instead (a SCRAM handshake per connection showed as p99
        // spikes of 80 ms in bench/registration).
        configuration.options.minimumConnections = 0
        // The pool arms the idle timeout each time a connection goes idle, that is after every
        // statement, and a cancelled timer (a sleeping task) keeps its memory until it would have
        // fired: under sustained load the memory held grows with the timeout. PostgresNIO's minute
        // held about 30 MiB at 1,700 registrations/s (heaptrack: ~300 bytes per pending sleep);
        // ten seconds hold a sixth. A lull longer than that closes idle connections, which the
        // next statements reopen.
        configuration.options.connectionIdleTimeout = .seconds(10)
        // No keep-alive query either: with no minimum, an idle connection closes after the
        // idle timeout anyway, and the pool armed a keep-alive timer (a task, a sleep and a cancellation)
        // beside the idle timer at every release of a connection, that is for every statement.
        // A connection the server closed is noticed when its socket closes, as before.
        configuration.options.keepAliveBehavior = nil
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", "multaqa")]
        return configuration
    }
}
