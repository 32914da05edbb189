-- 0006: recommendations and their follow-up (issue 6).
-- A workshop's rapporteur drafts them, organisers adopt them, and they are followed up across
-- the next phases of a programme. The lifecycle is enforced here as well as in the service: a
-- trigger refuses any status change the lifecycle does not allow, whoever writes the row.

CREATE TABLE recommendation_counters (
    event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    last     integer NOT NULL
);

CREATE TABLE recommendations (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id       uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- The per-event number (R-01, R-02 …): given at creation, never reused nor changed.
    number         integer NOT NULL CHECK (number > 0),
    -- The workshop (or any session) it came from; NULL: the plenary.
    session_id     uuid CONSTRAINT recommendations_session_fk REFERENCES sessions (id) ON DELETE RESTRICT,
    text_ar        text CHECK (length(text_ar) BETWEEN 1 AND 5000),
    text_fr        text CHECK (length(text_fr) BETWEEN 1 AND 5000),
    text_en        text CHECK (length(text_en) BETWEEN 1 AND 5000),
    rationale_ar   text CHECK (length(rationale_ar) BETWEEN 1 AND 5000),
    rationale_fr   text CHECK (length(rationale_fr) BETWEEN 1 AND 5000),
    rationale_en   text CHECK (length(rationale_en) BETWEEN 1 AND 5000),
    axis           text CHECK (length(axis) BETWEEN 1 AND 200),
    -- Who is expected to act: organizations, and/or kinds of actors (types of collectivity, the
    -- State's services, partners…).
    actor_ids      uuid[] NOT NULL DEFAULT '{}',
    actor_kinds    text[] NOT NULL DEFAULT '{}' CHECK (actor_kinds <@ ARRAY['region', 'prefecture', 'province',
                   'commune', 'state', 'partner', 'civil_society', 'private_sector']),
    owner_id       uuid CONSTRAINT recommendations_owner_fk REFERENCES organizations (id) ON DELETE SET NULL,
    priority       text CHECK (priority IN ('low', 'medium', 'high')),
    due_date       date,
    tags           text[] NOT NULL DEFAULT '{}',
    status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'adopted', 'rejected',
                   'merged', 'in_progress', 'implemented')),
    progress       smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    merged_into    uuid,
    created_by     text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version    integer NOT NULL DEFAULT 1,
    CONSTRAINT recommendations_number_unique UNIQUE (event_id, number),
    CONSTRAINT recommendations_id_event UNIQUE (id, event_id),
    CONSTRAINT recommendations_text_present CHECK (coalesce(text_ar, text_fr, text_en) IS NOT NULL),
    -- Merged only into another recommendation of the same event.
    CONSTRAINT recommendations_merged_same_event FOREIGN KEY (merged_into, event_id)
        REFERENCES recommendations (id, event_id) ON DELETE RESTRICT,
    CONSTRAINT recommendations_merged_target CHECK ((status = 'merged') = (merged_into IS NOT NULL) AND merged_into IS DISTINCT FROM id),
    CONSTRAINT recommendations_progress_done CHECK (status <> 'implemented' OR progress = 100)
);
CREATE TRIGGER recommendations_touch BEFORE UPDATE ON recommendations
    FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();
CREATE INDEX recommendations_event ON recommendations (event_id, number);
CREATE INDEX recommendations_status ON recommendations (status, due_date);
CREATE INDEX recommendations_owner ON recommendations (owner_id);

-- The lifecycle, as the database's last word (the service checks it first to answer 409 with
-- the allowed moves).
CREATE FUNCTION multaqa_recommendation_lifecycle() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
        (OLD.status = 'draft' AND NEW.status = 'submitted') OR
        (OLD.status = 'submitted' AND NEW.status IN ('draft', 'adopted', 'rejected', 'merged')) OR
        (OLD.status = 'adopted' AND NEW.status = 'in_progress') OR
        (OLD.status = 'in_progress' AND NEW.status = 'implemented')) THEN
        RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'recommendation_status_transition',
            DETAIL = format('a recommendation that is %s cannot become %s', OLD.status, NEW.status);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER recommendations_lifecycle BEFORE UPDATE OF status ON recommendations
    FOR EACH ROW EXECUTE FUNCTION multaqa_recommendation_lifecycle();

-- Every change, kept: who, when, from what to what, with a note and the progress.
CREATE TABLE recommendation_history (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recommendation_id uuid NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    from_status       text,
    to_status         text NOT NULL,
    progress          smallint,
    note              text CHECK (length(note) BETWEEN 1 AND 2000),
    actor             text NOT NULL,
    at                timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX recommendation_history_recommendation ON recommendation_history (recommendation_id, id);
