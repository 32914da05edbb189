-- (d): exactly the SQL one registration by event id sends (issue 5): one statement, the
-- registration function, spread over :events events (pgbench -D events=64; -D events=1 puts every
-- registration on one event: what the hot rows of a popular event cost).
\set ev random(1, :events)
\set r random(1, 4611686018427387903)
SELECT registration_id, status, waitlist_position, created_at, consent_at, language, ranked FROM multaqa_register(
    ('00000000-0000-4000-8000-' || lpad(:ev::text, 12, '0'))::uuid, 'in_person', 'مشارك تجريبي', 'p' || :r || '@example.org',
    NULL, 'citizen', NULL, NULL, NULL, NULL, '{}'::uuid[], NULL,
    substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (:r::bigint % 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (:r::bigint / 32 % 32)::int + 1, 1) ||
    substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (:r::bigint / 1024 % 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (:r::bigint / 32768 % 32)::int + 1, 1) ||
    substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (:r::bigint / 1048576 % 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (:r::bigint / 33554432 % 32)::int + 1, 1) ||
    substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (:r::bigint / 1073741824 % 32)::int + 1, 1) || substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', (:r::bigint / 34359738368 % 32)::int + 1, 1),
    sha256(:r::text::bytea), false, NULL, NULL, NULL, NULL);
