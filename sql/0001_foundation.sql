-- 0001 foundation (issue 3).
-- Applied whole through libpq inside one transaction by `multaqa migrate`; never edit a migration
-- once it has been applied anywhere: add a new numbered file instead (the checksum check refuses
-- an edited one).

-- Exclusion constraints on time ranges (a room never holds two overlapping sessions) need GiST
-- operator classes for plain equality columns. btree_gist is a trusted extension: the database
-- owner may create it, also on managed PostgreSQL services.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Every mutable row carries a version that changes on each update: ETags and If-Match come from
-- it, so a write through any instance changes the ETag at once.
CREATE FUNCTION multaqa_touch_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := clock_timestamp();
    NEW.row_version := OLD.row_version + 1;
    RETURN NEW;
END;
$$;
