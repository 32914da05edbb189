// swift-tools-version: 6.1
import PackageDescription

// Why these targets: one layer per target, so that the domain rules compile without any I/O and
// each file has one obvious home.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "multaqa",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "multaqa", targets: ["multaqa"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // HTML reports from templates; no dependencies of its own.
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Already built for PostgresNIO (SCRAM authentication, TLS): naming them costs no build time.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // /metrics: swift-metrics is Hummingbird's already; swift-prometheus is small.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Settings read in layers (flags, environment, defaults): already built for Hummingbird,
        // with none of its optional traits (file formats, reloading) that would add to the build.
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: []),
        // Webhooks: HTTP requests out. Already built for HummingbirdTesting's live tests.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // libpq, only for applying migration files whole (several statements, $$ bodies).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // libqrencode, for the QR codes of badges: Debian's, never a QR code drawn by hand.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // The numbered migrations, embedded in the binary so it runs from any directory.
        .target(
            name: "MultaqaMigrations",
            path: "sql",
            exclude: ["README.md"],
            resources: [
                .embedInCode("0001_foundation.sql"),
                .embedInCode("0002_tokens_and_organizations.sql"),
                .embedInCode("0003_scheduling.sql"),
                .embedInCode("0004_registration.sql"),
                .embedInCode("0005_collectivities.sql"),
                .embedInCode("0006_recommendations.sql"),
                .embedInCode("0007_documents.sql"),
                .embedInCode("0008_exact_waitlist_and_idempotent_effects.sql"),
                .embedInCode("0009_mail_delivery.sql"),
                .embedInCode("0010_webhooks.sql"),
                .embedInCode("0011_public_pages.sql"),
                .embedInCode("0012_kiosks.sql"),
                .embedInCode("0013_certificates.sql"),
                .embedInCode("0014_workshop_rankings.sql"),
                .embedInCode("0015_retention_and_audit.sql"),
                .embedInCode("0016_waitlist_place_without_stopping_the_queue.sql"),
                .embedInCode("0017_lighter_registration.sql"),
            ],
            swiftSettings: swiftSettings
        ),
        // Domain rules: value types, validation, errors. No I/O.
        .target(
            name: "MultaqaDomain",
            // SHA-256 only: a lottery's draw and an allocation's inputs are hashed in the domain so
            // that anyone can replay them.
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL store: connection, embedded cluster, migrations, queries.
        .target(
            name: "MultaqaStore",
            dependencies: [
                "MultaqaDomain",
                "MultaqaMigrations",
                "CLibPQ",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Reports: turn domain data into documents. No HTTP, no SQL.
        .target(
            name: "MultaqaReports",
            dependencies: ["MultaqaDomain", "CQRencode", .product(name: "Mustache", package: "swift-mustache")],
            resources: [
                .embedInCode("Templates/report.html.mustache"), .embedInCode("Templates/badges.html.mustache"),
                .embedInCode("Templates/certificate.html.mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        // Mail to attendees: the words in three languages, the templates, the MIME form. No I/O.
        .target(
            name: "MultaqaMail",
            dependencies: ["MultaqaDomain", "MultaqaReports", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.embedInCode("Templates/mail.html.mustache"), .embedInCode("Templates/mail.txt.mustache")],
            swiftSettings: swiftSettings
        ),
        // The attendee's pages: the words in three languages, the templates, the stylesheet. No I/O.
        .target(
            name: "MultaqaPages",
            dependencies: [
                "MultaqaDomain", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [
                .embedInCode("Templates/layout.mustache"), .embedInCode("Templates/home.mustache"),
                .embedInCode("Templates/event.mustache"), .embedInCode("Templates/register.mustache"),
                .embedInCode("Templates/manage.mustache"), .embedInCode("Templates/message.mustache"),
                .embedInCode("Templates/confirm.mustache"), .embedInCode("Templates/checkin.mustache"),
                .embedInCode("Templates/certificate.mustache"), .embedInCode("Templates/ranking.mustache"),
                .embedInCode("Assets/site.css"),
                .embedInCode("Assets/site.js"),
            ],
            swiftSettings: swiftSettings
        ),
        // Application services outside HTTP: reports for the API and the CLI, the janitors
        // every instance runs, and the workers that send mail and webhooks.
        .target(
            name: "MultaqaServices",
            dependencies: [
                "MultaqaDomain", "MultaqaStore", "MultaqaReports", "MultaqaMail", "MultaqaPages",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API: contract-first handlers, problem responses, middleware.
        .target(
            name: "MultaqaAPI",
            dependencies: [
                "MultaqaDomain",
                "MultaqaStore",
                "MultaqaReports",
                "MultaqaServices",
                "MultaqaMail",
                "MultaqaPages",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            resources: [.embedInCode("openapi.yaml")],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The same contract's client, for the tests only: typed requests and typed answers. The
        // openapi.yaml here is a symlink to MultaqaAPI's, so there is one contract.
        .target(
            name: "MultaqaAPIClient",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // The generated files import Foundation and the runtime as `package` in every file,
            // also where a file declares nothing that needs them, and Swift 6.3 warns for each;
            // the generator silences that only for compilers from 6.4 on.
            swiftSettings: swiftSettings + [.unsafeFlags(["-suppress-warnings"])],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The built-in demo: the meetings of DOMAIN.md, made through the domain and the stores.
        .target(
            name: "MultaqaDemo",
            dependencies: ["MultaqaDomain", "MultaqaStore"],
            swiftSettings: swiftSettings
        ),
        // The thin command-line executable.
        .executableTarget(
            name: "multaqa",
            dependencies: [
                "MultaqaAPI",
                "MultaqaStore",
                "MultaqaReports",
                "MultaqaServices",
                "MultaqaDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // bench/program's yardstick: Hummingbird serving a fixed body, nothing else.
        .executableTarget(
            name: "ProgramCeiling",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "bench/ceiling",
            swiftSettings: swiftSettings
        ),
        // Test support: one throwaway cluster per run, one database per test.
        .target(
            name: "MultaqaTestSupport",
            dependencies: [
                "MultaqaDomain",
                "MultaqaStore",
                "MultaqaAPI",
                "MultaqaAPIClient",
                "MultaqaServices",
                "MultaqaMail",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MultaqaDomainTests",
            dependencies: ["MultaqaDomain"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MultaqaMailTests",
            dependencies: ["MultaqaMail", "MultaqaDomain", "MultaqaReports"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MultaqaReportsTests",
            dependencies: ["MultaqaReports", "MultaqaDomain", "MultaqaTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MultaqaStoreTests",
            dependencies: [
                "MultaqaStore", "MultaqaTestSupport", "MultaqaMigrations", "MultaqaDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MultaqaAPITests",
            dependencies: [
                "MultaqaAPI", "MultaqaAPIClient", "MultaqaTestSupport", "MultaqaDomain", "MultaqaDemo", "MultaqaStore",
                "MultaqaServices", "MultaqaMail", "MultaqaPages", "MultaqaMigrations",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
