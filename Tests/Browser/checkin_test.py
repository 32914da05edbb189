"""The check-in kiosk in headless Chromium: the staff type the kiosk code once, then badges are
"scanned" as a handheld scanner does it (the code's characters typed fast, then Enter) into the one
field that stays focused; the answer shows at once, large and in colour, in French and in Arabic.
Two kiosks scanning the same badge at the same moment: one welcomes, the other says already
checked in. A revoked kiosk goes back to asking for a code.

Run by Tests/Browser/run after pages_test.py, against the same service; it makes a meeting of its
own held today."""

import datetime
import os
import threading
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import browser
import support
from browser import find
from support import BASE

ARABIC_NAME = "يوسف بن عبد الله الإدريسي"
LATIN_NAME = "Amina Alaoui"
WAITING_NAME = "Karim Benjelloun"
RACE_NAMES = [f"Participant course {n}" for n in range(1, 4)]


@pytest.fixture(scope="module")
def meeting():
    """A hybrid forum held today (UTC, all day), two seats in person, its attendees registered and
    a kiosk for today."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    start = datetime.datetime.combine(today, datetime.time(0, 0), tzinfo=datetime.timezone.utc)
    slug = "accueil-" + uuid.uuid4().hex[:8]
    created = support.api("POST", "/v1/events", {
        "slug": slug, "kind": "forum", "format": "in_person", "timezone": "UTC",
        "title": {"ar": "ملتقى الاستقبال", "fr": "Rencontre de l'accueil"},
        "startsAt": start.isoformat().replace("+00:00", "Z"),
        "endsAt": (start + datetime.timedelta(hours=23, minutes=59)).isoformat().replace("+00:00", "Z"),
        "venue": {"name": "Palais des congrès", "city": "Oujda"}})
    assert created.status == 201, created.describe()
    event = created.json["id"]
    workshop = support.api("POST", f"/v1/events/{event}/sessions", {
        "kind": "workshop", "title": {"fr": "Atelier numérique", "ar": "ورشة الرقمنة"},
        "startsAt": (start + datetime.timedelta(hours=10)).isoformat().replace("+00:00", "Z"),
        "endsAt": (start + datetime.timedelta(hours=12)).isoformat().replace("+00:00", "Z"), "capacity": 40})
    assert workshop.status == 201, workshop.describe()
    settings = support.api("PUT", f"/v1/events/{event}/registration-settings",
                           {"capacities": [{"mode": "in_person", "capacity": 2 + len(RACE_NAMES)}]})
    assert settings.status == 200, settings.describe()
    published = support.api("PATCH", f"/v1/events/{event}", {"status": "published"})
    assert published.status == 200, published.describe()
    codes = {}
    for index, name in enumerate([ARABIC_NAME, LATIN_NAME] + RACE_NAMES + [WAITING_NAME]):
        answer = support.api("POST", f"/v1/events/{event}/registrations", {
            "fullName": name, "email": f"accueil-{index}-{slug}@example.ma", "category": "elected_official",
            "mode": "in_person", "consent": True})
        assert answer.status == 201, answer.describe()
        codes[name] = answer.json["checkInCode"]
    kiosks = [support.api("POST", f"/v1/events/{event}/kiosks", {"day": today.isoformat(), "label": label}).json
              for label in ("Entrée principale", "Porte B")]
    assert all(k and k.get("code") for k in kiosks), kiosks
    return {"event": event, "slug": slug, "path": f"/checkin/{slug}", "codes": codes, "kiosks": kiosks,
            "day": today.isoformat(), "workshop": workshop.json["id"]}


def unlock(driver, meeting, kiosk, lang):
    driver.get(f"{BASE}{meeting['path']}?lang={lang}")
    field = find(driver, "#kiosk-code")
    assert driver.switch_to.active_element == field, "the kiosk code field is not focused"
    field.send_keys(kiosk["code"] + Keys.ENTER)
    browser.wait_css(driver, "#scan-code")


def scan(driver, code):
    """A handheld scanner: the code as the QR code holds it (no dash), typed at once, then Enter,
    into whatever has the focus."""
    driver.switch_to.active_element.send_keys(code.replace("-", "") + Keys.ENTER)


def answer_after(driver, previous, what):
    """The scan's answer once it replaced `previous`: its text and its colour."""
    browser.wait(driver, lambda d: find(d, "#scan-result").text.strip() not in ("", previous), what)
    result = find(driver, "#scan-result")
    tone = [c for c in result.get_attribute("class").split() if c.startswith("tone-")]
    # Names come isolated (FSI … PDI), in their own direction.
    return result.text.replace("\u2068", "").replace("\u2069", "").strip(), tone[0] if tone else ""


