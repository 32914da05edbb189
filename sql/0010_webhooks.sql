-- 0010: webhooks: other systems hear of changes as signed JSON, at least once.
--
-- An organiser registers an endpoint with the kinds of change it wants (and optionally one event).
-- Every change of those kinds writes one delivery per matching endpoint, in the transaction of the
-- change itself (triggers below), so none is lost and none announces a change that rolled back. A
-- worker on every instance posts due deliveries (FOR UPDATE SKIP LOCKED) and records each attempt's
-- outcome in the transaction that held the row. The payload names what changed (ids and status),
-- never an attendee's personal data: a receiver that needs more asks the API with its token.

CREATE TABLE webhooks (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    url        text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    kinds      text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY[
                   'registration_received', 'waitlist_promoted', 'registration_approved', 'registration_rejected',
                   'registration_cancelled', 'session_changed', 'recommendation_adopted']),
    event_id   uuid REFERENCES events (id) ON DELETE CASCADE,
    -- The signing key: shown once at creation, kept to sign every delivery.
    secret     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX webhooks_kinds ON webhooks USING gin (kinds);

CREATE TABLE webhook_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id      uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    kind            text NOT NULL,
    event_id        uuid,
    payload         jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_status     integer,
    last_error      text,
    CONSTRAINT webhook_deliveries_delivered_or_failed CHECK (delivered_at IS NULL OR failed_at IS NULL)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id)
    WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);

-- One delivery per endpoint that wants this kind of change, of this event or of every event.
CREATE FUNCTION multaqa_webhook_fanout(p_kind text, p_event uuid, p_data jsonb) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO webhook_deliveries (webhook_id, kind, event_id, payload)
    SELECT w.id, p_kind, p_event, jsonb_build_object(
               'kind', p_kind, 'eventId', p_event,
               'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'data', p_data)
    FROM webhooks w
    WHERE w.kinds @> ARRAY[p_kind] AND (w.event_id IS NULL OR w.event_id = p_event)
$$;

-- What attendees are told, other systems are told too (not the manage links nor the reminders).
CREATE FUNCTION multaqa_outbox_webhooks() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind NOT IN ('manage_link', 'event_reminder') THEN
        PERFORM multaqa_webhook_fanout(NEW.kind, NEW.event_id,
            jsonb_build_object('registrationId', NEW.registration_id) || NEW.payload);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER notification_outbox_webhooks AFTER INSERT ON notification_outbox
    FOR EACH ROW EXECUTE FUNCTION multaqa_outbox_webhooks();

-- A draft's programme is its organisers' business: only a public event's sessions are announced
-- (also not the sessions of a draft deleted whole), and only when something changed.
CREATE FUNCTION multaqa_session_webhooks() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_event uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        v_event := OLD.event_id;
    ELSE
        v_event := NEW.event_id;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD IS NOT DISTINCT FROM NEW THEN
            RETURN NULL;
        END IF;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM events e WHERE e.id = v_event AND e.status <> 'draft') THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM multaqa_webhook_fanout('session_changed', OLD.event_id,
            jsonb_build_object('sessionId', OLD.id, 'change', 'deleted'));
    ELSE
        PERFORM multaqa_webhook_fanout('session_changed', NEW.event_id,
            jsonb_build_object('sessionId', NEW.id, 'change', CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER sessions_webhooks AFTER INSERT OR UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION multaqa_session_webhooks();

CREATE FUNCTION multaqa_recommendation_webhooks() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM multaqa_webhook_fanout('recommendation_adopted', NEW.event_id,
        jsonb_build_object('recommendationId', NEW.id, 'number', NEW.number));
    RETURN NULL;
END;
$$;
CREATE TRIGGER recommendations_adopted_webhooks AFTER UPDATE OF status ON recommendations
    FOR EACH ROW WHEN (NEW.status = 'adopted' AND OLD.status IS DISTINCT FROM 'adopted')
    EXECUTE FUNCTION multaqa_recommendation_webhooks();
