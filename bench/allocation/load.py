#!/usr/bin/env python3
"""Builds the allocation benchmark's event through the API, registers the attendees with their
rankings, then times one proposal per mechanism and the application of the rank-maximal one.
  load.py URL TOKEN ATTENDEES"""
import http.client, json, random, sys, threading, time, urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

url, token, attendees = sys.argv[1], sys.argv[2], int(sys.argv[3])
host = urllib.parse.urlparse(url)
local = threading.local()


def call(method, path, payload=None, expect=(200, 201)):
    if not hasattr(local, "connection"):
        local.connection = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
    body = json.dumps(payload).encode() if payload is not None else None
    local.connection.request(method, path, body=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    response = local.connection.getresponse()
    data = response.read()
    if response.status not in expect:
        raise SystemExit(f"{method} {path}: {response.status} {data[:300]!r}")
    return json.loads(data) if data else None


start = (datetime.now(timezone.utc) + timedelta(days=30)).replace(hour=8, minute=0, second=0, microsecond=0)
event = call("POST", "/v1/events", {
    "slug": "bench-allocation", "kind": "forum", "format": "in_person",
    "title": {"ar": "منتدى قياس توزيع الورشات", "fr": "Forum de mesure de la répartition des ateliers"},
    "timezone": "Africa/Casablanca", "startsAt": start.isoformat(), "endsAt": (start + timedelta(days=1, hours=9)).isoformat(),
    "venue": {"name": "Palais des congrès", "city": "Saïdia"}})["id"]
# Six workshops per slot; seats a little above the attendees, the first workshops the largest.
shares = [0.26, 0.20, 0.17, 0.14, 0.12, 0.11]
slots = []
for slot in range(3):
    begins = start + timedelta(hours=2 + 3 * slot)
    ids = []
    for index, share in enumerate(shares):
        ids.append(call("POST", f"/v1/events/{event}/sessions", {
            "kind": "workshop", "title": {"fr": f"Atelier {slot + 1}.{index + 1}"},
            "startsAt": begins.isoformat(), "endsAt": (begins + timedelta(hours=2)).isoformat(),
            "capacity": max(1, round(attendees * 1.05 * share))})["id"])
    slots.append(ids)
call("PUT", f"/v1/events/{event}/registration-settings", {
    "capacities": [{"mode": "in_person", "capacity": attendees}],
    "workshopChoice": {"mode": "ranked", "rankedChoices": 3, "minimumAttendance": 50}})
call("PATCH", f"/v1/events/{event}", {"status": "published"})

# Skewed popularity: the first workshop of a slot is the one everybody talks about.
weights = [0.40, 0.22, 0.14, 0.10, 0.08, 0.06]
generator = random.Random(2022)
rankings = []
for _ in range(attendees):
    ranking = []
    for ids in slots:
        pool = list(zip(ids, weights))
        for _ in range(3):
            pick = generator.choices(range(len(pool)), weights=[w for _, w in pool])[0]
            ranking.append(pool.pop(pick)[0])
    rankings.append(ranking)


def register(index):
    call("POST", f"/v1/events/{event}/registrations", {
        "fullName": f"مشارك {index}", "email": f"a{index}@bench.example", "category": "elected_official",
        "mode": "in_person", "consent": True, "workshops": rankings[index]})


began = time.monotonic()
with ThreadPoolExecutor(8) as pool:
    list(pool.map(register, range(attendees)))
print(f"registered {attendees} with their rankings in {time.monotonic() - began:.1f} s")
print()
print(f"{'mechanism':<14} {'time':>8} {'1st':>7} {'2nd':>7} {'3rd':>7} {'none':>7}")
made = {}
for mechanism in ["priority", "lottery", "rank_maximal"]:
    payload = {"mechanism": mechanism}
    if mechanism == "lottery":
        payload["seed"] = "bench-2022"
    began = time.monotonic()
    proposal = call("POST", f"/v1/events/{event}/allocations", payload)
    elapsed = time.monotonic() - began
    made[mechanism] = proposal
    ranks = [entry["share"] for entry in proposal["byRank"]] + [0, 0, 0]
    print(f"{mechanism:<14} {elapsed:7.2f}s {ranks[0]:7.1%} {ranks[1]:7.1%} {ranks[2]:7.1%} "
          f"{proposal['unassigned']['share']:7.1%}")
print()
print(f"placements per proposal: {made['rank_maximal']['placements']} (attendee and slot pairs)")
began = time.monotonic()
call("POST", f"/v1/allocations/{made['rank_maximal']['id']}/apply")
print(f"apply rank_maximal (seats, checks, {attendees} mails to the outbox): {time.monotonic() - began:.2f} s")
