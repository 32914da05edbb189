#!/usr/bin/env python3
"""Creates a published in-person event that takes registrations; prints its id.
  setup.py URL TOKEN SLUG CAPACITY"""
import json, sys, urllib.request
from datetime import datetime, timedelta, timezone

url, token, slug, capacity = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def call(method, path, payload):
    request = urllib.request.Request(url + path, method=method, data=json.dumps(payload).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)

start = (datetime.now(timezone.utc) + timedelta(days=30)).replace(microsecond=0)
event = call("POST", "/v1/events", {
    "slug": slug, "kind": "forum", "format": "in_person", "title": {"ar": "منتدى تجريبي للقياس", "fr": "Forum de mesure"},
    "timezone": "Africa/Casablanca", "startsAt": start.isoformat(), "endsAt": (start + timedelta(days=2)).isoformat(),
    "venue": {"name": "Palais des congrès", "city": "Saïdia"}})
call("PUT", f"/v1/events/{event['id']}/registration-settings",
     {"capacities": [{"mode": "in_person", "capacity": capacity}], "waitlist": True})
call("PATCH", f"/v1/events/{event['id']}", {"status": "published"})
print(event["id"])