def test_01_scanning_at_the_door_in_french(page, meeting):
    unlock(page, meeting, meeting["kiosks"][0], "fr")
    field = find(page, "#scan-code")
    assert page.switch_to.active_element == field, "the scan field does not have the focus"
    assert "tone-idle" in find(page, "#scan-result").get_attribute("class")
    browser.screenshot(page, "checkin-fr-ready", 1280)

    idle = find(page, "#scan-result").text.strip()
    scan(page, meeting["codes"][LATIN_NAME])
    text, tone = answer_after(page, idle, "the first scan's answer")
    assert (text, tone) == (f"Bienvenue {LATIN_NAME}", "tone-ok"), browser.dump(page)
    # The field is empty and focused again: the next badge can come.
    assert page.switch_to.active_element == find(page, "#scan-code") and field.get_attribute("value") == ""
    # Still the same page: the answer came without loading another.
    assert browser.path(page) == meeting["path"]
    browser.screenshot(page, "checkin-fr-welcome", 1280)

    scan(page, meeting["codes"][LATIN_NAME])
    text, tone = answer_after(page, text, "the second scan's answer")
    assert tone == "tone-warn" and "déjà enregistré" in text and LATIN_NAME in text, text

    scan(page, "ZZZZZZZZ")
    text, tone = answer_after(page, text, "an unknown code's answer")
    assert (text, tone) == ("Code inconnu pour cette rencontre", "tone-bad"), text

    scan(page, meeting["codes"][WAITING_NAME])
    text, tone = answer_after(page, text, "a waitlisted attendee's answer")
    assert tone == "tone-bad" and "liste d'attente" in text, text
    browser.screenshot(page, "checkin-fr-refused", 390)

    # Two badges in quick succession: both are checked in, the answer ends on the second.
    page.switch_to.active_element.send_keys(
        meeting["codes"][ARABIC_NAME].replace("-", "") + Keys.ENTER + meeting["codes"][RACE_NAMES[0]].replace("-", "") + Keys.ENTER)
    browser.wait(page, lambda d: RACE_NAMES[0] in find(d, "#scan-result").text.replace("\u2068", "").replace("\u2069", ""), "the answer to the second of two quick scans")
    attendance = support.api("GET", f"/v1/events/{meeting['event']}/attendance").json
    assert attendance["checkedInByDay"].get(meeting["day"]) == 3, attendance

    findings = browser.axe_findings(page, "checkin (fr)")
    assert not findings, "\n".join(findings)


