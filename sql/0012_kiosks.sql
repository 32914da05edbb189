-- Check-in kiosks: a code an organiser gives the staff at a door for one day of one event. The
-- code is shown once and stored as its SHA-256 only; revoking keeps the row (the check-ins it
-- made still name it).
CREATE TABLE kiosks (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id    uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    day         date NOT NULL,
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    code_hash   bytea NOT NULL CONSTRAINT kiosks_code_unique UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    revoked_at  timestamptz
);
CREATE INDEX kiosks_event ON kiosks (event_id, day);

-- Which kiosk checked a badge in, when one did (the API's check-ins and imports name none).
ALTER TABLE check_ins ADD COLUMN kiosk_id uuid CONSTRAINT check_ins_kiosk_fk REFERENCES kiosks (id) ON DELETE SET NULL;
