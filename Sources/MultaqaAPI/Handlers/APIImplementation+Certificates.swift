import Foundation
import MultaqaDomain
import MultaqaReports
import MultaqaServices
import MultaqaStore
import OpenAPIRuntime

/// Certificates of attendance: issued in bulk, verified by anyone with the code, revoked by
/// organisers, printed by the attendee.
extension APIImplementation {
    var certificates: CertificateStore { CertificateStore(database: database) }

    func issueCertificates(_ input: Operations.IssueCertificates.Input) async throws -> Operations.IssueCertificates.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        // Attendance is only known once the last day is over.
        guard Date() >= event.endsAt else {
            throw DomainError.conflict(
                rule: "event_not_over", detail: "certificates of attendance are issued once the event is over")
        }
        let (issued, total) = try await certificates.issue(eventID: event.id)
        return .ok(.init(body: .json(.init(issued: issued, total: total))))
    }

    func listCertificates(_ input: Operations.ListCertificates.Input) async throws -> Operations.ListCertificates.Output {
        _ = try await authorize(.organizer)
        let event = try await events.find(input.path.eventId)
        let list = try await certificates.list(eventID: event.id)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: list.map {
                            .init(
                                code: SecretCode.display($0.code), registrationId: SchemaMapping.id($0.registrationID),
                                fullName: $0.fullName, daysAttended: $0.days, issuedAt: $0.issuedAt, revokedAt: $0.revokedAt)
                        }))))
    }

    func verifyCertificate(_ input: Operations.VerifyCertificate.Input) async throws -> Operations.VerifyCertificate.Output {
        guard let certificate = try await certificates.find(code: input.path.code) else {
            throw DomainError.notFound(resource: "certificate with this code")
        }
        let event = try await events.find(certificate.eventID.uuidString)
        let status: Components.Schemas.CertificateVerification.StatusPayload =
            switch certificate.state {
            case .valid: .valid
            case .revoked: .revoked
            case .withdrawn: .withdrawn
            }
        // The minimum that checks it: a revoked or withdrawn certificate names nobody.
        let valid = status == .valid
        return .ok(
            .init(
                body: .json(
                    .init(
                        code: SecretCode.display(certificate.code), status: status,
                        fullName: valid ? certificate.fullName : nil, daysAttended: valid ? certificate.days : nil,
                        event: .init(
                            title: SchemaMapping.text(event.title) ?? .init(), startsAt: event.startsAt, endsAt: event.endsAt)
                    ))))
    }

    func revokeCertificate(_ input: Operations.RevokeCertificate.Input) async throws -> Operations.RevokeCertificate.Output {
        _ = try await authorize(.organizer)
        _ = try await certificates.revoke(code: input.path.code)
        return .noContent(.init())
    }

    func getRegistrationCertificate(
        _ input: Operations.GetRegistrationCertificate.Input
    ) async throws -> Operations.GetRegistrationCertificate.Output {
        let (registration, _) = try await accessibleRegistration(input.path.registrationId)
        guard let certificate = try await certificates.find(registrationID: registration.id) else {
            throw DomainError.notFound(resource: "certificate of this registration")
        }
        guard certificate.revokedAt == nil else {
            throw DomainError.conflict(rule: "certificate_revoked", detail: "this certificate was revoked by the organisers")
        }
        let languages: [Language]
        switch input.query.lang {
        case .ar: languages = [.ar]
        case .fr: languages = [.fr]
        case .en: languages = [.en]
        case .arFr: languages = [.ar, .fr]
        case nil: languages = [registration.language]
        }
        let event = try await events.find(registration.eventID.uuidString)
        let sheet = try await CertificateService(database: database).sheet(certificate, languages: languages, siteURL: siteURL)
        let pdf = try await CertificateService.pdf(sheet)
        return .ok(
            .init(
                headers: .init(contentDisposition: "attachment; filename=\"\(event.slug)-certificate.pdf\""),
                body: .pdf(HTTPBody(pdf.pieces(), length: .known(Int64(pdf.size)), iterationBehavior: .single))))
    }
}
