"""Ranking workshops in headless Chromium: an attendee registers in Arabic to a meeting whose
workshops are allocated by preference, ranks the two parallel workshops on the form, changes the
ranking on her own page, and once the organisers apply an allocation reads what she got and why,
in Arabic and in French. The pages pass axe-core and are kept as screenshots.

Run by Tests/Browser/run after the other browser tests, against the same service; it makes a
meeting of its own."""

import datetime
import uuid

import pytest
from selenium.webdriver.support.ui import Select

import browser
import support
from browser import find
from support import BASE

ARABIC_NAME = "خديجة الفاسي"


def iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


@pytest.fixture(scope="module")
def meeting():
    """A meeting in ten days: two workshops side by side in the morning (one seat, and five), one
    in the afternoon; rankings of at most two per slot. An attendee registered first through the
    API ranks the small workshop alone."""
    start = datetime.datetime.now(datetime.timezone.utc).replace(hour=8, minute=0, second=0, microsecond=0) \
        + datetime.timedelta(days=10)
    slug = "ateliers-" + uuid.uuid4().hex[:8]
    created = support.api("POST", "/v1/events", {
        "slug": slug, "kind": "workshop", "format": "in_person", "timezone": "UTC",
        "title": {"ar": "يوم الورشات", "fr": "Journée des ateliers"},
        "startsAt": iso(start), "endsAt": iso(start + datetime.timedelta(hours=9)),
        "venue": {"name": "Maison des collectivités", "city": "Agadir"}})
    assert created.status == 201, created.describe()
    event = created.json["id"]
    workshops = []
    for title, hours, seats in [({"ar": "تقييم الأداء", "fr": "Évaluation de la performance"}, 1, 1),
                                ({"ar": "التعاون بين الجماعات", "fr": "Coopération intercommunale"}, 1, 5),
                                ({"ar": "تقوية القدرات", "fr": "Renforcement des capacités"}, 5, 5)]:
        answer = support.api("POST", f"/v1/events/{event}/sessions", {
            "kind": "workshop", "title": title, "startsAt": iso(start + datetime.timedelta(hours=hours)),
            "endsAt": iso(start + datetime.timedelta(hours=hours + 2)), "capacity": seats})
        assert answer.status == 201, answer.describe()
        workshops.append(answer.json["id"])
    settings = support.api("PUT", f"/v1/events/{event}/registration-settings", {
        "capacities": [{"mode": "in_person", "capacity": 50}],
        "workshopChoice": {"mode": "ranked", "rankedChoices": 2}})
    assert settings.status == 200, settings.describe()
    published = support.api("PATCH", f"/v1/events/{event}", {"status": "published"})
    assert published.status == 200, published.describe()
    first = support.api("POST", f"/v1/events/{event}/registrations", {
        "fullName": "Hicham Tazi", "email": f"first-{slug}@example.ma", "category": "elected_official",
        "mode": "in_person", "consent": True, "workshops": [workshops[0]]})
    assert first.status == 201 and first.json["workshops"] == [], first.describe()
    return {"event": event, "slug": slug, "workshops": workshops}


def saved(registration_id):
    answer = support.api("GET", f"/v1/registrations/{registration_id}")
    assert answer.status == 200, answer.describe()
    return answer.json


def choose_rank(driver, name, value, form):
    Select(find(driver, f"{form} select[name='{name}']")).select_by_value(value)


def chosen_rank(driver, name, form="form#change"):
    return Select(find(driver, f"{form} select[name='{name}']")).first_selected_option.get_attribute("value")


def test_rank_register_change_and_read_the_explanation(page, meeting):
    small, large, afternoon = meeting["workshops"]
    page.get(f"{BASE}/e/{meeting['slug']}/register?lang=ar")
    browser.wait_css(page, "form#registration")
    # Ranked: no workshop is taken here, there are choices to rank; the afternoon slot has one.
    assert not browser.workshop_groups(page), browser.dump(page)
    assert len(page.find_elements("css selector", "form#registration select[name^='rank_1_']")) == 2
    assert len(page.find_elements("css selector", "form#registration select[name^='rank_2_']")) == 1
    browser.fill_registration(page, ARABIC_NAME, support.unique_email("khadija.fassi"), language="ar",
                              workshops="none")
    choose_rank(page, "rank_1_1", large, "form#registration")
    choose_rank(page, "rank_1_2", small, "form#registration")
    choose_rank(page, "rank_2_1", afternoon, "form#registration")
    registration_id = browser.submit_registration(page)
    own = {"Cookie": f"mlq_m={browser.manage_cookie(page)['value']}"}
    assert saved(registration_id)["workshops"] == []
    ranking = support.api("GET", f"/v1/registrations/{registration_id}/ranking").json
    assert ranking["workshops"] == [large, small, afternoon], ranking

    # Her own page keeps the ranking; she puts the small workshop first.
    assert chosen_rank(page, "rank_1_1") == large and chosen_rank(page, "rank_1_2") == small
    choose_rank(page, "rank_1_1", small, "form#change")
    choose_rank(page, "rank_1_2", large, "form#change")
    browser.click_and_load(page, find(page, "button#save"), "the saved registration")
    assert "n=saved" in page.current_url, browser.dump(page)
    assert chosen_rank(page, "rank_1_1") == small and chosen_rank(page, "rank_1_2") == large
    ranking = support.api("GET", f"/v1/registrations/{registration_id}/ranking").json
    assert ranking["workshops"] == [small, large, afternoon], ranking

    # The organisers allocate in registration order: the small workshop's only seat went first.
    proposal = support.api("POST", f"/v1/events/{meeting['event']}/allocations", {"mechanism": "priority"})
    assert proposal.status == 201, proposal.describe()
    applied = support.api("POST", f"/v1/allocations/{proposal.json['id']}/apply")
    assert applied.status == 200, applied.describe()
    assert sorted(saved(registration_id)["workshops"]) == sorted([large, afternoon])

    page.get(f"{BASE}/r/{registration_id}?lang=fr")
    results = page.find_elements("css selector", "#allocation .slot-result")
    assert len(results) == 2, browser.dump(page)
    # Workshop names are isolated (FSI … PDI) inside the sentences.
    text = browser.body_text(page).replace("\u2068", "").replace("\u2069", "")
    assert "Coopération intercommunale : votre choix n° 2" in text, text
    assert "Évaluation de la performance" in text and "était complet à votre tour" in text, text
    assert "Votre tour : 2 sur 2" in text, text
    assert support.request("GET", f"/r/{registration_id}", headers=own).status == 200
    findings = []
    for lang in ("ar", "fr"):
        page.get(f"{BASE}/r/{registration_id}?lang={lang}")
        browser.wait_css(page, "#allocation")
        assert browser.html_attributes(page)[0] == lang
        findings += browser.axe_findings(page, f"allocation [{lang}]")
        _, overflow = browser.screenshot(page, f"allocation-{lang}", 390)
        assert overflow <= 0, f"the {lang} page is wider than a phone"
    assert not findings, "\n\n".join(findings)
