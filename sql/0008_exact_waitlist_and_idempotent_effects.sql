-- 0008: waitlist positions told exactly, and registrations that their Idempotency-Key remembers.
--
-- A waitlist is a queue whose places are told. Every change of a pool's queue (joining it, leaving
-- it, a promotion out of it) holds the pool's queue lock in shared mode until it commits; changes
-- do not wait for each other, so their commits are flushed together. The place a registration is
-- told is read after its own commit (multaqa_waitlist_position): it takes the queue lock in
-- exclusive mode for an instant, so it waits for every change already in flight — every
-- registration ahead of it that has not committed yet — and then counts. Before, the place was
-- counted inside the registration's statement, missing registrations ahead of it still in flight,
-- so two people could be told the same place. The queue lock is a transaction-level advisory lock:
-- taking it writes nothing, so reading a place costs no commit of its own.
--
-- A registration sent with an Idempotency-Key records, in its own transaction, which registration
-- it made and the manage token shown in the answer (the kept answer holds that token too, for the
-- same 24 hours). The answer itself is kept by the service after the commit; when the service dies
-- in between, a retry finds the registration and answers with it instead of registering twice.

ALTER TABLE idempotency_keys
    ADD COLUMN registration_id uuid,
    ADD COLUMN manage_token text;

-- The advisory lock of a pool's waitlist (first key: the waitlists' own class of locks).
CREATE FUNCTION multaqa_queue_lock(p_pool bigint, p_exclusive boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_exclusive THEN
        PERFORM pg_advisory_xact_lock(8, (p_pool % 2147483647)::integer);
    ELSE
        PERFORM pg_advisory_xact_lock_shared(8, (p_pool % 2147483647)::integer);
    END IF;
END;
$$;

-- The place of a waitlisted registration, exact: waits for the changes of its queue in flight
-- (see above), then counts the waitlisted registrations of its mode up to its own. NULL when it
-- is not waitlisted.
CREATE FUNCTION multaqa_waitlist_position(p_registration uuid) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_pool bigint;
BEGIN
    SELECT p.id INTO v_pool FROM registrations r JOIN capacity_pools p ON p.event_id = r.event_id AND p.mode = r.mode
        WHERE r.id = p_registration AND r.status = 'waitlisted';
    IF v_pool IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM multaqa_queue_lock(v_pool, true);
    RETURN (SELECT count(*) FROM registrations r JOIN registrations mine
                ON mine.event_id = r.event_id AND mine.mode = r.mode
            WHERE mine.id = p_registration AND mine.status = 'waitlisted'
              AND r.status = 'waitlisted' AND r.waitlist_seq <= mine.waitlist_seq);
END;
$$;

CREATE OR REPLACE FUNCTION multaqa_seat_or_wait(p_pool bigint, p_waitlist boolean, p_mode text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    IF multaqa_take_seat(p_pool) THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM capacity_pools WHERE id = p_pool FOR SHARE;
    IF multaqa_take_seat(p_pool) THEN
        RETURN NULL;
    END IF;
    IF NOT p_waitlist THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'event_full',
            DETAIL = format('every %s seat is taken and this event keeps no waitlist', replace(p_mode, '_', '-'));
    END IF;
    -- Before the number is drawn: whoever reads a place after this waits for this commit.
    PERFORM multaqa_queue_lock(p_pool, false);
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
    -- A waitlisted registration's place is read once it has committed (multaqa_waitlist_position).
    RETURN QUERY SELECT v_id, v_status, NULL::bigint, v_created, v_now;
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
    -- Leaving the waitlist moves everybody behind up one place: a change of the queue.
    IF v_reg.status = 'waitlisted' THEN
        PERFORM multaqa_queue_lock(p.id, false) FROM capacity_pools p
            WHERE p.event_id = v_reg.event_id AND p.mode = v_reg.mode;
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

-- A promotion takes the first registration out of the queue: a change of the queue too.
CREATE OR REPLACE FUNCTION multaqa_promote(p_registration uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_event    uuid;
    v_status   text;
    v_dropped  uuid[] := '{}';
    v_workshop record;
BEGIN
    PERFORM multaqa_queue_lock(p.id, false) FROM registrations r
        JOIN capacity_pools p ON p.event_id = r.event_id AND p.mode = r.mode WHERE r.id = p_registration;
    SELECT r.event_id, CASE WHEN s.approval_required THEN 'pending_approval' ELSE 'confirmed' END
        INTO v_event, v_status
        FROM registrations r LEFT JOIN registration_settings s ON s.event_id = r.event_id
        WHERE r.id = p_registration;
    UPDATE registrations SET status = v_status, waitlist_seq = NULL WHERE id = p_registration;
    FOR v_workshop IN
        SELECT w.session_id, p.id AS pool_id FROM registration_workshops w
        JOIN capacity_pools p ON p.session_id = w.session_id
        WHERE w.registration_id = p_registration AND NOT w.seated ORDER BY p.id
    LOOP
        IF multaqa_take_seat(v_workshop.pool_id) THEN
            UPDATE registration_workshops SET seated = true
                WHERE registration_id = p_registration AND session_id = v_workshop.session_id;
        ELSE
            DELETE FROM registration_workshops
                WHERE registration_id = p_registration AND session_id = v_workshop.session_id;
            v_dropped := v_dropped || v_workshop.session_id;
        END IF;
    END LOOP;
    INSERT INTO notification_outbox (event_id, registration_id, kind, payload)
        VALUES (v_event, p_registration, 'waitlist_promoted',
                jsonb_build_object('status', v_status, 'droppedWorkshops', to_jsonb(v_dropped)));
END;
$$;
