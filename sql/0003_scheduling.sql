-- 0003: people, events, partners, rooms, sessions and who speaks where (issue 4).
-- Rules that span rows live here, so that every instance obeys them: a room never holds two
-- overlapping sessions, a person never holds two overlapping active roles, a session lies within
-- its event, a workshop is not larger than its room.

CREATE TABLE people (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    honorific_ar    text CHECK (length(honorific_ar) BETWEEN 1 AND 100),
    honorific_fr    text CHECK (length(honorific_fr) BETWEEN 1 AND 100),
    honorific_en    text CHECK (length(honorific_en) BETWEEN 1 AND 100),
    full_name_ar    text CHECK (length(full_name_ar) BETWEEN 1 AND 200),
    full_name_fr    text CHECK (length(full_name_fr) BETWEEN 1 AND 200),
    full_name_en    text CHECK (length(full_name_en) BETWEEN 1 AND 200),
    position_ar     text CHECK (length(position_ar) BETWEEN 1 AND 500),
    position_fr     text CHECK (length(position_fr) BETWEEN 1 AND 500),
    position_en     text CHECK (length(position_en) BETWEEN 1 AND 500),
    organization_id uuid CONSTRAINT people_organization_fk REFERENCES organizations (id) ON DELETE RESTRICT,
    country         char(2) CHECK (country ~ '^[A-Z]{2}$'),
    bio_ar          text CHECK (length(bio_ar) BETWEEN 1 AND 5000),
    bio_fr          text CHECK (length(bio_fr) BETWEEN 1 AND 5000),
    bio_en          text CHECK (length(bio_en) BETWEEN 1 AND 5000),
    -- Private: organisers only.
    email           text CHECK (length(email) BETWEEN 3 AND 254),
    phone           text CHECK (length(phone) BETWEEN 3 AND 40),
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version     integer NOT NULL DEFAULT 1,
    CONSTRAINT people_name_present CHECK (coalesce(full_name_ar, full_name_fr, full_name_en) IS NOT NULL)
);
CREATE TRIGGER people_touch BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();

ALTER TABLE api_tokens
    ADD CONSTRAINT api_tokens_person_fk FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE SET NULL;

-- A series of seminars or a programme that events belong to (seed 000's series of virtual
-- meetings, seed 004's communes performance programme).
CREATE TABLE event_series (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind        text NOT NULL CHECK (kind IN ('series', 'programme')),
    name_ar     text CHECK (length(name_ar) BETWEEN 1 AND 300),
    name_fr     text CHECK (length(name_fr) BETWEEN 1 AND 300),
    name_en     text CHECK (length(name_en) BETWEEN 1 AND 300),
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT event_series_name_present CHECK (coalesce(name_ar, name_fr, name_en) IS NOT NULL)
);

CREATE TABLE events (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug              text NOT NULL CONSTRAINT events_slug_unique UNIQUE
                      CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    kind              text NOT NULL CHECK (kind IN ('seminar', 'webinar', 'forum', 'conference', 'meeting', 'workshop')),
    format            text NOT NULL CHECK (format IN ('in_person', 'virtual', 'hybrid')),
    title_ar          text CHECK (length(title_ar) BETWEEN 1 AND 300),
    title_fr          text CHECK (length(title_fr) BETWEEN 1 AND 300),
    title_en          text CHECK (length(title_en) BETWEEN 1 AND 300),
    theme_ar          text CHECK (length(theme_ar) BETWEEN 1 AND 500),
    theme_fr          text CHECK (length(theme_fr) BETWEEN 1 AND 500),
    theme_en          text CHECK (length(theme_en) BETWEEN 1 AND 500),
    description_ar    text CHECK (length(description_ar) BETWEEN 1 AND 10000),
    description_fr    text CHECK (length(description_fr) BETWEEN 1 AND 10000),
    description_en    text CHECK (length(description_en) BETWEEN 1 AND 10000),
    timezone          text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL,
    venue_name        text CHECK (length(venue_name) BETWEEN 1 AND 200),
    venue_city        text CHECK (length(venue_city) BETWEEN 1 AND 100),
    venue_address     text CHECK (length(venue_address) BETWEEN 1 AND 500),
    online_platform   text CHECK (length(online_platform) BETWEEN 1 AND 100),
    online_stream_url text CHECK (length(online_stream_url) BETWEEN 1 AND 2000),
    -- Private: organisers and registered attendees only.
    online_join_url   text CHECK (length(online_join_url) BETWEEN 1 AND 2000),
    languages         text[] NOT NULL DEFAULT '{}',
    interpretation    boolean NOT NULL DEFAULT false,
    series_id         uuid CONSTRAINT events_series_fk REFERENCES event_series (id) ON DELETE SET NULL,
    status            text NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'published', 'closed', 'archived', 'cancelled')),
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version       integer NOT NULL DEFAULT 1,
    CONSTRAINT events_title_present CHECK (coalesce(title_ar, title_fr, title_en) IS NOT NULL),
    CONSTRAINT events_end_after_start CHECK (ends_at > starts_at),
    CONSTRAINT events_venue_for_in_person CHECK (format = 'virtual' OR venue_name IS NOT NULL),
    CONSTRAINT events_platform_for_online CHECK (format = 'in_person' OR online_platform IS NOT NULL)
);
CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();
CREATE INDEX events_starts_at ON events (starts_at, id);
CREATE INDEX events_status ON events (status, starts_at);

