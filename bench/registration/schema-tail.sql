-- After Multaqa's migrations: 64 published events, each taking registrations with room to spare.
INSERT INTO events (id, slug, kind, format, title_fr, timezone, starts_at, ends_at, venue_name, status)
SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'bench-' || g, 'forum', 'in_person',
       'Forum de mesure ' || g, 'Africa/Casablanca', now() + interval '30 days', now() + interval '32 days',
       'Palais des congrès', 'published'
FROM generate_series(1, 64) g;
INSERT INTO registration_settings (event_id, categories)
SELECT id, ARRAY['citizen'] FROM events WHERE slug LIKE 'bench-%';
INSERT INTO capacity_pools (event_id, mode) SELECT id, 'in_person' FROM events WHERE slug LIKE 'bench-%';
SELECT multaqa_set_capacity(id, 1000000) FROM capacity_pools WHERE mode = 'in_person';
