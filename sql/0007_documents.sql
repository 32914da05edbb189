-- 0007: documents and media links of a meeting (issue 7).
-- Documents are files Multaqa keeps (the recommendations, a strategic plan, slides…) attached to
-- an event, one of its sessions or one of its recommendations; media links point at recordings
-- and streams hosted elsewhere. Both show in the program, so their changes bump its version.

-- Documents and links may only name a session of their own event.
ALTER TABLE sessions ADD CONSTRAINT sessions_id_event_unique UNIQUE (id, event_id);

-- A file's bytes, wherever they are kept: in `document_chunks` (storage 'postgres', the default:
-- one backup holds everything) or in a directory (storage 'directory', a file named by the blob's
-- id). A blob is written piece by piece before any document refers to it, and is complete once
-- its size, hash and type are known; a document takes a complete blob in one statement, so an
-- upload cut off half way leaves only an unreferenced blob, which the janitor removes.
CREATE TABLE document_blobs (
    id          uuid PRIMARY KEY,
    storage     text NOT NULL CHECK (storage IN ('postgres', 'directory')),
    size_bytes  bigint CHECK (size_bytes >= 0),
    sha256      bytea CHECK (octet_length(sha256) = 32),
    media_type  text CHECK (length(media_type) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT document_blobs_complete CHECK ((size_bytes IS NULL) = (sha256 IS NULL) AND (sha256 IS NULL) = (media_type IS NULL))
);
CREATE INDEX document_blobs_age ON document_blobs (created_at);

-- Fixed-size pieces (the last one shorter), so a range is read from the pieces it covers only.
CREATE TABLE document_chunks (
    blob_id  uuid NOT NULL REFERENCES document_blobs (id) ON DELETE CASCADE,
    seq      integer NOT NULL CHECK (seq >= 0),
    data     bytea NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
-- PDFs, images and office files are compressed already: do not try again on every write, and
-- let a range read fetch the slice it needs.
ALTER TABLE document_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE documents (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id           uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    session_id         uuid,
    recommendation_id  uuid,
    title_ar           text CHECK (length(title_ar) BETWEEN 1 AND 300),
    title_fr           text CHECK (length(title_fr) BETWEEN 1 AND 300),
    title_en           text CHECK (length(title_en) BETWEEN 1 AND 300),
    kind               text NOT NULL CHECK (kind IN ('recommendations', 'strategic_plan', 'programme_description',
                       'slides', 'agenda', 'press_release', 'photo', 'other')),
    language           text CHECK (language IN ('ar', 'fr', 'en')),
    visibility         text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'organizers')),
    file_name          text CHECK (length(file_name) BETWEEN 1 AND 255 AND file_name !~ '[/\\[:cntrl:]]'),
    blob_id            uuid CONSTRAINT documents_blob_fk REFERENCES document_blobs (id) ON DELETE RESTRICT,
    created_by         text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
    created_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version        integer NOT NULL DEFAULT 1,
    CONSTRAINT documents_title_present CHECK (coalesce(title_ar, title_fr, title_en) IS NOT NULL),
    CONSTRAINT documents_one_attachment CHECK (session_id IS NULL OR recommendation_id IS NULL),
    -- A session or recommendation of the same event; deleting it moves the document to the event.
    CONSTRAINT documents_session_fk FOREIGN KEY (session_id, event_id)
        REFERENCES sessions (id, event_id) ON DELETE SET NULL (session_id),
    CONSTRAINT documents_recommendation_fk FOREIGN KEY (recommendation_id, event_id)
        REFERENCES recommendations (id, event_id) ON DELETE SET NULL (recommendation_id),
    CONSTRAINT documents_blob_unique UNIQUE (blob_id)
);
CREATE INDEX documents_event ON documents (event_id, created_at);
CREATE TRIGGER documents_touch BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();
CREATE TRIGGER documents_program AFTER INSERT OR UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();

-- A document's blob goes with it: when the document is deleted or its file replaced, in the same
-- transaction (the pieces of a 'postgres' blob cascade; a 'directory' file is removed by the
-- service after the commit, or by the janitor).
CREATE FUNCTION multaqa_drop_replaced_blob() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM document_blobs WHERE id = OLD.blob_id;
    ELSIF OLD.blob_id IS DISTINCT FROM NEW.blob_id THEN
        DELETE FROM document_blobs WHERE id = OLD.blob_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER documents_drop_blob AFTER UPDATE OF blob_id OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION multaqa_drop_replaced_blob();

CREATE TABLE media_links (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id      uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    session_id    uuid,
    kind          text NOT NULL CHECK (kind IN ('live_stream', 'recording', 'highlights', 'slides', 'other')),
    title_ar      text CHECK (length(title_ar) BETWEEN 1 AND 300),
    title_fr      text CHECK (length(title_fr) BETWEEN 1 AND 300),
    title_en      text CHECK (length(title_en) BETWEEN 1 AND 300),
    url           text NOT NULL CHECK (length(url) <= 2000 AND url ~* '^https?://[^[:space:][:cntrl:]]+$'),
    language      text CHECK (language IN ('ar', 'fr', 'en')),
    published_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version   integer NOT NULL DEFAULT 1,
    CONSTRAINT media_links_session_fk FOREIGN KEY (session_id, event_id)
        REFERENCES sessions (id, event_id) ON DELETE SET NULL (session_id)
);
CREATE INDEX media_links_event ON media_links (event_id, published_at);
CREATE TRIGGER media_links_touch BEFORE UPDATE ON media_links
    FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();
CREATE TRIGGER media_links_program AFTER INSERT OR UPDATE OR DELETE ON media_links
    FOR EACH ROW EXECUTE FUNCTION multaqa_bump_program();

-- When the public sees a link: a live stream from 30 minutes before its session (or event)
-- starts until it ends, a recording once it has ended, anything else from its publication.
CREATE VIEW media_link_windows AS
SELECT l.id, l.event_id,
       CASE l.kind
           WHEN 'live_stream' THEN greatest(l.published_at, coalesce(s.starts_at, e.starts_at) - interval '30 minutes')
           WHEN 'recording' THEN greatest(l.published_at, coalesce(s.ends_at, e.ends_at))
           ELSE l.published_at
       END AS shown_from,
       CASE l.kind WHEN 'live_stream' THEN coalesce(s.ends_at, e.ends_at) END AS shown_until
FROM media_links l
JOIN events e ON e.id = l.event_id
LEFT JOIN sessions s ON s.id = l.session_id;

-- How many of an event's link windows have opened or closed by now: part of the program's ETag,
-- so a program that shows a live stream or a recording changes its ETag when time alone changes
-- what it shows.
CREATE FUNCTION multaqa_media_phase(event uuid) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT count(*) FILTER (WHERE shown_from <= now()) + count(*) FILTER (WHERE shown_until <= now())
    FROM media_link_windows WHERE event_id = event
$$;
