// The migrations embedded in the binary, in the order they apply.
// The SQL lives beside this file; SwiftPM's `.embedInCode` turns each into a byte array so the
// binary needs no files at run time and runs from any directory.

public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

public enum Migrations {
    /// Every migration, ordered by version. Add new files at the end: never renumber.
    public static let all: [Migration] = [
        Migration(version: 1, name: "foundation", sql: text(PackageResources._001_foundation_sql)),
        Migration(
            version: 2, name: "tokens_and_organizations",
            sql: text(PackageResources._002_tokens_and_organizations_sql)),
        Migration(version: 3, name: "scheduling", sql: text(PackageResources._003_scheduling_sql)),
        Migration(version: 4, name: "registration", sql: text(PackageResources._004_registration_sql)),
        Migration(version: 5, name: "collectivities", sql: text(PackageResources._005_collectivities_sql)),
        Migration(version: 6, name: "recommendations", sql: text(PackageResources._006_recommendations_sql)),
        Migration(version: 7, name: "documents", sql: text(PackageResources._007_documents_sql)),
        Migration(
            version: 8, name: "exact_waitlist_and_idempotent_effects",
            sql: text(PackageResources._008_exact_waitlist_and_idempotent_effects_sql)),
        Migration(version: 9, name: "mail_delivery", sql: text(PackageResources._009_mail_delivery_sql)),
        Migration(version: 10, name: "webhooks", sql: text(PackageResources._010_webhooks_sql)),
        Migration(version: 11, name: "public_pages", sql: text(PackageResources._011_public_pages_sql)),
        Migration(version: 12, name: "kiosks", sql: text(PackageResources._012_kiosks_sql)),
        Migration(version: 13, name: "certificates", sql: text(PackageResources._013_certificates_sql)),
        Migration(
            version: 14, name: "workshop_rankings", sql: text(PackageResources._014_workshop_rankings_sql)),
        Migration(
            version: 15, name: "retention_and_audit", sql: text(PackageResources._015_retention_and_audit_sql)),
        Migration(
            version: 16, name: "waitlist_place_without_stopping_the_queue",
            sql: text(PackageResources._016_waitlist_place_without_stopping_the_queue_sql)),
        Migration(version: 17, name: "lighter_registration", sql: text(PackageResources._017_lighter_registration_sql)),
    ]

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
