-- 0004: registration, capacity, waitlist and check-in (issue 5).
--
-- Capacity is enforced here, in the same transaction as the registration, so that any number of
-- service instances obey it. Each capacity (an event's attendance mode, or a workshop) is a pool
-- split over 64 counter rows ("shards") whose capacities add up to the pool's. A registration
-- takes a seat from the first shard with room that nobody else holds (SKIP LOCKED), so concurrent
-- registrations of one popular event do not queue behind one row; only when no free shard is
-- unlocked does it wait, and then the blocking re-check sees every committed seat, so "full" is
-- said only when every seat is taken. A CHECK on each shard makes overflow impossible whatever the
-- code above does. The whole registration is one statement (`multaqa_register`), so the contended
-- row lock is held for the rest of that statement and its commit, never across a network round trip.
--
-- Errors raised by these functions carry their own SQL states, mapped in one place by the service:
--   MQ404 (message: the resource), MQ409 (message: the rule, detail: why),
--   MQ422 (message: the field, detail: the rule).

-- Reference list of territorial collectivities (regions, prefectures, provinces, communes).
CREATE TABLE collectivities (
    code        text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{1,40}$'),
    kind        text NOT NULL CHECK (kind IN ('region', 'prefecture', 'province', 'commune')),
    name_ar     text CHECK (length(name_ar) BETWEEN 1 AND 200),
    name_fr     text CHECK (length(name_fr) BETWEEN 1 AND 200),
    parent_code text CONSTRAINT collectivities_parent_fk REFERENCES collectivities (code),
    CONSTRAINT collectivities_name_present CHECK (coalesce(name_ar, name_fr) IS NOT NULL)
);
CREATE INDEX collectivities_parent ON collectivities (parent_code);

CREATE TABLE registration_settings (
    event_id          uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    opens_at          timestamptz,
    closes_at         timestamptz,
    approval_required boolean NOT NULL DEFAULT false,
    invite_only       boolean NOT NULL DEFAULT false,
    waitlist          boolean NOT NULL DEFAULT true,
    categories        text[] NOT NULL,
    required_fields   text[] NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version       integer NOT NULL DEFAULT 1,
    CONSTRAINT registration_window_ordered CHECK (opens_at IS NULL OR closes_at IS NULL OR closes_at > opens_at),
    CONSTRAINT registration_categories_known CHECK (
        cardinality(categories) > 0 AND categories <@ ARRAY['elected_official', 'administrative_staff',
        'consultative_body_member', 'partner_representative', 'speaker', 'press', 'researcher', 'student',
        'citizen', 'other']),
    CONSTRAINT registration_required_fields_known CHECK (
        required_fields <@ ARRAY['phone', 'affiliation', 'position'])
);
CREATE TRIGGER registration_settings_touch BEFORE UPDATE ON registration_settings
    FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();

-- A capacity: an attendance mode an event offers, or a workshop. capacity NULL means unlimited
-- (no shards).
CREATE TABLE capacity_pools (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    mode          text CHECK (mode IN ('in_person', 'online')),
    session_id    uuid REFERENCES sessions (id) ON DELETE CASCADE,
    capacity      integer CHECK (capacity >= 0),
    CONSTRAINT capacity_pools_mode_unique UNIQUE (event_id, mode),
    CONSTRAINT capacity_pools_session_unique UNIQUE (session_id),
    CONSTRAINT capacity_pools_one_kind CHECK ((mode IS NULL) <> (session_id IS NULL))
);

-- First come, first served: waitlist positions in the order registrations joined.
CREATE SEQUENCE registration_waitlist_seq;

CREATE TABLE capacity_shards (
    pool_id  bigint NOT NULL REFERENCES capacity_pools (id) ON DELETE CASCADE,
    shard    smallint NOT NULL CHECK (shard BETWEEN 0 AND 63),
    capacity integer NOT NULL CHECK (capacity >= 0),
    taken    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (pool_id, shard),
    CONSTRAINT capacity_never_exceeded CHECK (taken BETWEEN 0 AND capacity)
) WITH (fillfactor = 50);

CREATE TABLE invitation_codes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id   uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    code       text NOT NULL CHECK (code ~ '^[A-Z0-9-]{4,40}$'),
    label      text CHECK (length(label) BETWEEN 1 AND 200),
    uses       integer NOT NULL CHECK (uses > 0),
    used       integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT invitation_codes_unique UNIQUE (event_id, code),
    CONSTRAINT invitation_codes_uses_left CHECK (used BETWEEN 0 AND uses)
);

