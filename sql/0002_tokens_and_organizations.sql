-- 0002: API tokens and organizations (issue 4).

-- Organiser, admin and rapporteur tokens. Only a SHA-256 of the token is stored: a database dump
-- does not hand out access. person_id binds a rapporteur to a person (the people table comes in a
-- later migration, which adds the foreign key).
CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role         text NOT NULL CHECK (role IN ('admin', 'organizer', 'rapporteur')),
    person_id    uuid,
    token_hash   bytea NOT NULL CONSTRAINT api_tokens_hash_unique UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Partners and affiliations. Multilingual text is one column per language: each is indexed and
-- searched on its own, and none is required alone (at least one is).
CREATE TABLE organizations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name_ar     text CHECK (length(name_ar) BETWEEN 1 AND 300),
    name_fr     text CHECK (length(name_fr) BETWEEN 1 AND 300),
    name_en     text CHECK (length(name_en) BETWEEN 1 AND 300),
    acronym     text CHECK (length(acronym) BETWEEN 1 AND 30),
    kind        text NOT NULL CHECK (kind IN ('ministry', 'local_authority', 'international_organisation',
                                              'embassy', 'agency', 'association', 'academic', 'company', 'media')),
    country     char(2) CHECK (country ~ '^[A-Z]{2}$'),
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    row_version integer NOT NULL DEFAULT 1,
    CONSTRAINT organizations_name_present CHECK (coalesce(name_ar, name_fr, name_en) IS NOT NULL)
);

CREATE TRIGGER organizations_touch BEFORE UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION multaqa_touch_row();
