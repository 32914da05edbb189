#!/usr/bin/env python3
"""The fault suite: the scenarios, driven by bench/faults/run (which prepares a private
PostgreSQL 15 cluster, the binary and nginx, and passes them in the environment).

  faults.py kill9     kill -9 the service during a registration burst, restart it, check the data
  faults.py pgrestart restart PostgreSQL during load: 503 problem+json, readiness, recovery
  faults.py two       two instances behind nginx on one fresh database: migrations once, capacity
  faults.py all       the three in order

Each scenario prints `faults: NAME: key=value ...` lines and `faults: VIOLATION: ...` for every
expectation that does not hold; the exit status is the number of violations (capped at 100).
Python 3.11 standard library only.

Environment (set by run): MULTAQA_BIN, FAULTS_WORK, FAULTS_PGBIN, FAULTS_PGDATA, FAULTS_PGPORT,
FAULTS_PORT (kill9 / pgrestart service port), FAULTS_PORTS (two instances, "8081,8082"),
FAULTS_NGINX_PORT, FAULTS_NGINX_CONF (nginx.conf to run), FAULTS_REPO.
"""
import asyncio, json, os, signal, subprocess, sys, time, urllib.request, urllib.error
from datetime import datetime, timedelta, timezone

ENV = os.environ
BIN = ENV.get("MULTAQA_BIN", "")
WORK = ENV.get("FAULTS_WORK", "/tmp")
PGBIN = ENV.get("FAULTS_PGBIN", "/usr/lib/postgresql/15/bin")
PGDATA = ENV.get("FAULTS_PGDATA", "")
PGPORT = int(ENV.get("FAULTS_PGPORT", "55439"))
PORT = int(ENV.get("FAULTS_PORT", "8191"))
PORTS = [int(p) for p in ENV.get("FAULTS_PORTS", "8081,8082").split(",")]
NGINX_PORT = int(ENV.get("FAULTS_NGINX_PORT", "8190"))
NGINX_CONF = ENV.get("FAULTS_NGINX_CONF", "")
REPO = ENV.get("FAULTS_REPO", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

# Expectations and sizes; every one can be set from the environment.
KILL_ATTEMPTS = int(ENV.get("FAULTS_KILL_ATTEMPTS", "1500"))
# kill -9 after this many answers (a list: one kill each): while seats are taken, then while the
# waitlist grows.
KILL_AFTER = [int(n) for n in ENV.get("FAULTS_KILL_AFTER", "200,800").split(",")]
KILL_CONNECTIONS = int(ENV.get("FAULTS_KILL_CONNECTIONS", "32"))
# A request the kill left unanswered is sent again with its Idempotency-Key for this long: past
# the 30 s after which a claim whose request died is taken over.
KILL_RETRY_FOR = float(ENV.get("FAULTS_KILL_RETRY_SECONDS", "90"))
CAPACITY = int(ENV.get("FAULTS_CAPACITY", "350"))
PG_CONNECTIONS = int(ENV.get("FAULTS_PG_CONNECTIONS", "16"))
PG_HOLD = float(ENV.get("FAULTS_PG_HOLD_SECONDS", "8"))        # outage of round B (stop, hold, start)
FAIL_BOUND = float(ENV.get("FAULTS_FAIL_BOUND_SECONDS", "5"))   # slowest acceptable answer during a fault
RECOVERY_BOUND = float(ENV.get("FAULTS_RECOVERY_BOUND_SECONDS", "5"))
REQUEST_TIMEOUT = float(ENV.get("FAULTS_REQUEST_TIMEOUT_SECONDS", "30"))  # beyond: a hang
TWO_ATTEMPTS = int(ENV.get("FAULTS_TWO_ATTEMPTS", "1000"))

VIOLATIONS = []


def say(line):
    print(f"faults: {line}", flush=True)


def violation(text):
    VIOLATIONS.append(text)
    say(f"VIOLATION: {text}")


def expect(condition, text):
    if not condition:
        violation(text)
    return condition


def now():
    return time.monotonic()


# ---------------------------------------------------------------------------------------------
# PostgreSQL: psql for the checks, pg_ctl (as the postgres user) for the faults

def database_url(db):
    return f"postgres://postgres@127.0.0.1:{PGPORT}/{db}?sslmode=disable"


def psql(db, sql):
    """Rows of a query as lists of strings (tab-separated, unaligned)."""
    out = subprocess.run(
        ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(PGPORT), "-U", "postgres", "-d", db,
         "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-c", sql],
        check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def pg_ctl(*args):
    command = ["runuser", "-u", "postgres", "--", f"{PGBIN}/pg_ctl", "-D", PGDATA, "-l",
               ENV.get("FAULTS_PGLOG", f"{WORK}/postgres.log"), "-w", "-t", "60", *args]
    if os.geteuid() != 0:
        command = command[4:]
    return subprocess.run(command, check=True, capture_output=True, text=True)


def pg_accepting():
    return subprocess.run([f"{PGBIN}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(PGPORT), "-U", "postgres",
                           "-d", "postgres"]).returncode == 0


# ---------------------------------------------------------------------------------------------
# The service

class Service:
    def __init__(self, name, port, db, extra_env=None):
        self.name, self.port, self.db = name, port, db
        self.env = dict(ENV, DATABASE_URL=database_url(db), MULTAQA_RATE_LIMIT="0",
                        MULTAQA_LOG_LEVEL=ENV.get("MULTAQA_LOG_LEVEL", "info"), **(extra_env or {}))
        self.env.pop("MULTAQA_DATA_DIR", None)
        self.log_path = f"{WORK}/{name}.log"
        self.process = None
        self.starts = 0

    def start(self):
        self.starts += 1
        log = open(self.log_path, "ab")
        log.write(f"----- start {self.starts} at {datetime.now().isoformat()}\n".encode())
        log.flush()
        self.process = subprocess.Popen([BIN, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                        env=self.env, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        log.close()
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def wait_ready(self, timeout=120):
        deadline = now() + timeout
        while now() < deadline:
            if not self.alive():
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/health/ready", timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} not ready within {timeout}s; see {self.log_path}")

    def kill9(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self, grace=15):
        """SIGTERM, then SIGKILL after `grace` seconds; True when it ended by itself."""
        if not self.alive():
            return True
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
            return True
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return False

    def crash_lines(self):
        """What the Swift runtime printed when the process died: the message, then the first
        frames of the crashed thread."""
        lines, frames, in_crashed = [], 0, False
        with open(self.log_path, errors="replace") as log:
            for line in log:
                text = line.strip()
                if any(k in text for k in ("Fatal error", "fatal error", "Precondition failed", "Assertion failed")):
                    lines.append(text)
                elif text.endswith("crashed:"):
                    in_crashed = True
                elif in_crashed and " in multaqa at " in text and frames < 2 and "_assertionFailure" not in text:
                    frames += 1
                    lines.append(text.split(" in multaqa at ")[0].split("0x", 1)[-1].split(" ", 1)[-1].strip()
                                 + " (" + text.rsplit("/", 1)[-1] + ")")
                elif in_crashed and not text and frames:
                    in_crashed = False
        return lines

    def describe_exit(self):
        if self.alive():
            return "running"
        code = self.process.returncode
        name = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit {code}"
        crash = self.crash_lines()
        return name + (f": {' | '.join(crash[:4])}" if crash else "")

    def log_lines(self, needle):
        with open(self.log_path, errors="replace") as log:
            return [line.rstrip("\n") for line in log if needle in line]


def organizer_token(db):
    env = dict(ENV, DATABASE_URL=database_url(db))
    env.pop("MULTAQA_DATA_DIR", None)
    return subprocess.run([BIN, "token", "create", "--name", "faults", "--role", "organizer"],
                          env=env, check=True, capture_output=True, text=True).stdout.strip()


def create_event(url, token, slug, capacity):
    """As bench/registration/setup.py: a published in-person event with a waitlist."""
    def call(method, path, payload):
        request = urllib.request.Request(url + path, method=method, data=json.dumps(payload).encode(),
                                         headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    start = (datetime.now(timezone.utc) + timedelta(days=30)).replace(microsecond=0)
    event = call("POST", "/v1/events", {
        "slug": slug, "kind": "forum", "format": "in_person",
        "title": {"ar": "منتدى اختبار الأعطال", "fr": "Forum d'essai des pannes"},
        "timezone": "Africa/Casablanca", "startsAt": start.isoformat(),
        "endsAt": (start + timedelta(days=2)).isoformat(),
        "venue": {"name": "Palais des congrès", "city": "Saïdia"}})
    call("PUT", f"/v1/events/{event['id']}/registration-settings",
         {"capacities": [{"mode": "in_person", "capacity": capacity}], "waitlist": True})
    call("PATCH", f"/v1/events/{event['id']}", {"status": "published"})
    return event["id"]


def get_json(url, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return json.load(response)


# ---------------------------------------------------------------------------------------------
# HTTP/1.1 keep-alive client on raw asyncio sockets (cheap on two shared cores), which tells
# apart an answer, a closed connection and a hang.

class Connection:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    def close(self):
        if self.writer is not None:
            try:
                self.writer.close()
            except Exception:
                pass
        self.writer = None

    async def request(self, method, path, payload=None, headers=None):
        payload = payload or b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        for name, value in (headers or {}).items():
            head += f"{name}: {value}\r\n"
        if method in ("POST", "PUT", "PATCH"):
            head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        self.writer.write((head + "\r\n").encode() + payload)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("closed before the status line")
        status = int(status_line.split()[1])
        fields = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            fields[name.strip().lower()] = value.strip()
        if fields.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            body = b"".join(chunks)
        else:
            body = await self.reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, fields, body


def registration_body(n, tag):
    return json.dumps({"fullName": f"مشارك اختبار الأعطال {n}", "email": f"faults-{tag}-{n}@example.org",
                       "category": "citizen", "mode": "in_person", "consent": True},
                      ensure_ascii=False).encode()


def record(i, t0, t1, status=None, fields=None, body=b"", error=None):
    parsed = None
    if body:
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
    return {"i": i, "t0": t0, "t1": t1, "status": status, "ctype": (fields or {}).get("content-type", ""),
            "body": parsed, "raw": body[:300], "error": error}


async def one_request(connection, i, method, path, payload=None, timeout=REQUEST_TIMEOUT, headers=None):
    """One request on an open connection: its record, and whether the connection is still usable."""
    t0 = now()
    try:
        status, fields, body = await asyncio.wait_for(connection.request(method, path, payload, headers), timeout)
        result = record(i, t0, now(), status, fields, body)
        result["retry_after"] = fields.get("retry-after")
        return result, connection.writer is not None
    except asyncio.TimeoutError:
        connection.close()
        return record(i, t0, now(), error="timeout"), False
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
        connection.close()
        return record(i, t0, now(), error=f"connection: {type(error).__name__}"), False


async def connect(host, port, deadline):
    """Connects, retrying while the service is down (refused) until the deadline."""
    while True:
        try:
            return await Connection(host, port).open()
        except OSError:
            if now() > deadline:
                raise
            await asyncio.sleep(0.05)


class Load:
    """Closed-loop registrations: `connections` keep-alive clients, each sending the next attempt
    when its previous one is answered, until `attempts` are made or `stop` is set. A connection
    that breaks reconnects (waiting out a restart); the attempt in flight stays unanswered."""

    def __init__(self, host, port, path, connections, attempts=None, reconnect_for=120, retry_for=None):
        self.host, self.port, self.path = host, port, path
        self.connections, self.attempts, self.reconnect_for = connections, attempts, reconnect_for
        # With retry_for (seconds), each attempt carries an Idempotency-Key and a client that got
        # no answer sends it again with the same key, honouring Retry-After, as a careful client
        # would; the attempt's record is its final answer, with `retries` counted.
        self.retry_for = retry_for
        self.tag = os.urandom(4).hex()
        self.results = []
        self.answered = 0
        self.stop = False
        self.watchers = []  # (answers, asyncio.Event)

    def when_answered(self, count):
        event = asyncio.Event()
        self.watchers.append((count, event))
        return event

    async def worker(self, numbers):
        connection = None
        for i in numbers:
            if self.stop:
                return
            if connection is None or connection.writer is None:
                try:
                    connection = await connect(self.host, self.port, now() + self.reconnect_for)
                except OSError as error:
                    # The service stays unreachable: it is gone. Record it and stop the load.
                    self.results.append(record(i, now(), now(), error=f"unreachable: {type(error).__name__}"))
                    self.stop = True
                    return
            headers = {"Idempotency-Key": f"{self.tag}-{i}"} if self.retry_for else None
            result, usable = await one_request(connection, i, "POST", self.path, registration_body(i, self.tag),
                                               headers=headers)
            first, retries, still_running = result, 0, 0
            while self.retry_for and self.retryable(result) and now() < first["t0"] + self.retry_for:
                if result["status"] == 409:
                    still_running += 1
                    await asyncio.sleep(float(result.get("retry_after") or 1))
                if not usable:
                    if connection is not None:
                        connection.close()
                    try:
                        connection = await connect(self.host, self.port, now() + self.reconnect_for)
                    except OSError:
                        break
                result, usable = await one_request(connection, i, "POST", self.path, registration_body(i, self.tag),
                                                   headers=headers)
                retries += 1
            if retries:
                result = dict(result, t0=first["t0"], retries=retries, still_running=still_running,
                              first_error=first["error"] or first["status"])
            self.results.append(result)
            if result["status"] is not None:
                self.answered += 1
                for count, event in self.watchers:
                    if self.answered >= count:
                        event.set()
            if not usable:
                connection = None
            if result["status"] == 503:
                await asyncio.sleep(0.05)  # as a client honouring Retry-After would, a little
        if connection is not None:
            connection.close()

    @staticmethod
    def retryable(result):
        """No answer, or "the first request with this key is still running"."""
        if result["status"] is None:
            return True
        return result["status"] == 409 and isinstance(result["body"], dict) and "rule" not in result["body"] \
            and result.get("retry_after") is not None

    async def run(self):
        numbers = iter(range(self.attempts)) if self.attempts else iter(range(10 ** 9))
        await asyncio.gather(*(self.worker(numbers) for _ in range(self.connections)))
        return self.results


def outcome(r):
    if r["error"]:
        return r["error"]
    if r["status"] == 201:
        return str((r["body"] or {}).get("status", 201))
    return str(r["status"])


def summarize(results):
    outcomes = {}
    for r in results:
        outcomes[outcome(r)] = outcomes.get(outcome(r), 0) + 1
    return outcomes


def is_problem(r):
    return r["ctype"].split(";")[0].strip() == "application/problem+json" and isinstance(r["body"], dict) \
        and "status" in r["body"] and "title" in r["body"]


# ---------------------------------------------------------------------------------------------
# Checks of an event's registrations in the database (after any fault)

def check_event(name, db, url, token, event, capacity, results):
    """Every answered 201 is stored with its status; nothing is half-written; capacity holds;
    the waitlist is 1..n without gaps and first come, first served. Returns the figures."""
    answered = {r["body"]["id"]: r for r in results if r["status"] == 201 and isinstance(r["body"], dict)}
    rows = psql(db, f"""
        SELECT r.id, r.status, coalesce(r.waitlist_seq::text, ''),
               (SELECT count(*) FROM notification_outbox o
                 WHERE o.registration_id = r.id AND o.kind = 'registration_received'),
               coalesce((SELECT o.payload->>'status' FROM notification_outbox o
                 WHERE o.registration_id = r.id AND o.kind = 'registration_received' LIMIT 1), ''),
               r.full_name IS NOT NULL AND r.email IS NOT NULL AND length(r.checkin_code) = 8
        FROM registrations r WHERE r.event_id = '{event}'""")
    stored = {row[0]: row for row in rows}
    found = sum(1 for id in answered if id in stored)
    lost = len(answered) - found
    status_changed = sum(1 for id, r in answered.items() if id in stored and stored[id][1] != r["body"]["status"])
    # Half-written: a registration without its outbox row (same transaction), whose outbox row
    # names another status, or with missing personal fields.
    half = [row[0] for row in rows if row[3] != "1" or row[4] != row[1] or row[5] != "t"]
    seats = psql(db, f"""
        SELECT p.capacity, coalesce(sum(s.taken), 0), coalesce(sum(s.capacity), 0), count(s.shard)
        FROM capacity_pools p LEFT JOIN capacity_shards s ON s.pool_id = p.id
        WHERE p.event_id = '{event}' AND p.mode = 'in_person' GROUP BY p.capacity""")[0]
    pool_capacity, taken, shard_capacity = int(seats[0]), int(seats[1]), int(seats[2])
    confirmed = sum(1 for row in rows if row[1] == "confirmed")
    waitlisted = sum(1 for row in rows if row[1] == "waitlisted")
    unanswered_stored = len(stored) - found
    expect(lost == 0, f"{name}: {lost} registrations answered 201 are not in the database")
    expect(status_changed == 0, f"{name}: {status_changed} registrations stored with another status than answered")
    expect(not half, f"{name}: {len(half)} half-written registrations, e.g. {half[:3]}")
    expect(pool_capacity == capacity and shard_capacity == capacity,
           f"{name}: capacity changed: pool {pool_capacity}, shards {shard_capacity}, expected {capacity}")
    expect(confirmed <= capacity, f"{name}: {confirmed} confirmed at a {capacity}-seat event")
    expect(taken == confirmed, f"{name}: seats taken {taken} != confirmed registrations {confirmed}")
    expect(waitlisted == 0 or confirmed == capacity,
           f"{name}: {waitlisted} waitlisted while only {confirmed} of {capacity} seats are taken")

    # The waitlist through the API: positions 1..n, in the order of the waitlist sequence.
    positions, cursor = {}, None
    while waitlisted:
        page = get_json(f"{url}/v1/events/{event}/registrations?status=waitlisted&limit=200"
                        + (f"&cursor={urllib.request.quote(cursor)}" if cursor else ""), token)
        for item in page["items"]:
            positions[item["id"]] = item.get("waitlistPosition")
        cursor = page.get("nextCursor")
        if not cursor or not page["items"]:
            break
    expect(sorted(p for p in positions.values() if p is not None) == list(range(1, waitlisted + 1))
           and len(positions) == waitlisted,
           f"{name}: waitlist positions are not 1..{waitlisted}: {len(positions)} listed, "
           f"distinct {len(set(positions.values()))}, max {max(positions.values(), default=0)}")
    # The place each waitlisted registrant was told is the one the list shows (no seat is freed in
    # these scenarios, so nobody moves up), and no two were told the same.
    told = {id: r["body"].get("waitlistPosition") for id, r in answered.items()
            if r["body"].get("status") == "waitlisted" and id in positions}
    told_wrong = sum(1 for id, p in told.items() if positions[id] != p)
    told_shared = len(told) - len(set(told.values()))
    expect(told_wrong == 0 and told_shared == 0,
           f"{name}: {told_wrong} of {len(told)} waitlisted answers told another place than the list shows, "
           f"{told_shared} told a place someone else was told")
    seq = {row[0]: int(row[2]) for row in rows if row[1] == "waitlisted"}
    by_seq = sorted(seq, key=seq.get)
    expect([positions.get(id) for id in by_seq] == list(range(1, len(by_seq) + 1)),
           f"{name}: waitlist positions do not follow the order in which registrations joined")
    # First come, first served, against the clock: when B was sent after A was answered, B may
    # not be ahead of A (no seat is ever freed here, so also: no confirmation after a waitlisting).
    fcfs = 0
    answered_list = sorted((r for r in answered.values() if r["body"]["id"] in stored), key=lambda r: r["t0"])
    waitlisted_answers = sorted((r for r in answered_list if r["body"]["status"] == "waitlisted"),
                                key=lambda r: seq.get(r["body"]["id"], 0), reverse=True)
    earliest_later_answer = float("inf")  # the earliest answer among registrations further back
    for r in waitlisted_answers:
        if earliest_later_answer < r["t0"]:
            fcfs += 1
        earliest_later_answer = min(earliest_later_answer, r["t1"])
    first_waitlisted_answer = min((r["t1"] for r in answered_list if r["body"]["status"] == "waitlisted"),
                                  default=float("inf"))
    fcfs += sum(1 for r in answered_list if r["body"]["status"] == "confirmed" and r["t0"] > first_waitlisted_answer)
    expect(fcfs == 0, f"{name}: {fcfs} registrations out of first-come-first-served order")
    return {"answered201": len(answered), "found": found, "lost": lost, "status_changed": status_changed,
            "half_written": len(half), "stored": len(stored), "stored_unanswered": unanswered_stored,
            "confirmed": confirmed, "waitlisted": waitlisted, "taken": taken, "capacity": capacity,
            "waitlist_positions": f"1..{max(positions.values(), default=0)}", "fcfs_violations": fcfs,
            "told_wrong": told_wrong, "told_shared": told_shared}


# ---------------------------------------------------------------------------------------------
# Scenario 1: kill -9 under load

async def kill9():
    db = "faults"
    service = Service("kill9", PORT, db).start()
    try:
        await kill9_with(db, service)
    finally:
        service.stop()


async def kill9_with(db, service):
    service.wait_ready()
    token = organizer_token(db)
    event = create_event(service.url, token, f"faults-kill9-{os.urandom(3).hex()}", CAPACITY)
    load = Load("127.0.0.1", PORT, f"/v1/events/{event}/registrations", KILL_CONNECTIONS, KILL_ATTEMPTS,
                retry_for=KILL_RETRY_FOR)
    kills = []  # (answers when killed, time of the kill, seconds until ready again, wall-clock time)

    async def fault():
        for threshold in KILL_AFTER:
            await load.when_answered(threshold).wait()
            answered, t, wall_clock = load.answered, now(), time.time()
            service.kill9()
            # Restart at once, as systemd would (Restart=always); the workers wait on refused connects.
            service.start()
            await asyncio.to_thread(service.wait_ready)
            kills.append((answered, t, now() - t, wall_clock))

    started = now()
    fault_task = asyncio.create_task(fault())
    results = await load.run()
    await fault_task
    wall = now() - started
    unanswered = [r for r in results if r["status"] is None]
    others = [r for r in results if r["status"] not in (None, 201)]
    retried = [r for r in results if r.get("retries")]
    in_flight = [r for r in retried if any(r["t0"] <= t + 0.5 for _, t, _, _ in kills)]
    figures = check_event("kill-9", db, service.url, token, event, CAPACITY, results)
    # Retried answers made before the kill: their registration had committed, its answer had not
    # been sent; the retry rebuilt it from what the registration recorded against its key.
    rebuilt = 0
    answered_retries = [r for r in retried if r["status"] == 201 and isinstance(r["body"], dict)]
    if answered_retries:
        ids = ",".join(f"'{r['body']['id']}'" for r in answered_retries)
        created = {row[0]: float(row[1]) for row in psql(
            db, f"SELECT id, extract(epoch FROM created_at) FROM registrations WHERE id IN ({ids})")}
        for r in answered_retries:
            kill_times = [wall for _, t, _, wall in kills if t >= r["t0"] - 0.5]
            if kill_times and created.get(r["body"]["id"], float("inf")) < min(kill_times):
                rebuilt += 1
    expect(len(kills) == len(KILL_AFTER), f"kill-9: {len(kills)} kills of {len(KILL_AFTER)} happened")
    expect(not unanswered, f"kill-9: {len(unanswered)} requests got no answer even when retried with their key: "
           f"{summarize(unanswered)}")
    expect(len(retried) == len(in_flight),
           f"kill-9: {len(retried) - len(in_flight)} requests had to be retried other than in flight at a kill")
    expect(not others, f"kill-9: answers other than 201 {summarize(others)}: {[r['raw'] for r in others[:3]]}")
    expect(service.alive(), f"kill-9: the restarted service is not running: {service.describe_exit()}")
    service.stop()
    say(f"kill-9: attempts={len(results)} answered201={figures['answered201']} found={figures['found']} "
        f"lost={figures['lost']} status_changed={figures['status_changed']} half_written={figures['half_written']} "
        f"confirmed={figures['confirmed']}/capacity {CAPACITY} taken={figures['taken']} "
        f"waitlisted={figures['waitlisted']} positions={figures['waitlist_positions']} "
        f"fcfs_violations={figures['fcfs_violations']} places_told_wrong={figures['told_wrong']} "
        f"places_told_twice={figures['told_shared']}")
    say(f"kill-9: kills={len(kills)} (after {', '.join(str(k[0]) for k in kills)} answers; restart to ready "
        f"{', '.join('%.2f' % k[2] for k in kills)} s) in_flight_unanswered={len(in_flight)}, retried with their key: "
        f"answered201={sum(1 for r in retried if r['status'] == 201)} of which registered_before_the_kill={rebuilt} "
        f"(answer rebuilt), told_still_running={sum(r.get('still_running', 0) for r in retried)} times, "
        f"slowest_final_answer={max((r['t1'] - r['t0'] for r in retried), default=0):.1f}s; "
        f"unanswered_in_the_end={len(unanswered)} wall={wall:.2f}s outcomes={json.dumps(summarize(results), sort_keys=True)}")


# ---------------------------------------------------------------------------------------------
# Scenario 2: PostgreSQL restart under load

async def readiness_poller(url_host, port, stop, out, interval=0.1):
    connection = None
    while not stop.is_set():
        try:
            if connection is None or connection.writer is None:
                connection = await Connection(url_host, port).open()
            r, usable = await one_request(connection, len(out), "GET", "/health/ready", timeout=REQUEST_TIMEOUT)
            if not usable:
                connection = None
        except OSError as error:
            r = record(len(out), now(), now(), error=f"connect: {type(error).__name__}")
        out.append(r)
        await asyncio.sleep(interval)


def analyse_round(name, results, ready, down_at, up_at, next_at, sent_after=0.0):
    """The requests and probes of one outage: sent after `sent_after` (the previous outage's end)
    and before `next_at` (the next fault), and answered (or given up) after `down_at` (pg_ctl called)."""
    window = [r for r in results if down_at <= r["t1"] and sent_after <= r["t0"] < next_at]
    failed = [r for r in window if r["status"] != 201]
    gap = [r for r in window if r["t0"] < up_at]  # sent while the database was going down or down
    worst_failed = max((r["t1"] - r["t0"] for r in failed), default=0.0)
    worst_gap = max((r["t1"] - r["t0"] for r in gap), default=0.0)
    waited = [r for r in gap if r["status"] == 201 and r["t1"] - r["t0"] > FAIL_BOUND]
    probes = [p for p in ready if down_at <= p["t0"] < next_at]
    saw_503 = [p for p in probes if p["status"] == 503 and p["t0"] < up_at + RECOVERY_BOUND]
    ready_after = [p for p in probes if p["status"] == 200 and p["t0"] >= up_at
                   and (not saw_503 or p["t0"] > saw_503[0]["t0"])]
    first_201 = min((r["t1"] for r in results if r["status"] == 201 and r["t1"] >= up_at), default=None)
    first_ready = min((p["t1"] for p in ready_after), default=None)
    recovery = None if first_201 is None or first_ready is None else max(first_201, first_ready) - up_at
    codes = summarize(failed)
    not_problem = [r for r in failed if r["status"] != 503 or not is_problem(r)]
    probe_bad = [p for p in probes if p["status"] not in (200, 503) or (p["status"] == 503 and not is_problem(p))]
    worst_probe = max((p["t1"] - p["t0"] for p in probes), default=0.0)
    expect(not not_problem, f"{name}: {len(not_problem)} failed requests are not 503 problem+json: "
           f"{codes}; e.g. {[(r['status'], r['ctype'], r['error'], r['raw'][:120]) for r in not_problem[:3]]}")
    expect(worst_failed <= FAIL_BOUND, f"{name}: a failed request took {worst_failed:.2f} s (bound {FAIL_BOUND} s)")
    expect(worst_gap <= FAIL_BOUND, f"{name}: a request sent during the outage took {worst_gap:.2f} s to be "
           f"answered (bound {FAIL_BOUND} s); {len(waited)} waited for the database (201 after more than "
           f"{FAIL_BOUND} s) instead of a 503")
    expect(not probe_bad, f"{name}: /health/ready answered otherwise than 200 or 503 problem+json: "
           f"{[(p['status'], p['ctype'], p['error']) for p in probe_bad[:3]]}")
    expect(worst_probe <= 3.0, f"{name}: /health/ready took {worst_probe:.2f} s")
    return {"requests": len(window), "gap_requests": len(gap), "waited": len(waited), "failed": len(failed), "codes": codes,
            "worst_failed": worst_failed, "worst_gap": worst_gap, "ready_503": len(saw_503),
            "ready_200_after": bool(ready_after), "recovery": recovery, "worst_probe": worst_probe}


async def pgrestart():
    db = "faults"
    service = Service("pgrestart", PORT, db).start()
    try:
        await pgrestart_with(db, service)
    finally:
        service.stop()
        if not pg_accepting():
            pg_ctl("start")


async def pgrestart_with(db, service):
    service.wait_ready()
    pid = service.process.pid
    token = organizer_token(db)
    capacity = 1_000_000
    event = create_event(service.url, token, f"faults-pg-{os.urandom(3).hex()}", capacity)
    load = Load("127.0.0.1", PORT, f"/v1/events/{event}/registrations", PG_CONNECTIONS, None, reconnect_for=10)
    ready, stop = [], asyncio.Event()
    marks = {}

    async def faults():
        try:
            await outages()
        finally:
            load.stop = True
            stop.set()

    async def outages():
        await asyncio.sleep(3)
        # Round A: the issue's `pg_ctl restart -m fast` (returns once the server accepts connections).
        marks["a_down"] = now()
        await asyncio.to_thread(pg_ctl, "restart", "-m", "fast")
        marks["a_up"] = now()
        await asyncio.sleep(8)
        # Round B: an outage long enough to see: stop, hold PG_HOLD seconds, start.
        marks["b_down"] = now()
        await asyncio.to_thread(pg_ctl, "stop", "-m", "fast")
        marks["b_stopped"] = now()
        await asyncio.sleep(PG_HOLD)
        await asyncio.to_thread(pg_ctl, "start")
        while not pg_accepting():
            await asyncio.sleep(0.02)
        marks["b_up"] = now()
        await asyncio.sleep(max(8.0, RECOVERY_BOUND + 3))
        marks["end"] = now()

    poller = asyncio.create_task(readiness_poller("127.0.0.1", PORT, stop, ready))
    fault_task = asyncio.create_task(faults())
    try:
        results = await asyncio.wait_for(load.run(), marks_timeout := 60 + PG_HOLD + 2 * REQUEST_TIMEOUT)
    except asyncio.TimeoutError:
        violation(f"pg-restart: the load did not finish within {marks_timeout:.0f} s (requests hang)")
        results = load.results
    await fault_task
    await poller
    alive_at_end = service.alive() and service.process.pid == pid
    # First the cause, if any: the expectations below then fail as its consequences.
    expect(alive_at_end and service.starts == 1,
           f"pg-restart: the service crashed: {service.describe_exit()} (log {service.log_path})")
    a = analyse_round("pg-restart A (pg_ctl restart -m fast)", results, ready, marks["a_down"], marks["a_up"], marks["b_down"])
    b = analyse_round("pg-restart B (stop, hold, start)", results, ready, marks["b_down"], marks["b_up"], marks["end"],
                      sent_after=marks["a_up"])
    expect(b["ready_503"] > 0, "pg-restart B: /health/ready never answered 503 while the database was down")
    expect(b["ready_200_after"], "pg-restart B: /health/ready did not come back to 200")
    for label, r in (("A", a), ("B", b)):
        expect(r["recovery"] is not None and r["recovery"] <= RECOVERY_BOUND,
               f"pg-restart {label}: service did not resume within {RECOVERY_BOUND} s of the database "
               f"(recovery {r['recovery']})")
    hung = [r for r in results if r["error"] == "timeout"]
    expect(not hung, f"pg-restart: {len(hung)} requests never answered (given up after {REQUEST_TIMEOUT:.0f} s), "
           f"sent at +{', +'.join('%.2f' % (r['t0'] - marks['a_down']) for r in hung[:5])} s from the first restart")
    errors_outside = [r for r in results if r["status"] != 201 and not (
        marks["a_down"] <= r["t1"] and r["t0"] < marks["a_up"] + RECOVERY_BOUND or
        marks["b_down"] <= r["t1"] and r["t0"] < marks["b_up"] + RECOVERY_BOUND)]
    expect(not errors_outside, f"pg-restart: {len(errors_outside)} failures outside the outages: "
           f"{summarize(errors_outside)}")
    figures = check_event("pg-restart", db, service.url, token, event, capacity, results)
    graceful = service.stop() if alive_at_end else None
    expect(graceful is not False, "pg-restart: SIGTERM did not stop the service within 15 s (killed)")
    fmt = lambda v: "none" if v is None else f"{v:.2f}"
    for label, r, down in (("A restart -m fast", a, marks["a_up"] - marks["a_down"]),
                           ("B stop+hold+start", b, marks["b_up"] - marks["b_down"])):
        say(f"pg-restart {label}: db_down={down:.2f}s requests={r['requests']} during_gap={r['gap_requests']} "
            f"failed={r['failed']} {json.dumps(r['codes'], sort_keys=True)} worst_failed_latency={r['worst_failed']:.3f}s "
            f"worst_gap_latency={r['worst_gap']:.3f}s waited_201={r['waited']} ready_503_probes={r['ready_503']} "
            f"ready_200_after={'yes' if r['ready_200_after'] else 'no'} worst_probe={r['worst_probe']:.3f}s "
            f"recovery_seconds={fmt(r['recovery'])}")
    say(f"pg-restart: attempts={len(results)} answered201={figures['answered201']} found={figures['found']} "
        f"lost={figures['lost']} half_written={figures['half_written']} "
        f"hung={len(hung)} service={'same process, running' if alive_at_end else service.describe_exit()} "
        f"sigterm={'n/a' if graceful is None else 'clean' if graceful else 'hung (SIGKILL after 15 s)'}")


# ---------------------------------------------------------------------------------------------
# Scenario 3: two instances behind nginx

async def simultaneous(host, port, path, n, tag):
    """n registrations at once, one connection each, all connected before any is sent."""
    gate = asyncio.Event()
    semaphore = asyncio.Semaphore(100)  # connect in waves: the listen backlog is finite
    connected = 0
    all_connected = asyncio.Event()

    async def one(i):
        nonlocal connected
        async with semaphore:
            connection = await connect(host, port, now() + 30)
        connected += 1
        if connected == n:
            all_connected.set()
        await gate.wait()
        result, _ = await one_request(connection, i, "POST", path, registration_body(i, tag))
        connection.close()
        return result

    tasks = [asyncio.create_task(one(i)) for i in range(n)]
    await asyncio.wait_for(all_connected.wait(), 60)
    await asyncio.sleep(0.2)
    started = now()
    gate.set()
    results = await asyncio.gather(*tasks)
    return results, now() - started


async def two():
    db = "faults_two"
    subprocess.run(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(PGPORT), "-U", "postgres", "-d", "postgres",
                    "-c", f"DROP DATABASE IF EXISTS {db}", "-c", f"CREATE DATABASE {db}"], check=True,
                   capture_output=True)
    extra = {"MULTAQA_TRUSTED_PROXIES": "127.0.0.1"}
    services = [Service(f"instance-{port}", port, db, extra) for port in PORTS]
    for service in services:  # the same moment, on a fresh database
        service.start()
    for service in services:
        service.wait_ready()
    # The migrations this binary embeds: what one `multaqa migrate` alone applies to an empty database.
    psql("postgres", "DROP DATABASE IF EXISTS faults_reference")
    psql("postgres", "CREATE DATABASE faults_reference")
    env = dict(ENV, DATABASE_URL=database_url("faults_reference"))
    env.pop("MULTAQA_DATA_DIR", None)
    subprocess.run([BIN, "migrate"], env=env, check=True, capture_output=True)
    expected = [int(row[0]) for row in psql("faults_reference", "SELECT version FROM schema_migrations ORDER BY version")]
    rows = psql(db, "SELECT version, count(*) OVER (PARTITION BY version) FROM schema_migrations ORDER BY version")
    versions = [int(row[0]) for row in rows]
    applied_lines = [line for s in services for line in s.log_lines("applied migration")]
    per_instance = [len(s.log_lines("applied migration")) for s in services]
    expect(versions == expected, f"two: schema_migrations holds {versions}, expected {expected}")
    expect(len(applied_lines) == len(expected),
           f"two: {len(applied_lines)} 'applied migration' log lines over both instances for {len(expected)} "
           f"migrations (per instance {per_instance})")

    nginx = subprocess.Popen(["nginx", "-p", f"{WORK}/nginx/", "-c", NGINX_CONF, "-g", "daemon off;"],
                             stdout=open(f"{WORK}/nginx/stdout.log", "ab"), stderr=subprocess.STDOUT)
    try:
        front = f"http://127.0.0.1:{NGINX_PORT}"
        deadline = now() + 20
        while True:
            try:
                with urllib.request.urlopen(front + "/health/ready", timeout=2) as response:
                    if response.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                if now() > deadline or nginx.poll() is not None:
                    raise RuntimeError(f"nginx did not come up; see {WORK}/nginx/")
                time.sleep(0.1)
        token = organizer_token(db)
        event = create_event(front, token, f"faults-two-{os.urandom(3).hex()}", CAPACITY)
        counted = [len(s.log_lines("/v1/events/")) for s in services]
        results, wall = await simultaneous("127.0.0.1", NGINX_PORT, f"/v1/events/{event}/registrations",
                                           TWO_ATTEMPTS, os.urandom(4).hex())
        outcomes = summarize(results)
        share = [len(s.log_lines("/v1/events/")) - c for s, c in zip(services, counted)]
        figures = check_event("two", db, front, token, event, CAPACITY, results)
        answered_confirmed = outcomes.get("confirmed", 0)
        answered_waitlisted = outcomes.get("waitlisted", 0)
        expect(answered_confirmed == CAPACITY and answered_waitlisted == TWO_ATTEMPTS - CAPACITY,
               f"two: answers {outcomes}, expected {CAPACITY} confirmed and {TWO_ATTEMPTS - CAPACITY} waitlisted")
        expect(figures["confirmed"] == CAPACITY and figures["waitlisted"] == TWO_ATTEMPTS - CAPACITY,
               f"two: stored {figures['confirmed']} confirmed, {figures['waitlisted']} waitlisted")
        expect(all(n > 0 for n in share), f"two: nginx did not spread the load: {share}")
        expect(all(s.alive() for s in services),
               f"two: an instance exited: {[s.describe_exit() for s in services]}")
        latencies = sorted(r["t1"] - r["t0"] for r in results)
        say(f"two: instances={len(services)} migrations={len(versions)}/{len(expected)} "
            f"applied_log_lines={len(applied_lines)} (per instance {'+'.join(map(str, per_instance))})")
        say(f"two: via nginx attempts={len(results)} confirmed={figures['confirmed']}/capacity {CAPACITY} "
            f"waitlisted={figures['waitlisted']} answers={json.dumps(outcomes, sort_keys=True)} "
            f"lost={figures['lost']} half_written={figures['half_written']} positions={figures['waitlist_positions']} "
            f"fcfs_violations={figures['fcfs_violations']} served_per_instance={'/'.join(map(str, share))} "
            f"wall={wall:.2f}s p50={latencies[len(latencies) // 2]:.3f}s max={latencies[-1]:.3f}s")
    finally:
        nginx.send_signal(signal.SIGQUIT)
        try:
            nginx.wait(timeout=10)
        except subprocess.TimeoutExpired:
            nginx.kill()
        for service in services:
            service.stop()


# ---------------------------------------------------------------------------------------------

SCENARIOS = {"kill9": kill9, "pgrestart": pgrestart, "two": two}

if __name__ == "__main__":
    names = list(SCENARIOS) if sys.argv[1:] in ([], ["all"]) else sys.argv[1:]
    for name in names:
        try:
            asyncio.run(SCENARIOS[name]())
        except Exception as error:  # a scenario that cannot finish is a violation, not a traceback
            import traceback
            traceback.print_exc()
            violation(f"{name}: did not complete: {type(error).__name__}: {error}")
    sys.exit(min(len(VIOLATIONS), 100))