CREATE TABLE registrations (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id         uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    mode             text NOT NULL CHECK (mode IN ('in_person', 'online')),
    status           text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'pending_approval',
                                                     'cancelled', 'rejected')),
    waitlist_seq     bigint,
    -- Personal data: NULL once erased at the attendee's request.
    full_name        text CHECK (length(full_name) BETWEEN 1 AND 200),
    email            text CHECK (length(email) BETWEEN 3 AND 254),
    email_key        text GENERATED ALWAYS AS (lower(email)) STORED,
    phone            text CHECK (length(phone) BETWEEN 3 AND 40),
    position         text CHECK (length(position) BETWEEN 1 AND 300),
    affiliation      text CHECK (length(affiliation) BETWEEN 1 AND 300),
    organization_id  uuid CONSTRAINT registrations_organization_fk REFERENCES organizations (id) ON DELETE SET NULL,
    -- Anonymous fields kept for statistics after erasure.
    category         text NOT NULL,
    collectivity     text CONSTRAINT registrations_collectivity_fk REFERENCES collectivities (code),
    consent_at       timestamptz NOT NULL,
    invitation_id    uuid REFERENCES invitation_codes (id) ON DELETE SET NULL,
    source           text NOT NULL CHECK (source IN ('self', 'organizer')),
    checkin_code     text NOT NULL CHECK (checkin_code ~ '^[2-9A-HJ-NP-Z]{8}$'),
    manage_hash      bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version      integer NOT NULL DEFAULT 1,
    cancelled_at     timestamptz,
    erased_at        timestamptz,
    CONSTRAINT registrations_checkin_code_unique UNIQUE (event_id, checkin_code),
    CONSTRAINT registrations_person_present CHECK (erased_at IS NOT NULL OR (full_name IS NOT NULL AND email IS NOT NULL)),
    CONSTRAINT registrations_waitlist_seq CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL))
);
CREATE TRIGGER registrations_touch BEFORE UPDATE ON registrations FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();
-- One active registration per email and event; a cancelled one does not stop a new registration.
CREATE UNIQUE INDEX registrations_email_unique ON registrations (event_id, email_key)
    WHERE status NOT IN ('cancelled', 'rejected');
CREATE INDEX registrations_event_order ON registrations (event_id, created_at, id);
CREATE INDEX registrations_waitlist ON registrations (event_id, mode, waitlist_seq) WHERE status = 'waitlisted';

-- Workshops a registration chose; `seated` when it holds a seat in the workshop's pool (a
-- waitlisted registration chooses but does not hold).
CREATE TABLE registration_workshops (
    registration_id uuid NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    session_id      uuid NOT NULL CONSTRAINT registration_workshops_session_fk REFERENCES sessions (id) ON DELETE RESTRICT,
    seated          boolean NOT NULL,
    PRIMARY KEY (registration_id, session_id)
);
CREATE INDEX registration_workshops_session ON registration_workshops (session_id);

CREATE TABLE check_ins (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id        uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    registration_id uuid NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    day             date NOT NULL,
    session_id      uuid CONSTRAINT check_ins_session_fk REFERENCES sessions (id) ON DELETE CASCADE,
    method          text NOT NULL CHECK (method IN ('code', 'online_import')),
    checked_in_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    joined_at       timestamptz,
    left_at         timestamptz,
    CONSTRAINT check_ins_once UNIQUE NULLS NOT DISTINCT (registration_id, day, session_id)
);
CREATE INDEX check_ins_event ON check_ins (event_id, day);

