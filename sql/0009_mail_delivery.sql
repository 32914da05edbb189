-- 0009: mail leaves the outbox.
--
-- A registration records the language its attendee reads (ar, fr or en; by default the first of
-- the event's languages that mail is written in). The outbox becomes a queue that workers on every
-- instance drain: a row is due at next_attempt_at, taken with FOR UPDATE SKIP LOCKED (so two
-- instances never hold the same row), and marked sent, or given a later attempt, in the
-- transaction that held it. After the last attempt it is marked failed with its last error, for
-- an organiser to see and retry.
--
-- The confirmation carries the manage link, whose token is otherwise stored only as a hash: the
-- outbox row keeps the token (`secret`) until the mail is sent, and the same UPDATE that marks it
-- sent erases it.

ALTER TABLE registrations ADD COLUMN language text CHECK (language IN ('ar', 'fr', 'en'));

-- Where attendees' replies to an event's mail go: the organisers' address.
ALTER TABLE registration_settings ADD COLUMN reply_to text CHECK (length(reply_to) BETWEEN 3 AND 254);

-- The language mail is written in when the attendee named none: the event's first one we write
-- mail in, else English.
CREATE FUNCTION multaqa_event_mail_language(p_languages text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(
        (SELECT l FROM unnest(p_languages) WITH ORDINALITY AS u(l, n) WHERE l IN ('ar', 'fr', 'en') ORDER BY n LIMIT 1),
        'en')
$$;

UPDATE registrations r SET language = multaqa_event_mail_language(e.languages) FROM events e WHERE e.id = r.event_id;
ALTER TABLE registrations ALTER COLUMN language SET NOT NULL;

ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox
    ADD CONSTRAINT notification_outbox_kind_check CHECK (kind IN (
        'registration_received', 'waitlist_promoted', 'registration_approved', 'registration_rejected',
        'registration_cancelled', 'manage_link', 'event_reminder')),
    ADD COLUMN attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    ADD COLUMN failed_at       timestamptz,
    ADD COLUMN last_error      text,
    ADD COLUMN secret          text,
    ADD CONSTRAINT notification_outbox_sent_or_failed CHECK (sent_at IS NULL OR failed_at IS NULL);

-- Rows written before mail existed announce changes of long ago: they are not sent by surprise
-- but shown as failed, for an organiser to send on purpose. The last day's are sent.
UPDATE notification_outbox SET failed_at = clock_timestamp(),
        last_error = 'written before mail delivery existed; retry to send it'
    WHERE sent_at IS NULL AND created_at < clock_timestamp() - interval '1 day';

DROP INDEX notification_outbox_unsent;
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at, id)
    WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX notification_outbox_event ON notification_outbox (event_id, id);
-- A registration's rows: erasure, cancellation and "send me my link again" find them without
-- reading the whole outbox, which keeps what was sent.
CREATE INDEX notification_outbox_registration ON notification_outbox (registration_id);
-- One reminder per registration, however many workers schedule reminders at once.
CREATE UNIQUE INDEX notification_outbox_reminder_once ON notification_outbox (registration_id)
    WHERE kind = 'event_reminder';

DROP FUNCTION multaqa_register(uuid, text, text, text, text, text, text, uuid, text, text, uuid[], text, text, bytea,
                               boolean, text, text, text);

CREATE FUNCTION multaqa_register(
    p_event uuid, p_mode text, p_full_name text, p_email text, p_phone text, p_category text,
    p_collectivity text, p_organization uuid, p_affiliation text, p_position text, p_workshops uuid[],
    p_invitation text, p_checkin_code text, p_manage_hash bytea, p_by_organizer boolean,
    p_idempotency_scope text, p_idempotency_key text, p_manage_token text, p_language text
) RETURNS TABLE (registration_id uuid, status text, waitlist_position bigint, created_at timestamptz, consent_at timestamptz,
               language text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_event      events%ROWTYPE;
    v_settings   registration_settings%ROWTYPE;
    v_pool       bigint;
    v_pool_cap   integer;
    v_invitation uuid;
    v_id         uuid;
    v_created    timestamptz;
    v_status     text;
    v_seq        bigint;
    v_workshop   record;
    v_now        timestamptz := clock_timestamp();
    v_language   text;
BEGIN
    SELECT * INTO v_event FROM events WHERE id = p_event;
    IF NOT FOUND OR (v_event.status = 'draft' AND NOT p_by_organizer) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ404', MESSAGE = 'event';
    END IF;
    SELECT * INTO v_settings FROM registration_settings WHERE event_id = p_event;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'registration_not_offered',
            DETAIL = 'this event does not take registrations';
    END IF;
    IF NOT p_by_organizer THEN
        IF v_event.status <> 'published' THEN
            RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'registration_closed',
                DETAIL = format('the event is %s; registration is closed', v_event.status);
        END IF;
        IF v_settings.opens_at IS NOT NULL AND v_now < v_settings.opens_at THEN
            RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'registration_not_open_yet',
                DETAIL = format('registration opens at %s', to_char(v_settings.opens_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
        END IF;
        IF v_now >= coalesce(v_settings.closes_at, v_event.ends_at) THEN
            RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'registration_closed',
                DETAIL = 'the registration window has closed';
        END IF;
    ELSIF v_event.status IN ('cancelled', 'archived') THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'registration_closed',
            DETAIL = format('the event is %s', v_event.status);
    END IF;
    SELECT id, capacity INTO v_pool, v_pool_cap FROM capacity_pools WHERE event_id = p_event AND mode = p_mode;
    IF v_pool IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'mode',
            DETAIL = format('this event does not offer %s attendance', p_mode);
    END IF;
    IF NOT p_category = ANY (v_settings.categories) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'category',
            DETAIL = format('must be one of the categories this event offers: %s', array_to_string(v_settings.categories, ', '));
    END IF;
    IF 'phone' = ANY (v_settings.required_fields) AND p_phone IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'phone', DETAIL = 'is required for this event';
    END IF;
    IF 'position' = ANY (v_settings.required_fields) AND p_position IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'position', DETAIL = 'is required for this event';
    END IF;
    IF 'affiliation' = ANY (v_settings.required_fields)
       AND p_collectivity IS NULL AND p_organization IS NULL AND p_affiliation IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'affiliation',
            DETAIL = 'is required for this event: a collectivity, an organization or a free text';
    END IF;
    IF p_collectivity IS NOT NULL AND NOT EXISTS (SELECT 1 FROM collectivities WHERE code = p_collectivity) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'affiliation.collectivity',
            DETAIL = 'is not a collectivity of the reference list';
    END IF;
    IF p_organization IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organizations WHERE id = p_organization) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'affiliation.organizationId',
            DETAIL = 'is not an existing organization';
    END IF;
    PERFORM multaqa_check_workshops(p_event, p_workshops);
    IF v_settings.invite_only AND NOT p_by_organizer THEN
        UPDATE invitation_codes SET used = used + 1
            WHERE event_id = p_event AND code = upper(p_invitation) AND used < uses
            RETURNING id INTO v_invitation;
        IF v_invitation IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'invitation_invalid',
                DETAIL = 'this event is by invitation: the invitation code is missing, unknown or used up';
        END IF;
    END IF;
    v_status := CASE WHEN v_settings.approval_required AND NOT p_by_organizer THEN 'pending_approval' ELSE 'confirmed' END;
    v_language := coalesce(p_language, multaqa_event_mail_language(v_event.languages));
    INSERT INTO registrations (event_id, mode, status, full_name, email, phone, position, affiliation,
                               organization_id, category, collectivity, consent_at, invitation_id, source,
                               checkin_code, manage_hash, language)
        VALUES (p_event, p_mode, v_status, p_full_name, p_email, p_phone, p_position, p_affiliation,
                p_organization, p_category, p_collectivity, v_now, v_invitation,
                CASE WHEN p_by_organizer THEN 'organizer' ELSE 'self' END, p_checkin_code, p_manage_hash, v_language)
        RETURNING id, registrations.created_at INTO v_id, v_created;
    -- Seats last: the contended rows are held only for the rest of this statement and its commit.
    v_seq := multaqa_seat_or_wait(v_pool, v_settings.waitlist, p_mode);
    IF v_seq IS NOT NULL THEN
        v_status := 'waitlisted';
        UPDATE registrations SET status = v_status, waitlist_seq = v_seq WHERE id = v_id;
    END IF;
    IF cardinality(p_workshops) > 0 THEN
        INSERT INTO registration_workshops (registration_id, session_id, seated)
            SELECT v_id, w, false FROM unnest(p_workshops) w;
        IF v_status <> 'waitlisted' THEN
            FOR v_workshop IN
                SELECT p.id AS pool_id, s.id AS session_id, coalesce(s.title_ar, s.title_fr, s.title_en) AS title
                FROM capacity_pools p JOIN sessions s ON s.id = p.session_id
                WHERE p.session_id = ANY (p_workshops) ORDER BY p.id
            LOOP
                IF NOT multaqa_take_seat(v_workshop.pool_id) THEN
                    RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'workshop_full',
                        DETAIL = format('the workshop %s (%s) is full; choose another one', v_workshop.title, v_workshop.session_id);
                END IF;
            END LOOP;
            UPDATE registration_workshops SET seated = true WHERE registration_workshops.registration_id = v_id;
        END IF;
    END IF;
    INSERT INTO notification_outbox (event_id, registration_id, kind, payload, secret)
        VALUES (p_event, v_id, 'registration_received', jsonb_build_object('status', v_status), p_manage_token);
    -- The request's Idempotency-Key learns what it made in this transaction: a retry after a
    -- crash between this commit and the answer rebuilds the answer instead of registering again.
    IF p_idempotency_key IS NOT NULL THEN
        UPDATE idempotency_keys SET registration_id = v_id, manage_token = p_manage_token
            WHERE scope = p_idempotency_scope AND key = p_idempotency_key AND idempotency_keys.status IS NULL;
    END IF;
    -- A waitlisted registration's place is read once it has committed (multaqa_waitlist_position).
    RETURN QUERY SELECT v_id, v_status, NULL::bigint, v_created, v_now, v_language;
END;
$$;