def test_02_two_kiosks_in_arabic_race_for_one_badge(fresh_browser, meeting):
    left, right = fresh_browser(), fresh_browser()
    for driver, kiosk in ((left, meeting["kiosks"][0]), (right, meeting["kiosks"][1])):
        unlock(driver, meeting, kiosk, "ar")
        assert browser.html_attributes(driver) == ["ar", "rtl"]
    for name in RACE_NAMES[1:]:
        before = [find(d, "#scan-result").text.strip() for d in (left, right)]
        start = threading.Barrier(2)
        errors = []

        def press(driver):
            try:
                start.wait(timeout=10)
                scan(driver, meeting["codes"][name])
            except Exception as error:  # reported below, in the test's thread
                errors.append(error)

        threads = [threading.Thread(target=press, args=(d,)) for d in (left, right)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        answers = [answer_after(d, b, f"the answer to {name}") for d, b in zip((left, right), before)]
        tones = sorted(tone for _, tone in answers)
        assert tones == ["tone-ok", "tone-warn"], answers
        welcome = next(text for text, tone in answers if tone == "tone-ok")
        assert welcome == f"مرحبا {name}", answers
    browser.screenshot(left, "checkin-ar", 1280)
    findings = browser.axe_findings(left, "checkin (ar)")
    assert not findings, "\n".join(findings)


def test_03_a_revoked_kiosk_asks_for_a_code_again(page, meeting):
    kiosk = meeting["kiosks"][1]
    unlock(page, meeting, kiosk, "fr")
    revoked = support.api("DELETE", f"/v1/kiosks/{kiosk['id']}")
    assert revoked.status == 204, revoked.describe()
    scan(page, meeting["codes"][ARABIC_NAME])
    browser.wait_css(page, "#kiosk-code")
    assert not browser.has(page, "#scan-code"), browser.dump(page)


def test_04_kiosk_codes_stay_out_of_the_log(meeting):
    if not support.SERVE_LOG or not os.path.exists(support.SERVE_LOG):
        pytest.skip("no service log to read")
    with open(support.SERVE_LOG, encoding="utf-8", errors="replace") as log:
        text = log.read()
    for kiosk in meeting["kiosks"]:
        for form in (kiosk["code"], kiosk["code"].replace("-", "")):
            assert form not in text, "a kiosk code is in the service's log"


def test_05_a_certificate_checked_on_its_page(page):
    """After a meeting: a certificate issued to an attendee who was checked in, checked on its
    page in Arabic and French (axe, screenshots), its PDF downloaded from there."""
    slug = "attestation-" + uuid.uuid4().hex[:8]
    created = support.api("POST", "/v1/events", {
        "slug": slug, "kind": "meeting", "format": "in_person", "timezone": "Africa/Casablanca",
        "title": {"ar": "لقاء تواصلي حول أداء الجماعات", "fr": "Rencontre sur la performance des communes"},
        "startsAt": "2022-03-25T08:00:00Z", "endsAt": "2022-03-26T17:00:00Z",
        "venue": {"name": "Hôtel de ville", "city": "Agadir"}})
    assert created.status == 201, created.describe()
    event = created.json["id"]
    settings = support.api("PUT", f"/v1/events/{event}/registration-settings",
                           {"capacities": [{"mode": "in_person", "capacity": 10}]})
    assert settings.status == 200, settings.describe()
    registered = support.api("POST", f"/v1/events/{event}/registrations", {
        "fullName": ARABIC_NAME, "email": f"{slug}@example.ma", "category": "elected_official",
        "mode": "in_person", "consent": True, "language": "ar"})
    assert registered.status == 201, registered.describe()
    checked = support.api("POST", f"/v1/events/{event}/check-ins",
                          {"code": registered.json["checkInCode"], "day": "2022-03-25"})
    assert checked.status == 201, checked.describe()
    issued = support.api("POST", f"/v1/events/{event}/certificates")
    assert issued.status == 200 and issued.json["issued"] == 1, issued.describe()
    code = support.api("GET", f"/v1/events/{event}/certificates").json["items"][0]["code"]

    for lang in ("ar", "fr"):
        page.get(f"{BASE}/c/{code.replace('-', '')}?lang={lang}")
        verdict = find(page, "#verdict")
        assert "tone-ok" in verdict.get_attribute("class"), browser.dump(page)
        assert ARABIC_NAME in browser.body_text(page), browser.dump(page)
        assert browser.html_attributes(page)[0] == lang
        browser.screenshot(page, f"certificate-page-{lang}", 1280)
        findings = browser.axe_findings(page, f"certificate page ({lang})")
        assert not findings, "\n".join(findings)
    links = [a.get_attribute("href") for a in page.find_elements(By.CSS_SELECTOR, "#downloads a")]
    assert len(links) == 4, links
    pdf = support.request("GET", links[0])
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF"), pdf.describe()