-- Notifications to send (confirmation, promotion from the waitlist, rejection), written in the
-- same transaction as the change they announce, so that none is lost and none is sent for a
-- change that rolled back. A mailer drains it.
CREATE TABLE notification_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    registration_id uuid REFERENCES registrations (id) ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('registration_received', 'waitlist_promoted',
                                                  'registration_approved', 'registration_rejected',
                                                  'registration_cancelled')),
    payload         jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    sent_at         timestamptz
);
CREATE INDEX notification_outbox_unsent ON notification_outbox (id) WHERE sent_at IS NULL;

-- Idempotency-Key: the first answer to a key is kept 24 h and replayed to retries.
CREATE TABLE idempotency_keys (
    scope        text NOT NULL,
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash bytea NOT NULL,
    status       integer,
    headers      jsonb,
    body         bytea,
    locked_until timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Sets a pool's capacity, keeping every seat already taken: refused below the seats taken.
-- Raising it promotes waitlisted registrations of a mode pool in the same transaction.
CREATE FUNCTION multaqa_set_capacity(p_pool bigint, p_capacity integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_taken integer;
    v_slack integer;
    v_share integer;
    v_rest  integer;
    v_mode  text;
    v_next  uuid;
BEGIN
    SELECT mode INTO v_mode FROM capacity_pools WHERE id = p_pool FOR NO KEY UPDATE;
    PERFORM 1 FROM capacity_shards WHERE pool_id = p_pool ORDER BY shard FOR NO KEY UPDATE;
    SELECT coalesce(sum(taken), 0) INTO v_taken FROM capacity_shards WHERE pool_id = p_pool;
    IF p_capacity IS NULL THEN
        DELETE FROM capacity_shards WHERE pool_id = p_pool;
        UPDATE capacity_pools SET capacity = NULL WHERE id = p_pool;
    ELSE
        IF p_capacity < v_taken THEN
            RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'capacity_below_taken',
                DETAIL = format('%s seats are already taken; the capacity cannot be lower', v_taken);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM capacity_shards WHERE pool_id = p_pool) THEN
            -- From unlimited: the seats taken so far are counted from the registrations.
            IF v_mode IS NOT NULL THEN
                SELECT count(*) INTO v_taken FROM registrations r JOIN capacity_pools p
                    ON p.event_id = r.event_id AND p.mode = r.mode
                    WHERE p.id = p_pool AND r.status IN ('confirmed', 'pending_approval');
            ELSE
                SELECT count(*) INTO v_taken FROM registration_workshops w JOIN capacity_pools p
                    ON p.session_id = w.session_id WHERE p.id = p_pool AND w.seated;
            END IF;
            IF p_capacity < v_taken THEN
                RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'capacity_below_taken',
                    DETAIL = format('%s seats are already taken; the capacity cannot be lower', v_taken);
            END IF;
            INSERT INTO capacity_shards (pool_id, shard, capacity, taken)
                SELECT p_pool, g, 0, 0 FROM generate_series(0, 63) g;
            UPDATE capacity_shards SET capacity = v_taken, taken = v_taken WHERE pool_id = p_pool AND shard = 0;
        END IF;
        -- Every shard keeps its taken seats; the free seats are spread evenly.
        v_slack := p_capacity - v_taken;
        v_share := v_slack / 64;
        v_rest := v_slack % 64;
        UPDATE capacity_shards SET capacity = taken + v_share + CASE WHEN shard < v_rest THEN 1 ELSE 0 END
            WHERE pool_id = p_pool;
        UPDATE capacity_pools SET capacity = p_capacity WHERE id = p_pool;
    END IF;
    IF v_mode IS NOT NULL THEN
        LOOP
            SELECT r.id INTO v_next FROM registrations r JOIN capacity_pools p
                ON p.event_id = r.event_id AND p.mode = r.mode
                WHERE p.id = p_pool AND r.status = 'waitlisted' ORDER BY r.waitlist_seq LIMIT 1 FOR UPDATE OF r;
            EXIT WHEN v_next IS NULL OR NOT multaqa_take_seat(p_pool);
            PERFORM multaqa_promote(v_next);
        END LOOP;
    END IF;
END;
$$;

-- Takes one seat of a pool: true, or false when every seat is taken.
CREATE FUNCTION multaqa_take_seat(p_pool bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    v_capacity integer;
    v_start    integer := floor(random() * 64)::integer;
    v_shard    smallint;
BEGIN
    SELECT capacity INTO v_capacity FROM capacity_pools WHERE id = p_pool;
    IF v_capacity IS NULL THEN
        RETURN true;
    END IF;
    -- A shard with room that nobody holds; each transaction starts at a random shard so that
    -- concurrent ones spread over the rows.
    UPDATE capacity_shards SET taken = taken + 1
        WHERE pool_id = p_pool AND shard = (
            SELECT shard FROM capacity_shards WHERE pool_id = p_pool AND taken < capacity
            ORDER BY (shard + 64 - v_start) % 64 LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED);
    IF FOUND THEN
        RETURN true;
    END IF;
    -- Every shard with room is held by a transaction in flight, or none has room. Wait for one
    -- that had room when this statement began; its room is checked again once its holder is
    -- done. "Full" only when no shard has room in the latest committed state.
    LOOP
        SELECT shard INTO v_shard FROM capacity_shards WHERE pool_id = p_pool AND taken < capacity
            ORDER BY (shard + 64 - v_start) % 64 LIMIT 1;
        IF NOT FOUND THEN
            RETURN false;
        END IF;
        UPDATE capacity_shards SET taken = taken + 1 WHERE pool_id = p_pool AND shard = v_shard AND taken < capacity;
        IF FOUND THEN
            RETURN true;
        END IF;
    END LOOP;
END;
$$;

-- Gives one seat back to a pool (without promoting anybody: see multaqa_free_seat).
CREATE FUNCTION multaqa_release_seat(p_pool bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_start integer := floor(random() * 64)::integer;
    v_shard smallint;
BEGIN
    IF (SELECT capacity FROM capacity_pools WHERE id = p_pool) IS NULL THEN
        RETURN;
    END IF;
    UPDATE capacity_shards SET taken = taken - 1
        WHERE pool_id = p_pool AND shard = (
            SELECT shard FROM capacity_shards WHERE pool_id = p_pool AND taken > 0
            ORDER BY (shard + 64 - v_start) % 64 LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED);
    IF FOUND THEN
        RETURN;
    END IF;
    LOOP
        SELECT shard INTO v_shard FROM capacity_shards WHERE pool_id = p_pool AND taken > 0
            ORDER BY (shard + 64 - v_start) % 64 LIMIT 1;
        IF NOT FOUND THEN
            RETURN;
        END IF;
        UPDATE capacity_shards SET taken = taken - 1 WHERE pool_id = p_pool AND shard = v_shard AND taken > 0;
        IF FOUND THEN
            RETURN;
        END IF;
    END LOOP;
END;
$$;

-- A waitlisted registration gets the seat it waited for: confirmed (or pending approval when the
-- event requires it); its workshops are seated where room is left, the others dropped and named
-- in the notification.
CREATE FUNCTION multaqa_promote(p_registration uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_event    uuid;
    v_status   text;
    v_dropped  uuid[] := '{}';
    v_workshop record;
BEGIN
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

-- A seat of a mode pool is given up: the first waitlisted registration of that pool takes it
-- over in this transaction; with nobody waiting it goes back to the pool. The pool row lock
-- orders this with registrations joining the waitlist, so that a seat never stays free while
-- somebody waits. Returns the promoted registration, if any.
CREATE FUNCTION multaqa_free_seat(p_pool bigint) RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE
    v_next uuid;
BEGIN
    PERFORM 1 FROM capacity_pools WHERE id = p_pool FOR NO KEY UPDATE;
    SELECT r.id INTO v_next FROM registrations r JOIN capacity_pools p
        ON p.event_id = r.event_id AND p.mode = r.mode
        WHERE p.id = p_pool AND r.status = 'waitlisted' ORDER BY r.waitlist_seq LIMIT 1 FOR UPDATE OF r;
    IF v_next IS NULL THEN
        PERFORM multaqa_release_seat(p_pool);
    ELSE
        PERFORM multaqa_promote(v_next);
    END IF;
    RETURN v_next;
END;
$$;

-- Releases every seat a registration holds (cancelled, rejected, erased): its mode seat passes
-- to the first waitlisted registration, its workshop seats go back to their pools.
CREATE FUNCTION multaqa_release_registration(p_registration uuid, p_status text) RETURNS void
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

-- Workshop capacities follow the session's capacity (set in the scheduling API); lowering it
-- below the seats taken is refused there with the same rule.
CREATE FUNCTION multaqa_sync_workshop_pool() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_pool bigint;
BEGIN
    IF NEW.kind <> 'workshop' THEN
        RETURN NEW;
    END IF;
    INSERT INTO capacity_pools (event_id, session_id) VALUES (NEW.event_id, NEW.id)
        ON CONFLICT (session_id) DO NOTHING;
    SELECT id INTO v_pool FROM capacity_pools WHERE session_id = NEW.id;
    IF TG_OP = 'INSERT' OR NEW.capacity IS DISTINCT FROM OLD.capacity OR OLD.kind <> 'workshop' THEN
        PERFORM multaqa_set_capacity(v_pool, NEW.capacity);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER sessions_workshop_pool AFTER INSERT OR UPDATE OF capacity, kind ON sessions
    FOR EACH ROW EXECUTE FUNCTION multaqa_sync_workshop_pool();

-- Workshops chosen: sessions of kind workshop of this event, no two at overlapping times.
CREATE FUNCTION multaqa_check_workshops(p_event uuid, p_workshops uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_count integer;
BEGIN
    IF cardinality(p_workshops) = 0 THEN
        RETURN;
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

-- One registration, whole, in one statement: the event's rules, the invitation code, the
-- workshops, then the seats last. Raises MQ4xx errors naming the rule; nothing is left behind
-- when it does.
CREATE FUNCTION multaqa_register(
    p_event uuid, p_mode text, p_full_name text, p_email text, p_phone text, p_category text,
    p_collectivity text, p_organization uuid, p_affiliation text, p_position text, p_workshops uuid[],
    p_invitation text, p_checkin_code text, p_manage_hash bytea, p_by_organizer boolean
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
    RETURN QUERY SELECT v_id, v_status,
        CASE WHEN v_status = 'waitlisted' THEN
            (SELECT count(*) FROM registrations r WHERE r.event_id = p_event AND r.mode = p_mode
                AND r.status = 'waitlisted' AND r.waitlist_seq <= v_seq) END,
        v_created, v_now;
END;
$$;

-- A seat in a mode pool for a registration that has none yet: taken now, or a place at the end
-- of the waitlist. Joining the waitlist holds the pool row in share mode, and giving a seat back
-- (multaqa_free_seat) holds it exclusively: so a seat is never given back to the pool while
-- somebody is joining the waitlist unseen, and joiners do not queue behind each other.
-- Returns the waitlist sequence, or NULL when seated; raises event_full without a waitlist.
CREATE FUNCTION multaqa_seat_or_wait(p_pool bigint, p_waitlist boolean, p_mode text) RETURNS bigint
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
    RETURN nextval('registration_waitlist_seq');
END;
$$;

-- An attendee (or an organiser) changes the attendance mode or the workshops of a registration,
-- subject to capacity: a new seat is taken before the old one is given back, so a refusal leaves
-- the registration as it was.
CREATE FUNCTION multaqa_change_registration(p_registration uuid, p_mode text, p_workshops uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_reg      registrations%ROWTYPE;
    v_settings registration_settings%ROWTYPE;
    v_old_pool bigint;
    v_new_pool bigint;
    v_seq      bigint;
    v_seated   boolean;
    v_workshop record;
BEGIN
    SELECT * INTO v_reg FROM registrations WHERE id = p_registration FOR UPDATE;
    IF v_reg.status IN ('cancelled', 'rejected') THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'registration_not_active',
            DETAIL = format('the registration is %s and can no longer change', v_reg.status);
    END IF;
    SELECT * INTO v_settings FROM registration_settings WHERE event_id = v_reg.event_id;
    v_seated := v_reg.status IN ('confirmed', 'pending_approval');
    IF p_mode IS NOT NULL AND p_mode <> v_reg.mode THEN
        SELECT id INTO v_old_pool FROM capacity_pools WHERE event_id = v_reg.event_id AND mode = v_reg.mode;
        SELECT id INTO v_new_pool FROM capacity_pools WHERE event_id = v_reg.event_id AND mode = p_mode;
        IF v_new_pool IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'mode',
                DETAIL = format('this event does not offer %s attendance', p_mode);
        END IF;
        IF v_seated THEN
            IF NOT multaqa_take_seat(v_new_pool) THEN
                RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'mode_full',
                    DETAIL = format('every %s seat is taken; the registration keeps its %s seat',
                                    replace(p_mode, '_', '-'), replace(v_reg.mode, '_', '-'));
            END IF;
            UPDATE registrations SET mode = p_mode WHERE id = p_registration;
            PERFORM multaqa_free_seat(v_old_pool);
        ELSE
            v_seq := multaqa_seat_or_wait(v_new_pool, true, p_mode);
            IF v_seq IS NULL THEN
                UPDATE registrations SET mode = p_mode, waitlist_seq = NULL,
                    status = CASE WHEN v_settings.approval_required THEN 'pending_approval' ELSE 'confirmed' END
                    WHERE id = p_registration;
                v_seated := true;
            ELSE
                UPDATE registrations SET mode = p_mode, waitlist_seq = v_seq WHERE id = p_registration;
            END IF;
        END IF;
    END IF;
    IF p_workshops IS NOT NULL THEN
        PERFORM multaqa_check_workshops(v_reg.event_id, p_workshops);
        FOR v_workshop IN
            SELECT p.id AS pool_id, w.session_id FROM registration_workshops w
            JOIN capacity_pools p ON p.session_id = w.session_id
            WHERE w.registration_id = p_registration AND w.seated AND NOT w.session_id = ANY (p_workshops)
            ORDER BY p.id
        LOOP
            PERFORM multaqa_release_seat(v_workshop.pool_id);
        END LOOP;
        DELETE FROM registration_workshops WHERE registration_id = p_registration AND NOT session_id = ANY (p_workshops);
        INSERT INTO registration_workshops (registration_id, session_id, seated)
            SELECT p_registration, w, false FROM unnest(p_workshops) w ON CONFLICT DO NOTHING;
    END IF;
    IF v_seated THEN
        FOR v_workshop IN
            SELECT p.id AS pool_id, w.session_id, coalesce(s.title_ar, s.title_fr, s.title_en) AS title
            FROM registration_workshops w JOIN capacity_pools p ON p.session_id = w.session_id
            JOIN sessions s ON s.id = w.session_id
            WHERE w.registration_id = p_registration AND NOT w.seated ORDER BY p.id
        LOOP
            IF NOT multaqa_take_seat(v_workshop.pool_id) THEN
                RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'workshop_full',
                    DETAIL = format('the workshop %s (%s) is full; choose another one', v_workshop.title, v_workshop.session_id);
            END IF;
            UPDATE registration_workshops SET seated = true
                WHERE registration_id = p_registration AND session_id = v_workshop.session_id;
        END LOOP;
    END IF;
    UPDATE registrations SET updated_at = clock_timestamp() WHERE id = p_registration;
END;
$$;

-- Workshops scheduled before this migration get their pools too.
INSERT INTO capacity_pools (event_id, session_id) SELECT event_id, id FROM sessions WHERE kind = 'workshop';
SELECT multaqa_set_capacity(p.id, s.capacity) FROM capacity_pools p JOIN sessions s ON s.id = p.session_id
    WHERE s.capacity IS NOT NULL;
