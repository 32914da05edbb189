#!/usr/bin/env python3
"""Creates the benchmark's forum through the API: two days, 40 sessions, 60 people.

Usage: populate.py BASE_URL TOKEN  -> prints the event slug."""
import json
import sys
import urllib.request

base, token = sys.argv[1], sys.argv[2]


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


slug = "bench-forum"
event = call("POST", "/v1/events", {
    "slug": slug, "kind": "forum", "format": "hybrid",
    "title": {"ar": "منتدى الشبكة المغربية للجماعات الترابية المنفتحة", "fr": "Forum du réseau marocain des collectivités territoriales ouvertes"},
    "theme": {"ar": "ترسيخ مبادئ الانفتاح من أجل تنمية محلية دامجة ومستدامة"},
    "timezone": "Africa/Casablanca", "startsAt": "2024-05-06T07:00:00Z", "endsAt": "2024-05-07T19:00:00Z",
    "venue": {"name": "Palais des congrès", "city": "Saïdia"},
    "online": {"platform": "YouTube", "streamUrl": "https://example.org/live"}, "languages": ["ar", "fr"]})
for index in range(4):
    call("PUT", f"/v1/events/{event['id']}/partners/" + call("POST", "/v1/organizations", {
        "name": {"ar": f"شريك تجريبي {index}", "fr": f"Partenaire fictif {index}"}, "kind": "agency"})["id"],
        {"role": "co_organizer", "displayOrder": index})
rooms = [call("POST", f"/v1/events/{event['id']}/rooms", {"name": f"Salle {i + 1}", "capacity": 200})["id"] for i in range(4)]
people = [call("POST", "/v1/people", {
    "honorific": {"ar": "السيد"}, "fullName": {"ar": f"مشارك تجريبي {i}", "fr": f"Participant fictif {i}"},
    "position": {"ar": "رئيس مجلس جماعي تجريبي", "fr": "Président de conseil communal (fictif)"}})["id"] for i in range(60)]
sessions = 0
person = 0
for day in (6, 7):
    for slot in range(5):
        for room in rooms:
            hour = 8 + slot * 2
            session = call("POST", f"/v1/events/{event['id']}/sessions", {
                "kind": "workshop" if slot % 2 else "talk",
                "title": {"ar": f"جلسة {sessions + 1}: الانفتاح والمشاركة المواطنة", "fr": f"Session {sessions + 1} : ouverture et participation"},
                "description": {"fr": "Échanges entre élus, cadres administratifs et instances consultatives."},
                "startsAt": f"2024-05-0{day}T{hour:02d}:00:00Z", "endsAt": f"2024-05-0{day}T{hour + 1:02d}:30:00Z",
                "roomId": room, "capacity": 100})
            sessions += 1
            for role in ("speaker", "moderator"):
                call("PUT", f"/v1/events/{event['id']}/sessions/{session['id']}/participants/{people[person % 60]}", {"role": role})
                person += 1
call("PATCH", f"/v1/events/{event['id']}", {"status": "published"})
print(slug)
