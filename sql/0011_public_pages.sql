-- The attendee's pages: what they need from the database.

-- The manage link (`/r/TOKEN`) opens a registration by its token alone. A hash index: the
-- lookup is by equality only, and the index stays a quarter of a B-tree's size on 32-byte keys.
CREATE INDEX registrations_manage_hash ON registrations USING hash (manage_hash);

-- The event page lists the recommendations a meeting adopted: a change that adds one, removes one
-- or changes the text or status of one of them changes what the page shows, so it bumps the program's version (and
-- every instance drops its cached pages through the existing announcement).
CREATE FUNCTION multaqa_bump_program_recommendation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Progress, owners and due dates are followed up often and do not show on the page.
    IF TG_OP = 'UPDATE' AND (OLD.status, OLD.number, OLD.text_ar, OLD.text_fr, OLD.text_en)
                            IS NOT DISTINCT FROM (NEW.status, NEW.number, NEW.text_ar, NEW.text_fr, NEW.text_en) THEN
        RETURN NULL;
    END IF;
    IF (TG_OP <> 'INSERT' AND OLD.status IN ('adopted', 'in_progress', 'implemented'))
       OR (TG_OP <> 'DELETE' AND NEW.status IN ('adopted', 'in_progress', 'implemented')) THEN
        UPDATE program_versions SET version = version + 1
        WHERE event_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.event_id ELSE NEW.event_id END;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER recommendations_program AFTER INSERT OR UPDATE OR DELETE ON recommendations
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program_recommendation();

-- The key that signs the pages' anti-forgery tokens, the same for every instance behind the load
-- balancer: a form served by one instance is accepted by another. 244 random bits from two
-- version-4 UUIDs (core PostgreSQL, no extension needed).
CREATE TABLE page_keys (
    id     smallint PRIMARY KEY CHECK (id = 1),
    secret bytea NOT NULL CHECK (length(secret) >= 32)
);
INSERT INTO page_keys (id, secret)
VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- The event page says whether registration is open: a change to the settings changes the page.
CREATE TRIGGER registration_settings_program AFTER INSERT OR UPDATE OR DELETE ON registration_settings
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();
