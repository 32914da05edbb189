import HTTPTypes

/// What the request path does around each operation of the contract, in one table: the limits on
/// its body, whether anybody may send it (and is then rate-limited), whether it honours
/// `Idempotency-Key`, whether it changes what public programs show, and whether any web page may
/// read it. The middlewares look the operation up by the route the router matched
/// (`context.endpointPath`); none of them reads the path itself. Every route of the contract has
/// an entry, and every entry a route (`OperationPolicyTests`), so a new operation must decide.
struct OperationPolicy: Sendable, Equatable {
    /// How the request body reaches the handler.
    enum Body: Sendable, Equatable {
        /// Read whole before the handler, up to `MULTAQA_MAX_BODY_SIZE`.
        case buffered
        /// Streamed through to storage, up to the upload limit plus `overhead` bytes around the file.
        case streamed(overhead: Int)
        /// Streamed when sent as `multipart/form-data` (a file with its metadata), buffered otherwise.
        case streamedWhenMultipart(overhead: Int)
    }

    struct Traits: OptionSet, Sendable, Equatable {
        let rawValue: Int
        /// Anybody may send it without a token: limited per client, unless it carries an API token.
        static let publicWrite = Traits(rawValue: 1 << 0)
        /// A retry with the same `Idempotency-Key` gets the first answer.
        static let idempotent = Traits(rawValue: 1 << 1)
        /// A success changes what public programs show: this instance drops its cached programs.
        static let changesPrograms = Traits(rawValue: 1 << 2)
        /// The public program, served from this instance's cache while it is current.
        static let cachedProgram = Traits(rawValue: 1 << 3)
        /// Readable from any web page (CORS): the public feeds.
        static let publicFeed = Traits(rawValue: 1 << 4)
        /// Anybody may try a secret it carries (a certificate's code): limited per client like a
        /// public write, so that codes cannot be tried by the thousand.
        static let guessable = Traits(rawValue: 1 << 5)
        /// Each call runs a converter for seconds (a PDF): limited per client whatever token it
        /// carries, so that one attendee's link cannot keep the service's cores busy.
        static let costly = Traits(rawValue: 1 << 6)
    }

    struct Route: Hashable, Sendable {
        let method: HTTPRequest.Method
        /// The contract's path template, as the router reports the route it matched.
        let path: String
    }

    let route: Route
    let operationID: String
    let traits: Traits
    let body: Body

    init(_ method: HTTPRequest.Method, _ path: String, _ operationID: String, _ traits: Traits = [], body: Body = .buffered) {
        self.route = Route(method: method, path: path)
        self.operationID = operationID
        self.traits = traits
        self.body = body
    }

    /// Room for the multipart boundaries and the metadata part around a file.
    static let multipartOverhead = 1 << 20

    /// The policy of the route the router matched; nil for what is not an operation of the
    /// contract (`/openapi.yaml`, a preflight, an unknown path).
    static func of(_ method: HTTPRequest.Method, route: String?) -> OperationPolicy? {
        guard let route else { return nil }
        return byRoute[Route(method: method, path: route)]
    }

    static let byRoute: [Route: OperationPolicy] = Dictionary(uniqueKeysWithValues: all.map { ($0.route, $0) })