CREATE TABLE event_partners (
    event_id        uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL CONSTRAINT event_partners_organization_fk
                    REFERENCES organizations (id) ON DELETE RESTRICT,
    role            text NOT NULL CHECK (role IN ('organizer', 'co_organizer', 'funder', 'host',
                                                  'technical_partner', 'media_partner')),
    display_order   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, organization_id)
);
CREATE INDEX event_partners_organization ON event_partners (organization_id);

CREATE TABLE rooms (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id    uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    capacity    integer CHECK (capacity > 0),
    -- When the room may be used (a hall booked for the afternoon); the conflicts report warns
    -- about sessions outside these hours rather than refusing them.
    opens_at    timestamptz,
    closes_at   timestamptz,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version integer NOT NULL DEFAULT 1,
    CONSTRAINT rooms_hours_ordered CHECK (opens_at IS NULL OR closes_at IS NULL OR closes_at > opens_at),
    CONSTRAINT rooms_name_unique UNIQUE (event_id, name),
    -- Lets sessions refer to (room, event) so that a session can only use a room of its event.
    CONSTRAINT rooms_id_event_unique UNIQUE (id, event_id)
);
CREATE TRIGGER rooms_touch BEFORE UPDATE ON rooms FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();

CREATE TABLE sessions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id       uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind           text NOT NULL CHECK (kind IN ('opening', 'plenary', 'talk', 'panel', 'discussion',
                                                 'workshop', 'break', 'closing')),
    title_ar       text CHECK (length(title_ar) BETWEEN 1 AND 300),
    title_fr       text CHECK (length(title_fr) BETWEEN 1 AND 300),
    title_en       text CHECK (length(title_en) BETWEEN 1 AND 300),
    description_ar text CHECK (length(description_ar) BETWEEN 1 AND 5000),
    description_fr text CHECK (length(description_fr) BETWEEN 1 AND 5000),
    description_en text CHECK (length(description_en) BETWEEN 1 AND 5000),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    room_id        uuid,
    online_url     text CHECK (length(online_url) BETWEEN 1 AND 2000),
    language       text CHECK (language ~ '^[a-z]{2}$'),
    capacity       integer CHECK (capacity > 0),
    track          text CHECK (length(track) BETWEEN 1 AND 100),
    -- A small stable number: schedule.xml and the apps that read it want integer event ids.
    number         bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT sessions_number_unique UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version    integer NOT NULL DEFAULT 1,
    CONSTRAINT sessions_title_present CHECK (coalesce(title_ar, title_fr, title_en) IS NOT NULL),
    CONSTRAINT sessions_end_after_start CHECK (ends_at > starts_at),
    CONSTRAINT sessions_room_fk FOREIGN KEY (room_id, event_id) REFERENCES rooms (id, event_id) ON DELETE RESTRICT,
    CONSTRAINT sessions_room_no_overlap EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
        WHERE (room_id IS NOT NULL)
);
CREATE TRIGGER sessions_touch BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();
CREATE INDEX sessions_event_start ON sessions (event_id, starts_at);

-- A session lies within its event, and a workshop is no larger than its room. These span two
-- tables, so triggers check them, in the same transaction as the write.
CREATE FUNCTION multaqa_check_session() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    event_row events%ROWTYPE;
    room_capacity integer;
BEGIN
    -- FOR SHARE: a concurrent change of the event's dates waits for this write (and the reverse),
    -- so that neither checks against a state the other is changing.
    SELECT * INTO event_row FROM events WHERE id = NEW.event_id FOR SHARE;
    IF NEW.starts_at < event_row.starts_at OR NEW.ends_at > event_row.ends_at THEN
        RAISE EXCEPTION 'session outside its event''s dates'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'sessions_within_event', TABLE = 'sessions';
    END IF;
    IF NEW.room_id IS NOT NULL AND NEW.capacity IS NOT NULL THEN
        SELECT capacity INTO room_capacity FROM rooms WHERE id = NEW.room_id FOR SHARE;
        IF room_capacity IS NOT NULL AND NEW.capacity > room_capacity THEN
            RAISE EXCEPTION 'session capacity above its room''s'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'sessions_capacity_within_room', TABLE = 'sessions';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER sessions_check BEFORE INSERT OR UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION multaqa_check_session();

