import Foundation
import Metrics
import MultaqaDomain
import MultaqaServices
import MultaqaStore
import Prometheus
import Synchronization

/// Metrics in Prometheus's text format at `GET /metrics`: request counts and latency histograms
/// by route, method and status under Hummingbird's names (`RequestMetricsMiddleware`),
/// registrations by outcome, and the database pool's use, read when the metrics are scraped.
public enum Observability {
    /// The process's one registry; swift-metrics is bootstrapped with it once, by the first
    /// application built (tests build many).
    public static let registry = PrometheusCollectorRegistry()

    static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Latency buckets from 1 ms to 10 s, around what a registration and a report cost.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .seconds(2.5), .seconds(5), .seconds(10),
        ]
        // Prometheus names allow letters, digits, _ and :; Hummingbird's use dots.
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
    }()

    static func sanitize(_ name: String) -> String {
        // The request metrics' names (Hummingbird's) have dots: each name is
        // rewritten once. Names are the metrics' and their labels', a handful.
        if let known = sanitized.withLock({ $0[name] }) { return known }
        let result = String(
            name.unicodeScalars.map { scalar in
                (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) || scalar == "_"
                    || scalar == ":"
                    ? Character(scalar) : "_"
            })
        sanitized.withLock { if $0.count < 256 { $0[name] = result } }
        return result
    }

    private static let sanitized = Mutex<[String: String]>([:])

    /// A registration's outcome: its status, or the rule that refused it.
    static func registration(_ outcome: String) {
        let counter = registrationCounters.withLock { counters in
            if let counter = counters[outcome] { return counter }
            let counter = Metrics.Counter(label: "multaqa_registrations_total", dimensions: [("outcome", outcome)])
            counters[outcome] = counter
            return counter
        }
        counter.increment()
    }

    /// One counter per outcome, made once: making one asks the registry under its lock every time.
    /// Outcomes are the statuses and the rules of the schema, a few dozen at most.
    private static let registrationCounters = Mutex<[String: Metrics.Counter]>([:])

    /// A refused registration, counted by the rule that refused it.
    static func registration(_ refusal: DomainError) {
        switch refusal {
        case .conflict(let rule, _, _, _): registration(rule)
        case .unavailable: registration("unavailable")
        case .validation: registration("invalid")
        case .notFound: registration("not_found")
        default: registration("error")
        }
    }

    /// The metrics as text, with the pool's gauges read now.
    static func scrape(database: Database, backupDirectory: String? = nil, replica: ReadReplica? = nil) -> [UInt8] {
        let usage = database.client.usage
        registry.makeGauge(descriptor: .database("connections", "in_use", "PostgreSQL connections handed to requests now")).set(
            Double(usage.inUse))
        registry.makeGauge(descriptor: .database("requests", "waiting", "requests waiting for a PostgreSQL connection now")).set(
            Double(usage.waiting))
        registry.makeGauge(descriptor: .database("connections", "max", "the most PostgreSQL connections this instance opens"))
            .set(Double(usage.maximum))
        registry.makeGauge(descriptor: .database("wait", "refusals", "requests answered 503 because no connection came in time"))
            .set(Double(usage.refused))
        registry.makeGauge(
            descriptor: .database(
                "abandoned", "operations", "database operations abandoned when PostgreSQL closed their connection")
        ).set(Double(usage.abandoned))
        if let backupDirectory {
            // -1: no good backup yet.
            let age = BackupScheduler.lastGood(in: backupDirectory).map { Date().timeIntervalSince($0) } ?? -1
            registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "multaqa", subsystem: "backup", metricName: "age", unitName: "seconds",
                    helpText: "seconds since the last good daily backup, -1 when there is none")
            ).set(age.rounded())
        }
        if let replica {
            let served = replica.served
            for outcome in ReadReplica.Outcome.allCases {
                registry.makeGauge(
                    descriptor: MetricNameDescriptor(
                        namespace: "multaqa", subsystem: "replica", metricName: "reads", unitName: "total",
                        helpText:
                            "programme reads since start: served by the replica, or by the primary because it lagged or failed"),
                    labels: [("served", outcome.rawValue)]
                ).set(Double(served[outcome, default: 0]))
            }
        }
        return registry.emitToBuffer()
    }
}

extension MetricNameDescriptor {
    /// A gauge of the database pool: `multaqa_db_<metric>_<unit>`.
    fileprivate static func database(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "multaqa", subsystem: "db", metricName: metric, unitName: unit, helpText: help)
    }
}