    /// Every operation. Writes to what a program shows (events and their schedule, people,
    /// organisations, series, documents, links) change programs, and so do registration settings and
    /// recommendations, which the event's page shows; registrations and check-ins do not.
    static let all: [OperationPolicy] = [
        .init(.get, "/health/live", Operations.GetLiveness.id),
        .init(.get, "/health/ready", Operations.GetReadiness.id),
        .init(.get, "/metrics", Operations.GetMetrics.id),

        .init(.get, "/v1/organizations", Operations.ListOrganizations.id),
        .init(.post, "/v1/organizations", Operations.CreateOrganization.id, .changesPrograms),
        .init(.get, "/v1/organizations/{organizationId}", Operations.GetOrganization.id),
        .init(.patch, "/v1/organizations/{organizationId}", Operations.UpdateOrganization.id, .changesPrograms),
        .init(.delete, "/v1/organizations/{organizationId}", Operations.DeleteOrganization.id, .changesPrograms),

        .init(.get, "/v1/people", Operations.ListPeople.id),
        .init(.post, "/v1/people", Operations.CreatePerson.id, .changesPrograms),
        .init(.get, "/v1/people/{personId}", Operations.GetPerson.id),
        .init(.patch, "/v1/people/{personId}", Operations.UpdatePerson.id, .changesPrograms),
        .init(.delete, "/v1/people/{personId}", Operations.DeletePerson.id, .changesPrograms),

        .init(.get, "/v1/events", Operations.ListEvents.id),
        .init(.post, "/v1/events", Operations.CreateEvent.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}", Operations.GetEvent.id),
        .init(.patch, "/v1/events/{eventId}", Operations.UpdateEvent.id, .changesPrograms),
        .init(.delete, "/v1/events/{eventId}", Operations.DeleteEvent.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/partners", Operations.ListPartners.id),
        .init(.put, "/v1/events/{eventId}/partners/{organizationId}", Operations.PutPartner.id, .changesPrograms),
        .init(.delete, "/v1/events/{eventId}/partners/{organizationId}", Operations.DeletePartner.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/rooms", Operations.ListRooms.id),
        .init(.post, "/v1/events/{eventId}/rooms", Operations.CreateRoom.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/rooms/{roomId}", Operations.GetRoom.id),
        .init(.patch, "/v1/events/{eventId}/rooms/{roomId}", Operations.UpdateRoom.id, .changesPrograms),
        .init(.delete, "/v1/events/{eventId}/rooms/{roomId}", Operations.DeleteRoom.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/sessions", Operations.ListSessions.id),
        .init(.post, "/v1/events/{eventId}/sessions", Operations.CreateSession.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/sessions/{sessionId}", Operations.GetSession.id),
        .init(.patch, "/v1/events/{eventId}/sessions/{sessionId}", Operations.UpdateSession.id, .changesPrograms),
        .init(.delete, "/v1/events/{eventId}/sessions/{sessionId}", Operations.DeleteSession.id, .changesPrograms),
        .init(
            .put, "/v1/events/{eventId}/sessions/{sessionId}/participants/{personId}", Operations.PutParticipant.id,
            .changesPrograms),
        .init(
            .delete, "/v1/events/{eventId}/sessions/{sessionId}/participants/{personId}",
            Operations.DeleteParticipant.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/program", Operations.GetProgram.id, [.cachedProgram, .publicFeed]),
        .init(.get, "/v1/events/{eventId}/program.ics", Operations.GetProgramCalendar.id, .publicFeed),
        .init(.get, "/v1/events/{eventId}/schedule.xml", Operations.GetScheduleXML.id, .publicFeed),
        .init(.get, "/v1/events/{eventId}/conflicts", Operations.GetConflicts.id),
        .init(.get, "/v1/series", Operations.ListSeries.id),
        .init(.post, "/v1/series", Operations.CreateSeries.id, .changesPrograms),

        .init(.get, "/v1/events/{eventId}/registration-settings", Operations.GetRegistrationSettings.id),
        .init(
            .put, "/v1/events/{eventId}/registration-settings", Operations.PutRegistrationSettings.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/invitations", Operations.ListInvitations.id),
        .init(.post, "/v1/events/{eventId}/invitations", Operations.CreateInvitation.id),
        .init(.get, "/v1/events/{eventId}/registrations", Operations.ListRegistrations.id),
        .init(
            .post, "/v1/events/{eventId}/registrations", Operations.CreateRegistration.id, [.publicWrite, .idempotent]),
        .init(.get, "/v1/events/{eventId}/registrations.csv", Operations.ExportRegistrations.id),
        .init(.get, "/v1/events/{eventId}/badges", Operations.GetEventBadges.id, .costly),
        .init(.get, "/v1/events/{eventId}/kiosks", Operations.ListKiosks.id),
        .init(.post, "/v1/events/{eventId}/kiosks", Operations.CreateKiosk.id),
        .init(.delete, "/v1/kiosks/{kioskId}", Operations.RevokeKiosk.id),
        .init(.get, "/v1/events/{eventId}/certificates", Operations.ListCertificates.id),
        .init(.post, "/v1/events/{eventId}/certificates", Operations.IssueCertificates.id),
        .init(.get, "/v1/certificates/{code}", Operations.VerifyCertificate.id, .guessable),
        .init(.delete, "/v1/certificates/{code}", Operations.RevokeCertificate.id),
        .init(.get, "/v1/registrations/{registrationId}/certificate", Operations.GetRegistrationCertificate.id, .costly),
        .init(.get, "/v1/registrations/{registrationId}/ranking", Operations.GetRanking.id),
        .init(.put, "/v1/registrations/{registrationId}/ranking", Operations.PutRanking.id),
        .init(.get, "/v1/registrations/{registrationId}/allocation", Operations.GetRegistrationAllocation.id),
        .init(.get, "/v1/events/{eventId}/allocations", Operations.ListAllocations.id),
        .init(.post, "/v1/events/{eventId}/allocations", Operations.ProposeAllocation.id),
        .init(.get, "/v1/allocations/{allocationId}", Operations.GetAllocation.id),
        .init(.get, "/v1/audit", Operations.ListAuditRecords.id),
        .init(.post, "/v1/allocations/{allocationId}/apply", Operations.ApplyAllocation.id),
        .init(.post, "/v1/events/{eventId}/registrations/resend", Operations.ResendManageLink.id, .publicWrite),
        .init(.get, "/v1/events/{eventId}/notifications", Operations.ListNotifications.id),
        .init(.get, "/v1/webhooks", Operations.ListWebhooks.id),
        .init(.post, "/v1/webhooks", Operations.CreateWebhook.id),
        .init(.delete, "/v1/webhooks/{webhookId}", Operations.DeleteWebhook.id),
        .init(.get, "/v1/webhooks/{webhookId}/deliveries", Operations.ListWebhookDeliveries.id),
        .init(.post, "/v1/notifications/{notificationId}/retry", Operations.RetryNotification.id),
        .init(.get, "/v1/registrations/{registrationId}", Operations.GetRegistration.id),
        .init(.patch, "/v1/registrations/{registrationId}", Operations.UpdateRegistration.id),
        .init(.delete, "/v1/registrations/{registrationId}", Operations.CancelRegistration.id),
        .init(.get, "/v1/registrations/{registrationId}/badge", Operations.GetRegistrationBadge.id, .costly),
        .init(.post, "/v1/registrations/{registrationId}/decision", Operations.DecideRegistration.id),
        .init(.post, "/v1/events/{eventId}/check-ins", Operations.CreateCheckIn.id, .publicWrite),
        .init(.get, "/v1/events/{eventId}/attendance", Operations.GetAttendance.id),
        .init(.post, "/v1/events/{eventId}/attendance/online-import", Operations.ImportOnlineAttendance.id),
        .init(.get, "/v1/collectivities", Operations.ListCollectivities.id),

        .init(.get, "/v1/events/{eventId}/recommendations", Operations.ListEventRecommendations.id),
        .init(.post, "/v1/events/{eventId}/recommendations", Operations.CreateRecommendation.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/recommendations/summary", Operations.GetRecommendationSummary.id),
        .init(.get, "/v1/recommendations", Operations.ListRecommendations.id),
        .init(.get, "/v1/recommendations/{recommendationId}", Operations.GetRecommendation.id),
        .init(.patch, "/v1/recommendations/{recommendationId}", Operations.UpdateRecommendation.id, .changesPrograms),
        .init(.delete, "/v1/recommendations/{recommendationId}", Operations.DeleteRecommendation.id, .changesPrograms),
        .init(
            .post, "/v1/recommendations/{recommendationId}/transitions", Operations.TransitionRecommendation.id, .changesPrograms),
        .init(.get, "/v1/recommendations/{recommendationId}/history", Operations.GetRecommendationHistory.id),
        .init(.get, "/v1/events/{eventId}/reports/{report}", Operations.GetReport.id),

        .init(.get, "/v1/events/{eventId}/documents", Operations.ListDocuments.id),
        .init(
            .post, "/v1/events/{eventId}/documents", Operations.CreateDocument.id, .changesPrograms,
            body: .streamedWhenMultipart(overhead: multipartOverhead)),
        .init(.get, "/v1/documents/{documentId}", Operations.GetDocument.id),
        .init(.patch, "/v1/documents/{documentId}", Operations.UpdateDocument.id, .changesPrograms),
        .init(.delete, "/v1/documents/{documentId}", Operations.DeleteDocument.id, .changesPrograms),
        .init(.get, "/v1/documents/{documentId}/content", Operations.GetDocumentContent.id),
        .init(
            .put, "/v1/documents/{documentId}/content", Operations.PutDocumentContent.id, .changesPrograms,
            body: .streamed(overhead: 0)),
        .init(
            .post, "/v1/events/{eventId}/documents/recommendations-report",
            Operations.FreezeRecommendationsReport.id, .changesPrograms),
        .init(.get, "/v1/events/{eventId}/links", Operations.ListMediaLinks.id),
        .init(.post, "/v1/events/{eventId}/links", Operations.CreateMediaLink.id, .changesPrograms),
        .init(.get, "/v1/links/{linkId}", Operations.GetMediaLink.id),
        .init(.patch, "/v1/links/{linkId}", Operations.UpdateMediaLink.id, .changesPrograms),
        .init(.delete, "/v1/links/{linkId}", Operations.DeleteMediaLink.id, .changesPrograms),
    ]
}
