-- 0016: reading a waitlist place waits for the changes in flight without stopping the queue.
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
-- flight on its pool (the holders of the queue lock, with their transaction ids, from one reading
-- of pg_locks) and waits for each one's own lock: it waits for exactly the transactions that were
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

CREATE OR REPLACE FUNCTION multaqa_waitlist_position(p_registration uuid) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_pool bigint;
BEGIN
    SELECT p.id INTO v_pool FROM registrations r JOIN capacity_pools p ON p.event_id = r.event_id AND p.mode = r.mode
        WHERE r.id = p_registration AND r.status = 'waitlisted';
    IF v_pool IS NULL THEN
        RETURN NULL;
    END IF;
    -- Every change that drew a place ahead of this one, or moved the queue, before this read
    -- holds the queue lock until it commits (it took it first): wait for each one's end.
    -- One reading of the lock table (a CTE is read once), so that a holder's transaction id is
    -- the one that holds the queue lock.
    PERFORM pg_advisory_xact_lock_shared(9, w.key) FROM (
        WITH l AS MATERIALIZED (SELECT locktype, classid, objid, objsubid, transactionid, pid, granted FROM pg_locks)
        SELECT (x.transactionid::text::bigint % 2147483647)::integer AS key
        FROM l h JOIN l x ON x.pid = h.pid AND x.locktype = 'transactionid' AND x.granted
        WHERE h.locktype = 'advisory' AND h.classid = 8 AND h.objid = (v_pool % 2147483647)::oid
          AND h.objsubid = 2 AND h.granted AND h.pid <> pg_backend_pid()
    ) w;
    -- A new snapshot per statement: the changes waited for are seen.
    RETURN (SELECT count(*) FROM registrations r JOIN registrations mine
                ON mine.event_id = r.event_id AND mine.mode = r.mode
            WHERE mine.id = p_registration AND mine.status = 'waitlisted'
              AND r.status = 'waitlisted' AND r.waitlist_seq <= mine.waitlist_seq);
END;
$$;
