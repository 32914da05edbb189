-- 0008: waitlist positions told exactly, and registrations that their Idempotency-Key remembers.
--
-- Registrations joining a waitlist now queue behind each other on the pool row, each holding it
-- until its commit: waitlist sequence numbers are then handed out in commit order, and the
-- position a registration is told (the waitlisted registrations of its mode up to its own) counts
-- every registration ahead of it, none still in flight. Before, joiners held the row in share mode
-- and counted only those already committed, so two people could be told the same place. The
-- queue costs one commit per joiner, only once the seats are gone.
--
-- A registration sent with an Idempotency-Key records, in its own transaction, which registration
-- it made and the manage token shown in the answer (the kept answer holds that token too, for the
-- same 24 hours). The answer itself is kept by the service after the commit; when the service dies
-- in between, a retry finds the registration and answers with it instead of registering twice.

ALTER TABLE idempotency_keys
    ADD COLUMN registration_id uuid,
    ADD COLUMN manage_token text;

CREATE OR REPLACE FUNCTION multaqa_seat_or_wait(p_pool bigint, p_waitlist boolean, p_mode text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    IF multaqa_take_seat(p_pool) THEN
        RETURN NULL;
    END IF;
    -- Exclusive: joiners queue here, and a seat given back (multaqa_free_seat) waits for them.
    PERFORM 1 FROM capacity_pools WHERE id = p_pool FOR NO KEY UPDATE;
    IF multaqa_take_seat(p_pool) THEN
        RETURN NULL;
    END IF;
    IF NOT p_waitlist THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'event_full',
            DETAIL = format('every %s seat is taken and this event keeps no waitlist', replace(p_mode, '_', '-'));
    END IF;
    RETURN nextval('registration_waitlist_seq');
END;
$$;

DROP FUNCTION multaqa_register(uuid, text, text, text, text, text, text, uuid, text, text, uuid[], text, text, bytea, boolean);

CREATE FUNCTION multaqa_register(
    p_event uuid, p_mode text, p_full_name text, p_email text, p_phone text, p_category text,
    p_collectivity text, p_organization uuid, p_affiliation text, p_position text, p_workshops uuid[],
    p_invitation text, p_checkin_code text, p_manage_hash bytea, p_by_organizer boolean,
    p_idempotency_scope text, p_idempotency_key text, p_manage_token text
) RETURNS TABLE (registration_id uuid, status text, waitlist_position bigint, created_at timestamptz, consent_at timestamptz)
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
            DETAIL = 'is not a collectivity of the reference list (GET /v1/collectivities)';
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
    INSERT INTO registrations (event_id, mode, status, full_name, email, phone, position, affiliation,
                               organization_id, category, collectivity, consent_at, invitation_id, source,
                               checkin_code, manage_hash)
        VALUES (p_event, p_mode, v_status, p_full_name, p_email, p_phone, p_position, p_affiliation,
                p_organization, p_category, p_collectivity, v_now, v_invitation,
                CASE WHEN p_by_organizer THEN 'organizer' ELSE 'self' END, p_checkin_code, p_manage_hash)
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
    INSERT INTO notification_outbox (event_id, registration_id, kind, payload)
        VALUES (p_event, v_id, 'registration_received', jsonb_build_object('status', v_status));
    -- The request's Idempotency-Key learns what it made in this transaction: a retry after a
    -- crash between this commit and the answer rebuilds the answer instead of registering again.
    IF p_idempotency_key IS NOT NULL THEN
        UPDATE idempotency_keys SET registration_id = v_id, manage_token = p_manage_token
            WHERE scope = p_idempotency_scope AND key = p_idempotency_key AND idempotency_keys.status IS NULL;
    END IF;
    -- The position is exact: every registration ahead in the queue has committed (joining holds
    -- the pool row until commit, see multaqa_seat_or_wait).
    RETURN QUERY SELECT v_id, v_status,
        CASE WHEN v_status = 'waitlisted' THEN
            (SELECT count(*) FROM registrations r WHERE r.event_id = p_event AND r.mode = p_mode
                AND r.status = 'waitlisted' AND r.waitlist_seq <= v_seq) END,
        v_created, v_now;
END;
$$;

CREATE OR REPLACE FUNCTION multaqa_release_registration(p_registration uuid, p_status text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_reg  registrations%ROWTYPE;
    v_pool bigint;
    v_seat record;
BEGIN
    SELECT * INTO v_reg FROM registrations WHERE id = p_registration FOR UPDATE;
    IF v_reg.status IN ('cancelled', 'rejected') THEN
        RETURN;
    END IF;
    -- Leaving the waitlist moves everybody behind up one place: ordered with registrations joining
    -- it, so that the position each of them is told stays exact.
    IF v_reg.status = 'waitlisted' THEN
        PERFORM 1 FROM capacity_pools WHERE event_id = v_reg.event_id AND mode = v_reg.mode FOR NO KEY UPDATE;
    END IF;
    UPDATE registrations SET status = p_status, waitlist_seq = NULL, cancelled_at = clock_timestamp()
        WHERE id = p_registration;
    IF v_reg.status IN ('confirmed', 'pending_approval') THEN
        SELECT id INTO v_pool FROM capacity_pools WHERE event_id = v_reg.event_id AND mode = v_reg.mode;
        IF v_pool IS NOT NULL THEN
            PERFORM multaqa_free_seat(v_pool);
        END IF;
    END IF;
    FOR v_seat IN
        SELECT p.id AS pool_id FROM registration_workshops w JOIN capacity_pools p ON p.session_id = w.session_id
        WHERE w.registration_id = p_registration AND w.seated ORDER BY p.id
    LOOP
        PERFORM multaqa_release_seat(v_seat.pool_id);
    END LOOP;
    UPDATE registration_workshops SET seated = false WHERE registration_id = p_registration;
END;
$$;
