import Foundation
import HTTPTypes
import Hummingbird
import MultaqaDomain
import MultaqaPages
import MultaqaServices
import MultaqaStore
import NIOCore

/// The page a certificate's code leads to (`/c/{code}`, printed on the certificate and sent in its
/// mail): anyone holding the code checks it there, and the holder downloads it. Both are limited
/// per client, like the API's verification, so that codes cannot be tried by the thousand.
struct CertificatePageController: Sendable {
    let database: Database
    let pages: PageController

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let refusal = pages.limited(request, context) { return refusal }
        let typed = context.parameters.get("code") ?? ""
        guard let certificate = try await CertificateStore(database: database).find(code: typed) else {
            let language = PageLanguage(request: request, eventLanguages: []).language
            let page = CertificatePage(
                verdict: .unknown, code: String(typed.prefix(40)), name: nil, eventTitle: nil, period: nil, days: [])
            return PageResponse.html(page.render(language: language), status: .notFound)
        }
        let event = try await EventStore(database: database).find(certificate.eventID.uuidString)
        let language = PageLanguage(request: request, eventLanguages: event.languages)
        let format = PageFormat(language: language.language, timeZone: event.timezone)
        let verdict: CertificatePage.Verdict =
            switch certificate.state {
            case .valid: .valid
            case .revoked: .revoked
            case .withdrawn: .withdrawn
            }
        let page = CertificatePage(
            verdict: verdict, code: SecretCode.display(certificate.code), name: certificate.fullName,
            eventTitle: language.language.pick(event.title, eventLanguages: event.languages),
            period: format.period(event.startsAt, event.endsAt),
            days: certificate.days.compactMap { CheckInDay.noon(of: $0, timezone: event.timezone) }.map(format.shortDay))
        return PageResponse.html(page.render(language: language.language), cookies: [language.rememberCookie])
    }

    /// The PDF of a valid certificate: `?lang=ar|fr|en|ar+fr`, by default the holder's language.
    func pdf(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let refusal = pages.limited(request, context) { return refusal }
        guard let certificate = try await CertificateStore(database: database).find(code: context.parameters.get("code") ?? ""),
            certificate.isValid
        else { return pages.notFound(request) }
        let chosen = request.uri.queryParameters.get("lang") ?? ""
        let languages: [Language] =
            chosen == "ar+fr" ? [.ar, .fr] : Language(rawValue: chosen).map { [$0] } ?? [certificate.language]
        let sheet = try await CertificateService(database: database).sheet(
            certificate, languages: languages, siteURL: pages.siteURL(request))
        let file = try await CertificateService.pdf(sheet)
        var headers = PageResponse.securityHeaders
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = "attachment; filename=\"certificate-\(certificate.code).pdf\""
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(file.size)
        return Response(
            status: .ok, headers: headers,
            body: .init(asyncSequence: file.pieces().map { ByteBuffer(bytes: $0) }))
    }
}
