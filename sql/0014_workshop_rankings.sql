-- 0014: workshops by preference.
--
-- An event takes workshops either at registration (first come, first served, as before) or as
-- rankings that organisers later allocate. A ranking is one ordered list of workshops, best first;
-- within each time slot the rank of a workshop is its place among that slot's workshops in the
-- list. A time slot is a run of workshops linked by overlapping times (the merged intervals of
-- their times): an attendee gets at most one workshop per slot.
--
-- An allocation is a proposal computed by the service (MultaqaDomain's Allocator) from the inputs
-- read here, stored with the SHA-256 of those inputs. Applying it re-reads the inputs under locks
-- and refuses when they no longer hash the same, then seats everybody in one transaction and
-- writes one mail per attendee to the outbox.

ALTER TABLE registration_settings
    ADD COLUMN workshop_choice text NOT NULL DEFAULT 'at_registration'
        CHECK (workshop_choice IN ('at_registration', 'ranked')),
    -- At most this many workshops ranked per slot; all when NULL.
    ADD COLUMN ranked_choices integer CHECK (ranked_choices BETWEEN 1 AND 20),
    ADD COLUMN rankings_close_at timestamptz,
    -- A workshop with fewer attendees is flagged in a proposal.
    ADD COLUMN workshop_minimum integer CHECK (workshop_minimum BETWEEN 1 AND 100000);

CREATE TABLE workshop_rankings (
    registration_id uuid NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    session_id      uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position        integer NOT NULL CHECK (position > 0),
    PRIMARY KEY (registration_id, session_id),
    CONSTRAINT workshop_rankings_position_unique UNIQUE (registration_id, position)
);
CREATE INDEX workshop_rankings_session ON workshop_rankings (session_id);

-- The time slots of an event's workshops, numbered from 1 in time order: a workshop opens a new
-- slot when it starts at or after the end of every earlier one.
CREATE FUNCTION multaqa_workshop_slots(p_event uuid) RETURNS TABLE (session_id uuid, slot integer)
LANGUAGE sql STABLE AS $$
    SELECT id, (sum(opens) OVER (ORDER BY starts_at, id))::integer
    FROM (SELECT id, starts_at,
                 CASE WHEN starts_at < max(ends_at) OVER (ORDER BY starts_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                      THEN 0 ELSE 1 END AS opens
          FROM sessions WHERE event_id = p_event AND kind = 'workshop') w
$$;

-- A ranking: workshop sessions of this event, each once, at most p_choices per slot, before the
-- deadline.
CREATE FUNCTION multaqa_check_ranking(p_event uuid, p_workshops uuid[], p_choices integer, p_closes_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_count integer;
BEGIN
    IF p_closes_at IS NOT NULL AND clock_timestamp() >= p_closes_at THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'rankings_closed',
            DETAIL = format('workshop rankings closed at %s', to_char(p_closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
    END IF;
    IF cardinality(p_workshops) <> (SELECT count(DISTINCT w) FROM unnest(p_workshops) w) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'workshops', DETAIL = 'rank each workshop at most once';
    END IF;
    SELECT count(*) INTO v_count FROM sessions WHERE id = ANY (p_workshops) AND event_id = p_event AND kind = 'workshop';
    IF v_count <> cardinality(p_workshops) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'workshops',
            DETAIL = 'every workshop must be a workshop session of this event';
    END IF;
    IF p_choices IS NOT NULL AND EXISTS (
        SELECT 1 FROM multaqa_workshop_slots(p_event) s WHERE s.session_id = ANY (p_workshops)
        GROUP BY s.slot HAVING count(*) > p_choices) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'workshops',
            DETAIL = format('rank at most %s workshops among those at the same time', p_choices);
    END IF;
END;
$$;

-- In ranked mode, workshops are not chosen directly: seats come from an allocation.
CREATE OR REPLACE FUNCTION multaqa_check_workshops(p_event uuid, p_workshops uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_count integer;
BEGIN
    IF cardinality(p_workshops) = 0 THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM registration_settings WHERE event_id = p_event AND workshop_choice = 'ranked') THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'workshops_ranked',
            DETAIL = 'this event allocates workshops from the attendees'' rankings: change the ranking instead';
    END IF;
    SELECT count(*) INTO v_count FROM sessions WHERE id = ANY (p_workshops) AND event_id = p_event AND kind = 'workshop';
    IF v_count <> cardinality(p_workshops) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'workshops',
            DETAIL = 'every workshop must be a workshop session of this event';
    END IF;
    IF EXISTS (SELECT 1 FROM sessions a JOIN sessions b ON a.id < b.id
               WHERE a.id = ANY (p_workshops) AND b.id = ANY (p_workshops)
                 AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'workshops_overlap',
            DETAIL = 'choose at most one workshop among workshops that take place at the same time';
    END IF;
END;
$$;

-- An attendee (or an organiser) replaces a registration's ranking. The registration row is
-- locked, so this waits for an allocation being applied, which holds it in share mode.
CREATE FUNCTION multaqa_set_ranking(p_registration uuid, p_workshops uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_reg      registrations%ROWTYPE;
    v_settings registration_settings%ROWTYPE;
BEGIN
    SELECT * INTO v_reg FROM registrations WHERE id = p_registration FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ404', MESSAGE = 'registration';
    END IF;
    IF v_reg.status IN ('cancelled', 'rejected') THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'registration_not_active',
            DETAIL = format('the registration is %s and can no longer change', v_reg.status);
    END IF;
    SELECT * INTO v_settings FROM registration_settings WHERE event_id = v_reg.event_id;
    IF NOT FOUND OR v_settings.workshop_choice <> 'ranked' THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'workshops_not_ranked',
            DETAIL = 'this event takes workshops at registration: choose them instead of ranking them';
    END IF;
    PERFORM multaqa_check_ranking(v_reg.event_id, p_workshops, v_settings.ranked_choices, v_settings.rankings_close_at);
    DELETE FROM workshop_rankings WHERE registration_id = p_registration;
    INSERT INTO workshop_rankings (registration_id, session_id, position)
        SELECT p_registration, w, n FROM unnest(p_workshops) WITH ORDINALITY AS u (w, n);
    UPDATE registrations SET updated_at = clock_timestamp() WHERE id = p_registration;
END;
$$;

CREATE TABLE allocations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id      uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    mechanism     text NOT NULL CHECK (mechanism IN ('priority', 'lottery', 'rank_maximal')),
    seed          text CHECK (length(seed) BETWEEN 1 AND 200),
    inputs_digest text NOT NULL CHECK (inputs_digest ~ '^[0-9a-f]{64}$'),
    statistics    jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    applied_at    timestamptz,
    CONSTRAINT allocations_seed_for_lottery CHECK ((mechanism = 'lottery') = (seed IS NOT NULL))
);
CREATE INDEX allocations_event ON allocations (event_id, created_at);

-- One row per attendee and slot they ranked in: the workshop given (none: session NULL), its rank,
-- and the explanation the attendee reads.
CREATE TABLE allocation_placements (
    allocation_id   uuid NOT NULL REFERENCES allocations (id) ON DELETE CASCADE,
    registration_id uuid NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    slot            integer NOT NULL CHECK (slot > 0),
    session_id      uuid REFERENCES sessions (id) ON DELETE CASCADE,
    rank            integer CHECK (rank > 0),
    explanation     jsonb NOT NULL,
    PRIMARY KEY (allocation_id, registration_id, slot),
    CONSTRAINT allocation_placements_rank_given CHECK ((session_id IS NULL) = (rank IS NULL))
);
CREATE INDEX allocation_placements_registration ON allocation_placements (registration_id);

ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_kind_check;
ALTER TABLE notification_outbox
    ADD CONSTRAINT notification_outbox_kind_check CHECK (kind IN (
        'registration_received', 'waitlist_promoted', 'registration_approved', 'registration_rejected',
        'registration_cancelled', 'manage_link', 'event_reminder', 'certificate_issued', 'workshops_allocated'));

-- Seats everybody a proposal places and writes one mail per attendee, in the caller's
-- transaction, which has already checked that the inputs are unchanged (AllocationStore.apply).
-- A workshop without the seats the proposal counted on (it cannot happen once the inputs are
-- checked) rolls everything back.
CREATE FUNCTION multaqa_apply_allocation(p_allocation uuid) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_event uuid;
    v_place record;
    v_seats integer := 0;
BEGIN
    UPDATE allocations SET applied_at = clock_timestamp() WHERE id = p_allocation AND applied_at IS NULL
        RETURNING event_id INTO v_event;
    IF v_event IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'allocation_applied',
            DETAIL = 'this proposal has already been applied';
    END IF;
    FOR v_place IN
        SELECT a.registration_id, a.session_id, p.id AS pool_id FROM allocation_placements a
        JOIN capacity_pools p ON p.session_id = a.session_id
        WHERE a.allocation_id = p_allocation ORDER BY p.id, a.registration_id
    LOOP
        IF NOT multaqa_take_seat(v_place.pool_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'allocation_inputs_changed',
                DETAIL = 'a workshop has fewer free seats than the proposal counted on; make a new proposal';
        END IF;
        INSERT INTO registration_workshops (registration_id, session_id, seated)
            VALUES (v_place.registration_id, v_place.session_id, true);
        v_seats := v_seats + 1;
    END LOOP;
    INSERT INTO notification_outbox (event_id, registration_id, kind, payload)
        SELECT v_event, registration_id, 'workshops_allocated', jsonb_build_object('allocationId', p_allocation)
        FROM allocation_placements WHERE allocation_id = p_allocation GROUP BY registration_id;
    RETURN v_seats;
END;
$$;

-- Registration learns the ranked mode; it also says whether the workshops sent were kept as a
-- ranking (the answer lists no workshop then: none is held yet).
DROP FUNCTION multaqa_register(uuid, text, text, text, text, text, text, uuid, text, text, uuid[], text, text, bytea,
                               boolean, text, text, text, text);

CREATE FUNCTION multaqa_register(
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
    v_language := coalesce(p_language, multaqa_event_mail_language(v_event.languages));
    INSERT INTO registrations (event_id, mode, status, full_name, email, phone, position, affiliation,
                               organization_id, category, collectivity, consent_at, invitation_id, source,
                               checkin_code, manage_hash, language)
        VALUES (p_event, p_mode, v_status, p_full_name, p_email, p_phone, p_position, p_affiliation,
                p_organization, p_category, p_collectivity, v_now, v_invitation,
                CASE WHEN p_by_organizer THEN 'organizer' ELSE 'self' END, p_checkin_code, p_manage_hash, v_language)
        RETURNING id, registrations.created_at INTO v_id, v_created;
    IF cardinality(v_ranking) > 0 THEN
        INSERT INTO workshop_rankings (registration_id, session_id, position)
            SELECT v_id, w, n FROM unnest(v_ranking) WITH ORDINALITY AS u (w, n);
    END IF;
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
    RETURN QUERY SELECT v_id, v_status, NULL::bigint, v_created, v_now, v_language, cardinality(v_ranking) > 0;
END;
$$;
