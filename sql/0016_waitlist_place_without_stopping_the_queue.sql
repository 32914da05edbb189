-- 0016: reading a waitlist place waits for the changes in flight without stopping the queue,
-- and counts by an index whatever plan PostgreSQL made for it.
--
-- A place was read (multaqa_waitlist_position) by taking the pool's queue lock exclusively for an
-- instant: that waits for every change of the queue in flight, as it must. But PostgreSQL also
-- queues every later request for the shared lock behind a waiting exclusive one, so each read
-- stopped every registration joining the same waitlist until the changes before it had
-- committed. In a rush at a full event every answer reads a place: the reads and the joins took
-- turns. The stops feed on each other: once the database slows down (here, right after functions
-- were replaced on a running server), a burst of 1,000 registrations at a one-seat event took
-- from 10 to 25 s instead of about 2, with a p99 of 2 to 6 s.
--
-- Now a change of a queue first takes a lock of its own transaction (class 9, keyed by its
-- transaction id), then the queue lock in shared mode as before. A reader lists the changes in
-- flight on its pool (the holders of the queue lock, with their transaction ids, from one pass
-- over pg_locks) and waits for each one's own lock: it waits for exactly the transactions that were
-- changing the queue when it looked, and nobody waits for it, since no transaction asks for such a
-- key again once it has ended.

CREATE OR REPLACE FUNCTION multaqa_queue_lock(p_pool bigint, p_exclusive boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_exclusive THEN
        PERFORM pg_advisory_xact_lock(8, (p_pool % 2147483647)::integer);
    ELSE
        -- Before the queue lock: whoever finds this change holding that lock can wait for it.
        PERFORM pg_advisory_xact_lock(9, ((pg_current_xact_id()::xid)::text::bigint % 2147483647)::integer);
        PERFORM pg_advisory_xact_lock_shared(8, (p_pool % 2147483647)::integer);
    END IF;
END;
$$;

-- Each statement reads one table by conditions that an index answers whatever the statistics
-- say. The two it replaces joined registrations to itself with `status = 'waitlisted'`: planned
-- (and the plan kept, as PL/pgSQL keeps plans) while the table was new and nearly empty, they
-- scanned the whole waitlist index for the registration itself and, for the count, once more per
-- waitlisted registration; a rush at a new event then spent seconds of CPU per place read until
-- the table was analysed (bursts of 1,000 taking 15 to 31 s).
CREATE OR REPLACE FUNCTION multaqa_waitlist_position(p_registration uuid) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_event  uuid;
    v_mode   text;
    v_status text;
    v_seq    bigint;
    v_pool   bigint;
BEGIN
    SELECT event_id, mode, status INTO v_event, v_mode, v_status FROM registrations WHERE id = p_registration;
    IF v_status IS DISTINCT FROM 'waitlisted' THEN
        RETURN NULL;
    END IF;
    SELECT id INTO v_pool FROM capacity_pools WHERE event_id = v_event AND mode = v_mode;
    -- Every change that drew a place ahead of this one, or moved the queue, before this read
    -- holds the queue lock until it commits (it took it first): wait for each one's end.
    -- One pass over one reading of the lock table, grouped by backend: a holder's transaction id
    -- is the one that holds the queue lock, and the cost grows with the locks held, not with
    -- their product with the holders as a self-join of pg_locks did (a nested loop): with 32
    -- changes in flight and 450 locks, 0.4-0.6 ms against 1.4-1.8 ms; with 60 and 2,042 locks,
    -- 1.8-2.0 ms against 9-12 ms (bench/registration/place-read).
    PERFORM pg_advisory_xact_lock_shared(9, w.key) FROM (
        SELECT unnest(array_agg((l.transactionid::text::bigint % 2147483647)::integer)
                      FILTER (WHERE l.locktype = 'transactionid')) AS key
        FROM pg_locks l
        WHERE l.granted AND l.pid <> pg_backend_pid()
          AND (l.locktype = 'transactionid'
               OR (l.locktype = 'advisory' AND l.classid = 8 AND l.objid = (v_pool % 2147483647)::oid
                   AND l.objsubid = 2))
        GROUP BY l.pid
        HAVING bool_or(l.locktype = 'advisory')
    ) w;
    -- Read after the waits (a new snapshot per statement): the changes waited for are seen. The
    -- registration may have left the queue meanwhile.
    SELECT waitlist_seq INTO v_seq FROM registrations WHERE id = p_registration AND waitlist_seq IS NOT NULL;
    IF v_seq IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN (SELECT count(*) FROM registrations
            WHERE event_id = v_event AND mode = v_mode AND status = 'waitlisted' AND waitlist_seq <= v_seq);
END;
$$;