-- Moving an event's dates may not leave sessions outside them.
CREATE FUNCTION multaqa_check_event_dates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM sessions
               WHERE event_id = NEW.id AND (starts_at < NEW.starts_at OR ends_at > NEW.ends_at)) THEN
        RAISE EXCEPTION 'event dates would leave sessions outside them'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'events_contain_sessions', TABLE = 'events';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER events_check_dates AFTER UPDATE OF starts_at, ends_at ON events
    FOR EACH ROW EXECUTE FUNCTION multaqa_check_event_dates();

-- Who speaks, moderates, coordinates or reports where. The session's times are copied here (and
-- kept in step by a trigger) so that one exclusion constraint refuses a person in two places.
CREATE TABLE session_participants (
    session_id    uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    person_id     uuid NOT NULL CONSTRAINT session_participants_person_fk REFERENCES people (id) ON DELETE RESTRICT,
    event_id      uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role          text NOT NULL CHECK (role IN ('speaker', 'moderator', 'chair', 'panelist', 'coordinator', 'rapporteur')),
    talk_title_ar text CHECK (length(talk_title_ar) BETWEEN 1 AND 300),
    talk_title_fr text CHECK (length(talk_title_fr) BETWEEN 1 AND 300),
    talk_title_en text CHECK (length(talk_title_en) BETWEEN 1 AND 300),
    display_order integer NOT NULL DEFAULT 0,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    -- False once the event is cancelled: a cancelled meeting no longer keeps its people busy.
    active        boolean NOT NULL DEFAULT true,
    PRIMARY KEY (session_id, person_id),
    CONSTRAINT session_participants_no_overlap
        EXCLUDE USING gist (person_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (active)
);
CREATE INDEX session_participants_person ON session_participants (person_id);
CREATE INDEX session_participants_event ON session_participants (event_id);

CREATE FUNCTION multaqa_event_cancelled() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE session_participants SET active = (NEW.status <> 'cancelled') WHERE event_id = NEW.id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER events_cancelled AFTER UPDATE OF status ON events
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION multaqa_event_cancelled();

CREATE FUNCTION multaqa_session_times_to_participants() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE session_participants SET starts_at = NEW.starts_at, ends_at = NEW.ends_at
    WHERE session_id = NEW.id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER sessions_times_to_participants AFTER UPDATE OF starts_at, ends_at ON sessions
    FOR EACH ROW EXECUTE FUNCTION multaqa_session_times_to_participants();

-- The program's version: every change that shows in an event's program (its sessions, rooms,
-- partners, participants, and the people and organizations they show) bumps it in the same
-- transaction, so the program's ETag changes at once, whichever instance made the change.
CREATE TABLE program_versions (
    event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    version  bigint NOT NULL DEFAULT 1
);

CREATE FUNCTION multaqa_bump_program() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed record;
BEGIN
    changed := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    IF TG_TABLE_NAME = 'events' THEN
        INSERT INTO program_versions (event_id) VALUES (changed.id)
        ON CONFLICT (event_id) DO UPDATE SET version = program_versions.version + 1;
    ELSIF TG_TABLE_NAME = 'people' THEN
        UPDATE program_versions SET version = version + 1
        WHERE event_id IN (SELECT event_id FROM session_participants WHERE person_id = changed.id);
    ELSIF TG_TABLE_NAME = 'organizations' THEN
        UPDATE program_versions SET version = version + 1
        WHERE event_id IN (SELECT event_id FROM event_partners WHERE organization_id = changed.id
                           UNION
                           SELECT sp.event_id FROM session_participants sp JOIN people p ON p.id = sp.person_id
                           WHERE p.organization_id = changed.id);
    ELSE
        UPDATE program_versions SET version = version + 1 WHERE event_id = changed.event_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER events_program AFTER INSERT OR UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();
CREATE TRIGGER sessions_program AFTER INSERT OR UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();
CREATE TRIGGER rooms_program AFTER INSERT OR UPDATE OR DELETE ON rooms
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();
CREATE TRIGGER event_partners_program AFTER INSERT OR UPDATE OR DELETE ON event_partners
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();
CREATE TRIGGER session_participants_program AFTER INSERT OR UPDATE OR DELETE ON session_participants
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();
CREATE TRIGGER people_program AFTER UPDATE ON people
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();
CREATE TRIGGER organizations_program AFTER UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();

-- Every instance keeps the programs it served in memory and listens on this channel: a change
-- committed anywhere tells every instance which program to drop (delivered at commit).
CREATE FUNCTION multaqa_notify_program() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('multaqa_program', NEW.event_id::text);
    RETURN NULL;
END;
$$;
CREATE TRIGGER program_versions_notify AFTER INSERT OR UPDATE ON program_versions
    FOR EACH ROW EXECUTE FUNCTION multaqa_notify_program();
