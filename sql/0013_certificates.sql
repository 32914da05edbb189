-- Certificates of attendance: one per registration checked in at least once, with a code anyone
-- can verify. The name, the days and the workshops are read from the registration and its
-- check-ins when the certificate is made or verified, never copied: erasing the registration's
-- personal data leaves nothing of the person here.
CREATE TABLE certificates (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id        uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    registration_id uuid NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    code            text NOT NULL CONSTRAINT certificates_code_unique UNIQUE CHECK (code ~ '^[2-9A-HJ-NP-Z]{20}$'),
    issued_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    revoked_at      timestamptz,
    -- Issuing again makes no second code.
    CONSTRAINT certificates_once UNIQUE (registration_id)
);
CREATE INDEX certificates_event ON certificates (event_id);

-- Each certificate is announced to its holder by mail, written with it (CertificateStore.issue); the
-- outbox keeps its code (`secret`) only until the mail has left, as it does a manage token.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox
    ADD CONSTRAINT notification_outbox_kind_check CHECK (kind IN (
        'registration_received', 'waitlist_promoted', 'registration_approved', 'registration_rejected',
        'registration_cancelled', 'manage_link', 'event_reminder', 'certificate_issued'));
