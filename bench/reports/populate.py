#!/usr/bin/env python3
"""Creates an event with three workshops and N adopted recommendations in Arabic and French
through the API (keep-alive); prints the event id.   populate.py URL TOKEN N"""
import http.client, json, sys

url, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = url.split("://")[1].split(":")
connection = http.client.HTTPConnection(host, int(port))
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

def call(method, path, body):
    connection.request(method, path, json.dumps(body, ensure_ascii=False).encode(), headers)
    response = connection.getresponse()
    data = response.read()
    if response.status >= 300:
        raise SystemExit(f"{method} {path}: {response.status} {data[:300]!r}")
    return json.loads(data) if data else {}

event = call("POST", "/v1/events", {
    "slug": "bench-reports", "kind": "meeting", "format": "in_person",
    "title": {"ar": "لقاء تواصلي حول برنامج تحسين أداء الجماعات", "fr": "Rencontre sur la performance des communes"},
    "timezone": "Africa/Casablanca", "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-26T17:00:00Z",
    "venue": {"name": "Agadir"}})
workshops = []
for index, title in enumerate(["تطوير نظام تقييم أداء الجماعات", "تعزيز التعاون بين الجماعات الترابية", "تقوية القدرات"]):
    workshops.append(call("POST", f"/v1/events/{event['id']}/sessions", {
        "kind": "workshop", "title": {"ar": title}, "startsAt": f"2022-03-25T1{index + 1}:00:00Z",
        "endsAt": f"2022-03-25T1{index + 1}:50:00Z"})["id"])
for n in range(count):
    created = call("POST", f"/v1/events/{event['id']}/recommendations", {
        "sessionId": workshops[n % 3], "axis": f"المحور {n % 5 + 1}",
        "text": {"ar": f"توصية تجريبية رقم {n}: تعزيز قدرات الجماعات في تدبير المشاريع والإدارة المالية",
                 "fr": f"Recommandation d'essai n° {n} : renforcer la gestion de projets des communes"},
        "dueDate": "2026-12-31", "tags": ["bench"]})
    call("POST", f"/v1/recommendations/{created['id']}/transitions", {"to": "submitted"})
    call("POST", f"/v1/recommendations/{created['id']}/transitions", {"to": "adopted"})
print(event["id"])
