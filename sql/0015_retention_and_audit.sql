-- 0015: personal data kept no longer than needed, and a record of every use of it.
--
-- An event's registrations lose their personal data (name, address, phone, position,
-- affiliation) a retention period after the event ends: the event's own period, or the
-- configured default when it has none. What statistics need stays: status, mode, category,
-- collectivity, workshops, check-ins. A purge is the self-service erasure applied to a whole
-- event, without cancelling anybody.
--
-- Every export that holds personal data, and every purge, is recorded: who (the token's name),
-- what, when, how many people. The record is written in the same transaction as the export's
-- read or the purge, and nobody changes it afterwards: the table refuses UPDATE, DELETE and
-- TRUNCATE. It holds no personal data itself, and it names events by id and slug without a
-- foreign key, so that it outlives a deleted event.

ALTER TABLE registration_settings
    ADD COLUMN retention_days integer CONSTRAINT registration_settings_retention_days CHECK (retention_days BETWEEN 1 AND 3650);

CREATE TABLE audit_records (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    token_id    uuid,
    action      text NOT NULL CHECK (action IN ('registrations_exported', 'attendance_exported', 'badges_exported',
                                                'personal_data_purged')),
    event_id    uuid NOT NULL,
    event_slug  text NOT NULL,
    people      integer NOT NULL CHECK (people >= 0),
    detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_records_event ON audit_records (event_id, id);

CREATE FUNCTION multaqa_audit_unchangeable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'audit_unchangeable',
        DETAIL = 'the record of personal-data use cannot be changed or deleted';
END;
$$;
CREATE TRIGGER audit_records_unchangeable BEFORE UPDATE OR DELETE ON audit_records
    FOR EACH ROW EXECUTE FUNCTION multaqa_audit_unchangeable();
CREATE TRIGGER audit_records_untruncatable BEFORE TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION multaqa_audit_unchangeable();

-- Erases the personal data of an event's registrations not yet erased, and records it. Returns
-- how many were erased. Two purges of one event (two instances' janitors) run one after the
-- other: the event's row is locked first, and the second finds nothing left.
--
-- Besides the registrations themselves, personal data may wait in:
-- - unsent mail (deleted: nobody can be written to any more) and the outbox's last errors, where
--   a relay may have quoted an address;
-- - the replies kept for a repeated Idempotency-Key (a registration's answer carries its name),
--   under a scope that names the event or one of its registrations.
CREATE FUNCTION multaqa_purge_event(p_event uuid, p_actor text, p_token uuid, p_detail jsonb)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_slug   text;
    v_erased integer;
BEGIN
    SELECT slug INTO v_slug FROM events WHERE id = p_event FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ404', MESSAGE = 'event';
    END IF;
    DELETE FROM idempotency_keys k
    WHERE k.scope LIKE '%' || p_event::text || '%' OR k.scope LIKE '%/events/' || v_slug || '/%'
       OR EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = p_event AND k.scope LIKE '%' || r.id::text || '%');
    DELETE FROM notification_outbox WHERE event_id = p_event AND sent_at IS NULL;
    UPDATE notification_outbox SET secret = NULL, last_error = NULL
    WHERE event_id = p_event AND (secret IS NOT NULL OR last_error IS NOT NULL);
    UPDATE registrations SET full_name = NULL, email = NULL, phone = NULL, position = NULL, affiliation = NULL,
        organization_id = NULL, erased_at = clock_timestamp()
    WHERE event_id = p_event AND erased_at IS NULL;
    GET DIAGNOSTICS v_erased = ROW_COUNT;
    INSERT INTO audit_records (actor, token_id, action, event_id, event_slug, people, detail)
    VALUES (p_actor, p_token, 'personal_data_purged', p_event, v_slug, v_erased, p_detail);
    RETURN v_erased;
END;
$$;
