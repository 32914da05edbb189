-- 0017: a registration costs the database less: the two SQL-language functions it calls keep
-- their plans, a registration at a full event is stored waitlisted at once, and the queue lock
-- keeps only the mode it is taken in.
--
-- A function in LANGUAGE sql that cannot be inlined is parsed and planned again at every call,
-- where PL/pgSQL keeps its statements' plans. Each registration called two: the webhook fan-out
-- of its outbox row (a trigger) and the choice of its mail's language. They are redefined in
-- PL/pgSQL, doing the same. With 1,000 registrations at a 350-seat event over two connections
-- (bench/registration/statements), the registration's statement took 803 µs on average, the
-- fan-out's trigger 139 µs of it (the fan-out's INSERT: 4 µs); in PL/pgSQL, 464 µs and 29 µs.
--
-- A registration took its seat last, after it was stored, so that the contended seat rows are
-- held for as little as possible; when the pool was full it was then updated to waitlisted. In a
-- rush at a full event most registrations join the waitlist, and each was written twice (the
-- update of a row with six indexes is not a HOT one): 3.2-3.3 kB of WAL per registration of a
-- burst at a one-seat event, against 2.4-2.5 kB stored once (bench/registration/waitlist). Now,
-- when the pool is already full at the start, the seat or the place in the queue is settled first
-- and the registration stored once.
--
-- Since 0016 nobody takes the queue lock exclusively: multaqa_queue_lock(pool, exclusive) becomes
-- multaqa_queue_change(pool), and its callers are redefined as they were, calling it.

CREATE OR REPLACE FUNCTION multaqa_webhook_fanout(p_kind text, p_event uuid, p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (webhook_id, kind, event_id, payload)
    SELECT w.id, p_kind, p_event, jsonb_build_object(
               'kind', p_kind, 'eventId', p_event,
               'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'data', p_data)
    FROM webhooks w
    WHERE w.kinds @> ARRAY[p_kind] AND (w.event_id IS NULL OR w.event_id = p_event);
END;
$$;

-- The first of the event's languages that mail is written in; English when none is. A loop over
-- the array: no statement to run at all.
CREATE OR REPLACE FUNCTION multaqa_event_mail_language(p_languages text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_language text;
BEGIN
    FOREACH v_language IN ARRAY coalesce(p_languages, '{}') LOOP
        IF v_language IN ('ar', 'fr', 'en') THEN
            RETURN v_language;
        END IF;
    END LOOP;
    RETURN 'en';
END;
$$;

DROP FUNCTION multaqa_queue_lock(bigint, boolean);

-- Taken by every change of a pool's queue (joining it, leaving it, a promotion out of it) until it
-- commits: first a lock of its own transaction (class 9, keyed by its transaction id), then the
-- pool's queue lock (class 8) in shared mode. A place reader (multaqa_waitlist_position) finds the
-- holders of the queue lock and waits for each one's own lock.
CREATE FUNCTION multaqa_queue_change(p_pool bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(9, ((pg_current_xact_id()::xid)::text::bigint % 2147483647)::integer);
    PERFORM pg_advisory_xact_lock_shared(8, (p_pool % 2147483647)::integer);
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
    PERFORM multaqa_queue_change(p_pool);
    RETURN nextval('registration_waitlist_seq');
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
        PERFORM multaqa_queue_change(p.id) FROM capacity_pools p
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

CREATE OR REPLACE FUNCTION multaqa_promote(p_registration uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_event    uuid;
    v_status   text;
    v_dropped  uuid[] := '{}';
    v_workshop record;
BEGIN
    PERFORM multaqa_queue_change(p.id) FROM registrations r
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

CREATE OR REPLACE FUNCTION multaqa_register(
    p_event uuid, p_mode text, p_full_name text, p_email text, p_phone text, p_category text,
    p_collectivity text, p_organization uuid, p_affiliation text, p_position text, p_workshops uuid[],
    p_invitation text, p_checkin_code text, p_manage_hash bytea, p_by_organizer boolean,
    p_idempotency_scope text, p_idempotency_key text, p_manage_token text, p_language text
) RETURNS TABLE (registration_id uuid, status text, waitlist_position bigint, created_at timestamptz, consent_at timestamptz,
               language text, ranked boolean)
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
    v_settled    boolean := false;
    v_workshop   record;
    v_now        timestamptz := clock_timestamp();
    v_language   text;
    v_ranking    uuid[] := '{}';
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
    -- In ranked mode the workshops sent are a ranking, best first: kept for the allocation,
    -- no seat taken now.
    IF v_settings.workshop_choice = 'ranked' AND cardinality(p_workshops) > 0 THEN
        PERFORM multaqa_check_ranking(p_event, p_workshops, v_settings.ranked_choices, v_settings.rankings_close_at);
        v_ranking := p_workshops;
        p_workshops := '{}';
    ELSE
        PERFORM multaqa_check_workshops(p_event, p_workshops);
    END IF;
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
    -- A full pool with a waitlist: the seat or the place in the queue is settled before the
    -- registration is stored, so that it is stored waitlisted at once. Stored confirmed and then
    -- updated, it was written twice, each of its indexes too. Otherwise seats come last (below), so
    -- that the contended rows are held only for the rest of this statement and its commit. Without
    -- a waitlist the order stays, so that an attendee already registered is told so, not "full".
    IF v_settings.waitlist AND v_pool_cap IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM capacity_shards WHERE pool_id = v_pool AND taken < capacity) THEN
        v_seq := multaqa_seat_or_wait(v_pool, true, p_mode);
        v_settled := true;
        IF v_seq IS NOT NULL THEN
            v_status := 'waitlisted';
        END IF;
    END IF;
    v_language := coalesce(p_language, multaqa_event_mail_language(v_event.languages));
    INSERT INTO registrations (event_id, mode, status, waitlist_seq, full_name, email, phone, position, affiliation,
                               organization_id, category, collectivity, consent_at, invitation_id, source,
                               checkin_code, manage_hash, language)
        VALUES (p_event, p_mode, v_status, v_seq, p_full_name, p_email, p_phone, p_position, p_affiliation,
                p_organization, p_category, p_collectivity, v_now, v_invitation,
                CASE WHEN p_by_organizer THEN 'organizer' ELSE 'self' END, p_checkin_code, p_manage_hash, v_language)
        RETURNING id, registrations.created_at INTO v_id, v_created;
    IF cardinality(v_ranking) > 0 THEN
        INSERT INTO workshop_rankings (registration_id, session_id, position)
            SELECT v_id, w, n FROM unnest(v_ranking) WITH ORDINALITY AS u (w, n);
    END IF;
    -- Seats last: the contended rows are held only for the rest of this statement and its commit.
    IF NOT v_settled THEN
        v_seq := multaqa_seat_or_wait(v_pool, v_settings.waitlist, p_mode);
        IF v_seq IS NOT NULL THEN
            v_status := 'waitlisted';
            UPDATE registrations SET status = v_status, waitlist_seq = v_seq WHERE id = v_id;
        END IF;
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
    RETURN QUERY SELECT v_id, v_status, NULL::bigint, v_created, v_now, v_language, cardinality(v_ranking) > 0;
END;
$$;
