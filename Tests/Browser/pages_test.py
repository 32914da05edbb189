"""The public pages in headless Chromium: languages, registering (Arabic names, errors, double
submits, waitlist), the manage page and its mailed link, cross-site posts, security headers,
accessibility (axe-core), keyboard use, and screenshots at phone and desktop widths.

Run by Tests/Browser/run against a service loaded with the demo; the tests run in file order and
share that service (each makes registrations of its own, under names no other test uses)."""

import re
import threading
import urllib.parse
import warnings

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import browser
import support
from browser import find, has, wait_css, wait_path
from support import BASE, SLUG

ARABIC_NAME = "فاطمة الزهراء بنعلي"
REGISTER = f"/e/{SLUG}/register"


def html_tag(page_text):
    """lang and dir of an HTML answer's <html> element."""
    match = re.search(r"<html\b([^>]*)>", page_text, re.I)
    attributes = dict(re.findall(r"""(\w+)\s*=\s*["']([^"']*)["']""", match.group(1))) if match else {}
    return attributes.get("lang"), attributes.get("dir")


def status_of(driver):
    return find(driver, "#status").get_attribute("data-status")


# The contract names both the confirmation form and its button "confirm"; an id is unique in a
# page, so either may carry it (axe reports a duplicate).
CONFIRM_FORM = "form#confirm, form:has(button#confirm)"
CONFIRM_BUTTON = "button#confirm, form#confirm button[type=submit]"


# ---------------------------------------------------------------------------------------------
# 1. Languages.

def test_01_language_switch_is_remembered(page):
    page.get(f"{BASE}/e/{SLUG}?lang=ar")
    find(page, "h1")
    assert browser.html_attributes(page) == ["ar", "rtl"], browser.dump(page)
    links = {a.get_attribute("hreflang"): a.get_attribute("href")
             for a in page.find_elements(By.CSS_SELECTOR, "nav#languages a[hreflang]")}
    # The other languages are links; the current one may be a link or marked aria-current.
    current = has(page, "nav#languages [aria-current]:not(a)")
    assert {"fr", "en"} <= set(links) and ("ar" in links or current), \
        f"nav#languages links: {links}\n{browser.dump(page)}"
    for code, href in links.items():
        parts = urllib.parse.urlsplit(href)
        assert parts.path == f"/e/{SLUG}" and urllib.parse.parse_qs(parts.query).get("lang") == [code], \
            f"the {code} link goes to {href}, not to this page with ?lang={code}"
    browser.click_and_load(page, find(page, "nav#languages a[hreflang=fr]"), "the page in French")
    assert browser.html_attributes(page)[0] == "fr", browser.dump(page)
    lang, direction = browser.html_attributes(page)
    assert direction in ("ltr", ""), f"French page has dir={direction!r}"
    assert path_of(page) == f"/e/{SLUG}"
    cookie = page.get_cookie("mlq_lang")
    assert cookie and cookie["value"] == "fr", f"mlq_lang cookie after choosing French: {cookie}"
    # Remembered: pages without ?lang are in French now.
    for later in (REGISTER, "/", f"/e/{SLUG}"):
        page.get(BASE + later)
        find(page, "nav#languages")
        assert browser.html_attributes(page)[0] == "fr", f"{later} without ?lang is not in French:\n{browser.dump(page)}"


def path_of(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def test_01b_language_without_a_choice():
    """No ?lang: the cookie, then Accept-Language, then the event's first language."""
    cases = [
        ({"Accept-Language": "ar-MA,ar;q=0.9,fr;q=0.5"}, ("ar", "rtl")),
        ({"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}, ("fr", None)),
        ({"Accept-Language": "ar-MA,ar;q=0.9", "Cookie": "mlq_lang=fr"}, ("fr", None)),
        ({"Accept-Language": "fr", "Cookie": "mlq_lang=ar"}, ("ar", "rtl")),
    ]
    problems = []
    for headers, (lang, direction) in cases:
        answer = support.request("GET", f"/e/{SLUG}", headers=headers)
        got = html_tag(answer.text)
        if answer.status != 200 or got[0] != lang or (direction and got[1] != direction):
            problems.append(f"{headers} → {answer.status} <html lang={got[0]!r} dir={got[1]!r}>, wanted lang={lang}")
    answer = support.request("GET", f"/e/{SLUG}")
    if html_tag(answer.text)[0] not in ("ar", "fr", "en"):
        problems.append(f"no preference → <html lang={html_tag(answer.text)[0]!r}>")
    assert not problems, "\n".join(problems)


def test_01c_home_and_event_page(page):
    page.get(f"{BASE}/?lang=fr")
    links = [a.get_attribute("href") for a in page.find_elements(By.CSS_SELECTOR, "a.event-link")]
    assert any(urllib.parse.urlsplit(h).path == f"/e/{SLUG}" for h in links), \
        f"the home page links no a.event-link to /e/{SLUG}: {links}\n{browser.dump(page)}"
    page.get(f"{BASE}/e/{SLUG}?lang=fr")
    assert find(page, "h1").text.strip(), "the event page's h1 is empty"
    days = page.find_elements(By.CSS_SELECTOR, "section.day")
    sessions = page.find_elements(By.CSS_SELECTOR, "section.day article.session")
    assert days and sessions, f"programme: {len(days)} section.day, {len(sessions)} article.session\n{browser.dump(page)}"
    register = find(page, "a#register")
    assert path_of_href(register.get_attribute("href")) == REGISTER


def path_of_href(href):
    return urllib.parse.urlsplit(href or "").path


# ---------------------------------------------------------------------------------------------
# 2. Registering with an Arabic name, in Arabic.

def test_02_register_in_arabic(page):
    page.get(f"{BASE}/e/{SLUG}?lang=ar")
    link = find(page, "a#register")
    assert path_of_href(link.get_attribute("href")) == REGISTER
    browser.click_and_load(page, link, "the registration form")
    form = find(page, "form#registration")
    assert browser.html_attributes(page) == ["ar", "rtl"], browser.dump(page)
    assert (form.get_attribute("method") or "").lower() == "post"
    assert path_of_href(form.get_attribute("action")) == REGISTER, f"form action {form.get_attribute('action')}"
    assert browser.workshop_groups(page), f"the form offers no workshop to choose:\n{browser.dump(page)}"
    email = support.unique_email("fatima.benali")
    chosen = browser.fill_registration(page, ARABIC_NAME, email, language="ar", workshops="first")
    workshop = next(v for v in chosen["workshops"].values() if v)
    registration_id = browser.submit_registration(page)

    assert status_of(page) == "confirmed", browser.dump(page)
    code = find(page, "#checkin-code").text.strip()
    assert re.fullmatch(r"[A-Z0-9]{3,5}(-[A-Z0-9]{3,5})+", code), f"check-in code {code!r}"
    assert ARABIC_NAME in browser.body_text(page), f"the name is not shown intact:\n{browser.dump(page)}"
    assert browser.html_attributes(page) == ["ar", "rtl"]

    cookie = browser.manage_cookie(page)
    assert cookie, f"no mlq_m cookie: {page.get_cookies()}"
    assert cookie.get("httpOnly") and cookie.get("secure") and cookie.get("sameSite") == "Lax" \
        and cookie.get("path") == f"/r/{registration_id}", f"mlq_m cookie: {cookie}"
    manage_link = find(page, "#manage-link")
    assert manage_link.tag_name == "input" and manage_link.get_attribute("readonly") is not None
    value = manage_link.get_attribute("value")
    support.SEEN_TOKENS.update(support.MANAGE_TOKEN.findall(value))
    assert re.fullmatch(r"https?://[^/]+/r/reg_[A-Za-z0-9_\-]{40}", value), f"#manage-link value {value!r}"
    assert value.endswith("/r/" + cookie["value"]), "the cookie and the manage link carry different tokens"
    kept = page.find_elements(By.CSS_SELECTOR, f"form#change input[type=radio][value='{workshop}']")
    assert kept and kept[0].is_selected(), f"the chosen workshop {workshop} is not checked in form#change"

    saved = support.registrations_named(ARABIC_NAME)
    assert len(saved) == 1, f"{len(saved)} registrations named {ARABIC_NAME}"
    assert saved[0]["id"] == registration_id and saved[0]["status"] == "confirmed"
    assert workshop in saved[0]["workshops"] and saved[0]["email"] == email and saved[0]["language"] == "ar"
    assert re.sub(r"[^A-Z0-9]", "", saved[0]["checkInCode"]) == re.sub(r"[^A-Z0-9]", "", code)

    calendar = find(page, "a#calendar").get_attribute("href")
    answer = support.request("GET", calendar, headers={"Cookie": f"mlq_m={cookie['value']}"})
    assert answer.status == 200 and (answer.header("Content-Type") or "").startswith("text/calendar"), \
        answer.describe(300)
    assert "BEGIN:VCALENDAR" in answer.text


# ---------------------------------------------------------------------------------------------
# 3. Errors.

def test_03_errors_are_shown_next_to_fields_and_input_is_kept(page):
    before = len(support.registrations())
    page.get(f"{BASE}{REGISTER}?lang=fr")
    form = find(page, "form#registration")
    chosen = browser.fill_registration(page, "", "pas-une-adresse", phone="+212 611 22 33 44", consent=False)
    # The browser's own checks (required, type=email) would stop the form before the server.
    page.execute_script("arguments[0].noValidate = true", form)
    page.get_log("performance")
    browser.click_and_load(page, find(page, "button#submit"), "the answer to the form")
    errors = find(page, "#errors")
    statuses = [s for u, s in browser.document_statuses(page) if path_of_href(u) == REGISTER]
    assert statuses and statuses[-1] == 422, f"the form with errors answered {statuses}, not 422"
    assert errors.get_attribute("role") == "alert"
    assert browser.html_attributes(page)[0] == "fr"
    problems = []
    for name in ("full_name", "email", "consent"):
        message = page.find_elements(By.CSS_SELECTOR, f"#error-{name}")
        field = page.find_elements(By.CSS_SELECTOR, f"#registration [name='{name}']")
        if not message or not message[0].text.strip():
            problems.append(f"#error-{name} missing or empty")
            continue
        if not field:
            problems.append(f"the field {name} is gone")
            continue
        if field[0].get_attribute("aria-invalid") != "true":
            problems.append(f"{name} has aria-invalid={field[0].get_attribute('aria-invalid')!r}")
        if message[0].text.strip() not in errors.text:
            problems.append(f"#errors does not list {message[0].text.strip()!r}")
        # Next to the field: the smallest element holding both is the field's own group.
        holder = page.execute_script(
            "var e = arguments[0], f = arguments[1], a = e.parentElement;"
            "while (a && !a.contains(f)) a = a.parentElement;"
            "return a ? a.tagName + '#' + a.id : null", message[0], field[0])
        if holder is None or holder.startswith("FORM") or holder.startswith("BODY") or holder.startswith("MAIN"):
            problems.append(f"#error-{name} is not next to its field (first common container: {holder})")
    assert find(page, "#registration [name='phone']").get_attribute("value") == "+212 611 22 33 44"
    assert find(page, "#registration [name='email']").get_attribute("value") == "pas-une-adresse"
    assert find(page, f"#registration #mode-{chosen['mode']}").is_selected(), "the chosen mode was not kept"
    for group, value in chosen["workshops"].items():
        radio = page.find_elements(By.CSS_SELECTOR, f"#registration input[name='{group}'][value='{value}']")
        if not radio or not radio[0].is_selected():
            problems.append(f"the choice {value!r} of {group} was not kept")
    assert not problems, "\n".join(problems) + "\n" + browser.dump(page)

    # The same without a browser: the status and headers of the answer.
    form_page = support.RegisterPage("fr")
    answer = form_page.post(form_page.fields("", "pas-une-adresse", consent=False))
    assert answer.status == 422, answer.describe()
    assert (answer.header("Content-Type") or "").startswith("text/html")
    assert support.read_form(answer.text) is not None and re.search(r"""id=["']?errors\b""", answer.text)
    assert not support.header_problems(answer), support.header_problems(answer)
    assert len(support.registrations()) == before, "a form with errors registered someone"


# ---------------------------------------------------------------------------------------------
# 4. Double submits.

def test_04_double_submit_registers_once():
    form_page = support.RegisterPage("fr")
    name = support.unique_name("Karim", "Doublon")
    fields = form_page.fields(name, support.unique_email("karim.doublon"))
    answers = [None, None]
    start = threading.Barrier(2)

    def send(index):
        start.wait()
        answers[index] = form_page.post(fields)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    answers.append(form_page.post(fields))  # and once more, later
    locations = []
    for answer in answers:
        assert answer is not None and answer.status == 303, answer.describe() if answer else "no answer"
        locations.append(path_of_href(answer.header("Location")))
        token = answer.cookies().get("mlq_m")
        if token:
            support.SEEN_TOKENS.add(token)
    assert len(set(locations)) == 1 and locations[0].startswith("/r/"), f"redirects: {locations}"
    saved = support.registrations_named(name)
    assert len(saved) == 1, f"{len(saved)} registrations for one form sent three times"
    assert locations[0] == f"/r/{saved[0]['id']}"


def test_04b_double_click_registers_once(page):
    page.get(f"{BASE}{REGISTER}?lang=fr")
    name = support.unique_name("Salma", "Doubleclic")
    browser.fill_registration(page, name, support.unique_email("salma.doubleclic"))
    try:
        ActionChains(page).double_click(find(page, "button#submit")).perform()
    except StaleElementReferenceException:  # the first click already left the page
        pass
    registration_id = wait_path(page, r"/r/([0-9A-Za-z-]+)").group(1)
    wait_css(page, "#status")
    posts = browser.posts_sent(page, REGISTER)
    saved = support.registrations_named(name)
    # Chromium often replaces a submission still pending with the second one (then one POST
    # leaves): the server's side of a double submit is test_04's; here, the person's.
    assert len(saved) == 1, f"{len(saved)} registrations after a double click ({posts} POSTs sent)"
    assert saved[0]["id"] == registration_id
    browser.manage_cookie(page)


# ---------------------------------------------------------------------------------------------
# 5. A full mode: the waitlist.

def settings_input(settings, capacities):
    body = {key: settings[key] for key in ("opensAt", "closesAt", "approvalRequired", "inviteOnly", "waitlist",
                                            "categories", "requiredFields", "replyTo") if key in settings}
    body["capacities"] = [{"mode": mode, **({"capacity": seats} if seats is not None else {})}
                          for mode, seats in capacities.items()]
    return body


def put_settings(body):
    current = support.api("GET", f"/v1/events/{SLUG}/registration-settings")
    assert current.status == 200, current.describe()
    answer = support.api("PUT", f"/v1/events/{SLUG}/registration-settings", body,
                         {"If-Match": current.header("ETag") or "*"})
    assert answer.status == 200, f"PUT registration-settings {body}: " + answer.describe()
    return answer.json


def test_05_full_mode_goes_to_the_waitlist(page):
    answer = support.api("GET", f"/v1/events/{SLUG}/registration-settings")
    assert answer.status == 200, answer.describe()
    settings = answer.json
    original = {seats["mode"]: seats.get("capacity") for seats in settings["capacities"]}
    taken = {seats["mode"]: seats["confirmed"] for seats in settings["capacities"]}
    assert "in_person" in original, f"the demo meeting takes no in-person registrations: {settings}"
    full = dict(original, in_person=taken["in_person"])
    body = settings_input(settings, full)
    body["waitlist"] = True  # what this test is about (the demo's meeting keeps one already)
    put_settings(body)
    try:
        page.get(f"{BASE}{REGISTER}?lang=fr")
        find(page, "form#registration")
        assert browser.mode_is_full(page, "in_person") is True, \
            "the in-person label shows no span.waitlist with no seat left:\n" + browser.dump(page)
        if "online" in original:
            assert browser.mode_is_full(page, "online") is False, "the online label says waitlist too"
        name = support.unique_name("Youssef", "Attente")
        browser.fill_registration(page, name, support.unique_email("youssef.attente"), mode="in_person")
        registration_id = browser.submit_registration(page)
        browser.manage_cookie(page)
        assert status_of(page) == "waitlisted", browser.dump(page)
        position = find(page, "#waitlist-position").get_attribute("data-position")
        assert position and int(position) >= 1, f"data-position={position!r}"
        saved = support.registration(registration_id)
        assert saved and saved["status"] == "waitlisted" and saved.get("waitlistPosition") == int(position), saved
    finally:
        restored = settings_input(settings, original)
        put_settings(restored)


# ---------------------------------------------------------------------------------------------
# 6. The manage page, from the mailed link.

def test_06_manage_link_in_a_fresh_browser(page, fresh_browser):
    page.get(f"{BASE}{REGISTER}?lang=fr")
    name = support.unique_name("Nadia", "Gestion")
    email = support.unique_email("nadia.gestion")
    chosen = browser.fill_registration(page, name, email, workshops="first")
    registration_id = browser.submit_registration(page)
    browser.manage_cookie(page)
    link = find(page, "#manage-link").get_attribute("value")
    support.SEEN_TOKENS.update(support.MANAGE_TOKEN.findall(link))
    assert support.MANAGE_TOKEN.search(link), f"#manage-link value {link!r}"

    other = fresh_browser()
    # Without the cookie: a page that says to open the mailed link, and nothing personal.
    answer = support.request("GET", f"/r/{registration_id}")
    assert answer.status in (200, 403), answer.describe()
    assert name not in answer.text and email not in answer.text, "the page without the cookie shows personal data"
    other.get(f"{BASE}/r/{registration_id}")
    find(other, "body")
    assert name not in other.page_source and email not in other.page_source
    assert not has(other, "#checkin-code") and not has(other, "#manage-link")

    assert browser.open_manage_link(other, link) == registration_id
    assert browser.manage_cookie(other), "following the link set no mlq_m cookie"
    assert status_of(other) == "confirmed"

    groups = browser.workshop_groups(other, "form#change")
    assert groups, "form#change offers no workshops:\n" + browser.dump(other)
    group = next(iter(groups))
    current = chosen["workshops"].get(group, "")
    alternatives = [r for r in groups[group] if r.get_attribute("value") != current and r.is_enabled()]
    assert alternatives, f"{group} offers nothing to change to"
    sessions = [r for r in alternatives if r.get_attribute("value")]
    target = (sessions or alternatives)[0]
    wanted = target.get_attribute("value")
    browser.choose(other, target)
    browser.click_and_load(other, find(other, "form#change button#save"), "the page after saving")
    browser.expect_path(other, f"/r/{registration_id}")
    find(other, "#notice")
    kept = other.find_elements(By.CSS_SELECTOR, f"form#change input[name='{group}'][value='{wanted}']")
    assert kept and kept[0].is_selected(), f"after saving, {group}={wanted!r} is not checked:\n{browser.dump(other)}"
    saved = support.registration(registration_id)
    if wanted:
        assert wanted in saved["workshops"], saved
    else:
        assert current not in saved["workshops"], saved

    browser.click_and_load(other, find(other, "a#cancel"), "the cancel confirmation")
    browser.expect_path(other, f"/r/{registration_id}/cancel")
    find(other, CONFIRM_FORM)
    assert saved_status(registration_id) == "confirmed", "opening the confirmation page cancelled already"
    browser.click_and_load(other, find(other, CONFIRM_BUTTON), "the page after cancelling")
    browser.expect_path(other, f"/r/{registration_id}")
    assert status_of(other) == "cancelled", browser.dump(other)
    assert saved_status(registration_id) == "cancelled"


def saved_status(registration_id):
    saved = support.registration(registration_id)
    return saved and saved["status"]


def test_06b_erase_from_the_manage_page(page):
    name = support.unique_name("Omar", "Effacement")
    registration = support.register_by_http(name, support.unique_email("omar.effacement"))
    assert browser.open_manage_link(page, f"{BASE}/r/{registration['token']}") == registration["id"]
    assert name in browser.body_text(page)
    browser.click_and_load(page, find(page, "a#erase"), "the erase confirmation")
    browser.expect_path(page, f"/r/{registration['id']}/erase")
    find(page, CONFIRM_FORM)
    browser.click_and_load(page, find(page, CONFIRM_BUTTON), "the page after erasing")
    browser.expect_path(page, f"/r/{registration['id']}")
    find(page, "#status")
    assert name not in page.page_source and registration["email"] not in page.page_source, browser.dump(page)
    saved = support.registration(registration["id"])
    assert saved and saved["erased"] and saved.get("fullName") != name, saved


def test_06c_unknown_manage_token_is_404():
    answer = support.request("GET", "/r/reg_" + "x" * 40)
    assert answer.status == 404, answer.describe()
    assert (answer.header("Content-Type") or "").startswith("text/html")
    assert not answer.cookies().get("mlq_m")


# ---------------------------------------------------------------------------------------------
# 7. Security.

def test_07_cross_site_posts_are_refused():
    form_page = support.RegisterPage("fr")
    name = support.unique_name("Intrus", "Forge")
    fields = form_page.fields(name, support.unique_email("intrus.forge"))
    without_csrf = {k: v for k, v in fields.items() if k != "csrf"}
    cases = [
        ("Origin of another site", fields, {"Origin": "http://evil.example"}, None),
        ("Origin of another site, no cookies", fields, {"Origin": "http://evil.example"}, {}),
        ("no csrf", without_csrf, {}, None),
        ("a forged csrf", dict(fields, csrf="forged"), {}, None),
    ]
    problems = []
    for what, body, headers, cookies in cases:
        answer = form_page.post(body, headers=headers, cookies=cookies)
        if answer.status != 403 or not (answer.header("Content-Type") or "").startswith("text/html"):
            problems.append(f"{what}: {answer.status} {answer.header('Content-Type')} {answer.header('Location')}")
        elif support.header_problems(answer):
            problems.append(f"{what}: {support.header_problems(answer)}")
    assert not support.registrations_named(name), f"a forged post registered {name}"
    assert not problems, "\n".join(problems)
    # The same form, sent from the site itself, is accepted: the refusals were about the forgery.
    # Sent as Chromium sends it: under Referrer-Policy no-referrer a form's POST says "Origin: null".
    answer = form_page.post(fields, headers={"Origin": "null"})
    assert answer.status == 303, answer.describe()
    support.SEEN_TOKENS.update(t for t in [answer.cookies().get("mlq_m")] if t)
    assert len(support.registrations_named(name)) == 1


def test_07b_security_headers_on_every_page():
    registration = support.register_by_http(support.unique_name("Leila", "Entetes"),
                                            support.unique_email("leila.entetes"))
    cookie = {"Cookie": registration["cookie"]}
    form_page = support.RegisterPage("ar")
    pages = [
        ("home", support.request("GET", "/?lang=ar")),
        ("event", support.request("GET", f"/e/{SLUG}?lang=fr")),
        ("register", form_page.answer),
        ("register with errors", form_page.post(form_page.fields("", "x", consent=False))),
        ("cross-site post", form_page.post(form_page.fields("Abc Def", "a@example.org"),
                                           headers={"Origin": "http://evil.example"})),
        ("manage", support.request("GET", f"/r/{registration['id']}", headers=cookie)),
        ("manage without cookie", support.request("GET", f"/r/{registration['id']}")),
        ("cancel confirmation", support.request("GET", f"/r/{registration['id']}/cancel", headers=cookie)),
        ("erase confirmation", support.request("GET", f"/r/{registration['id']}/erase", headers=cookie)),
        ("mailed link", support.request("GET", f"/r/{registration['token']}")),
        ("unknown event", support.request("GET", "/e/no-such-meeting-anywhere")),
        ("unknown token", support.request("GET", "/r/reg_" + "y" * 40)),
    ]
    problems = []
    for what, answer in pages:
        for problem in support.header_problems(answer):
            problems.append(f"{what} ({answer.status} {answer.url}): {problem}")
    assert not problems, "\n".join(problems)


def test_07c_no_csp_violation_in_the_console(page):
    registration = support.register_by_http(support.unique_name("Hind", "Console"),
                                            support.unique_email("hind.console"))
    messages = []
    for lang in ("ar", "fr"):
        for name, _ in walk(page, lang, registration):
            messages += [f"{name} [{lang}]: {m}" for m in browser.console_errors(page)
                         if "Content Security Policy" in m or "Refused to" in m]
    assert not messages, "\n".join(messages)


def walk(driver, lang, registration):
    """Opens each public page in this language, yielding (name, driver) with the page shown:
    home, event, register, register-errors, manage, cancel."""
    driver.get(f"{BASE}/?lang={lang}")
    find(driver, "nav#languages")
    yield "home", driver
    driver.get(f"{BASE}/e/{SLUG}?lang={lang}")
    find(driver, "h1")
    yield "event", driver
    driver.get(f"{BASE}{REGISTER}?lang={lang}")
    form = find(driver, "form#registration")
    yield "register", driver
    driver.execute_script("arguments[0].noValidate = true", form)
    browser.click_and_load(driver, find(driver, "button#submit"), "the form with errors")
    find(driver, "#errors")
    yield "register-errors", driver
    browser.open_manage_link(driver, f"{BASE}/r/{registration['token']}")
    driver.get(f"{BASE}/r/{registration['id']}?lang={lang}")
    find(driver, "#status")
    yield "manage", driver
    driver.get(f"{BASE}/r/{registration['id']}/cancel?lang={lang}")
    find(driver, CONFIRM_FORM)
    yield "cancel", driver


@pytest.fixture(scope="module")
def walk_registration():
    return support.register_by_http(support.unique_name("Amine", "Visite"), support.unique_email("amine.visite"))


# ---------------------------------------------------------------------------------------------
# 8. Accessibility.

def test_08_no_serious_accessibility_violation(page, walk_registration):
    findings = []
    visited = []
    for lang in ("ar", "fr"):
        for name, driver in walk(page, lang, walk_registration):
            assert browser.html_attributes(driver)[0] == lang, f"{name} is not in {lang}:\n{browser.dump(driver)}"
            visited.append(f"{name}-{lang}")
            findings += browser.axe_findings(driver, f"{name} [{lang}] {path_of(driver)}")
    assert len(visited) == 12
    assert not findings, f"{len(findings)} serious or critical axe-core violations:\n\n" + "\n\n".join(findings)


# A label the page forgot to translate shows as its key ("category.press", "form.title").
LABEL_KEY = re.compile(r"\b(?:t\.)?(?:site|home|event|form|manage|category|mode|status|role|kind|format|error|errors)"
                       r"\.[a-z][A-Za-z_]*\b")


def test_08b_every_label_is_translated(page, walk_registration):
    found = []
    for lang in ("ar", "fr"):
        for name, driver in walk(page, lang, walk_registration):
            keys = sorted(set(LABEL_KEY.findall(browser.body_text(driver))))
            if keys:
                found.append(f"{name} [{lang}]: {', '.join(keys)}")
    assert not found, "label keys shown instead of text:\n" + "\n".join(found)


# ---------------------------------------------------------------------------------------------
# 9. Keyboard.

TAB_ORDER = """
var form = document.getElementById('registration'), out = [], groups = {};
var candidates = form.querySelectorAll('input, select, textarea, button, a[href], [tabindex]');
for (var i = 0; i < candidates.length; i++) {
  var el = candidates[i];
  if (el.disabled || el.type === 'hidden' || el.tabIndex < 0) continue;
  var style = getComputedStyle(el);
  if (!el.getClientRects().length || style.visibility === 'hidden') continue;
  if (el.type === 'radio') {
    if (groups[el.name]) continue;
    groups[el.name] = true;
    var group = Array.prototype.filter.call(
      form.querySelectorAll('input[type=radio]'), function (r) { return r.name === el.name && !r.disabled; });
    out.push(group.filter(function (r) { return r.checked; })[0] || group[0]);
    continue;
  }
  out.push(el);
}
return out;
"""

DESCRIBE = ("var e = arguments[0]; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +"
            " (e.name ? '[name=' + e.name + ']' : '') : 'nothing'")


def test_09_keyboard_only(page):
    page.get(f"{BASE}{REGISTER}?lang=fr")
    find(page, "form#registration")
    sequence = page.execute_script(TAB_ORDER)
    names = [page.execute_script(DESCRIBE, el) for el in sequence]
    assert sequence and page.execute_script("return arguments[0].id", sequence[-1]) == "submit", \
        f"the last stop of the form is not button#submit: {names}"
    keys = ActionChains(page)

    def focused():
        return page.switch_to.active_element

    def is_focused(element):
        return page.execute_script("return document.activeElement === arguments[0]", element)

    # From the top of the page to the first field.
    for _ in range(80):
        if is_focused(sequence[0]):
            break
        keys.send_keys(Keys.TAB).perform()
    assert is_focused(sequence[0]), f"Tab from the top never reached {names[0]}"

    name = support.unique_name("Rachid", "Clavier")
    typed = {"full_name": name, "email": support.unique_email("rachid.clavier"), "phone": "+212 600 111 222",
             "position": "Technicien"}
    for index, element in enumerate(sequence):
        if index:
            keys.send_keys(Keys.TAB).perform()
            assert is_focused(element), \
                f"Tab {index}: focus on {page.execute_script(DESCRIBE, focused())}, expected {names[index]}; order {names}"
        field = page.execute_script("return [arguments[0].name, arguments[0].type, arguments[0].value]", element)
        if field[0] in typed:
            ActionChains(page).send_keys(typed[field[0]]).perform()
        elif field[1] == "select-one" and field[0] == "category" and not field[2]:
            # A closed list is chosen in with the arrow keys.
            ActionChains(page).send_keys(Keys.ARROW_DOWN).perform()
        elif field[1] in ("radio", "checkbox") and not element.is_selected() and \
                (field[0] in ("mode", "consent") or re.fullmatch(r"workshop_\d+", field[0] or "")):
            ActionChains(page).send_keys(Keys.SPACE).perform()
    assert is_focused(find(page, "button#submit"))
    # Enter in a text field submits the form.
    old = browser.page_marker(page)
    find(page, "#registration [name='email']").send_keys(Keys.ENTER)
    browser.wait_new_page(page, old, "the answer to the form sent with Enter")
    registration_id = browser.expect_path(page, r"/r/([0-9A-Za-z-]+)").group(1)
    find(page, "#status")
    browser.manage_cookie(page)
    saved = support.registrations_named(name)
    assert len(saved) == 1 and saved[0]["id"] == registration_id, saved


# ---------------------------------------------------------------------------------------------
# 10. Screenshots.

def test_10_screenshots(page, walk_registration):
    written, overflowing = [], []
    for lang in ("ar", "fr"):
        for name, driver in walk(page, lang, walk_registration):
            for width in (360, 1280):
                target, overflow = browser.screenshot(driver, f"{name}-{lang}-{width}", width)
                written.append(target)
                if overflow > 0:
                    overflowing.append(f"{name}-{lang}-{width}: {overflow}px wider than the window")
    assert len(written) == 24
    if overflowing:
        warnings.warn("pages wider than the window: " + "; ".join(overflowing))


# ---------------------------------------------------------------------------------------------
# Last: no manage token reached the log.

def test_99_no_manage_token_in_the_log():
    assert support.SERVE_LOG, "MULTAQA_BROWSER_LOG is not set"
    with open(support.SERVE_LOG, encoding="utf-8", errors="replace") as log:
        lines = log.readlines()
    assert support.SEEN_TOKENS, "the suite saw no manage token: the check would prove nothing"
    leaks = [line.strip()[:300] for line in lines
             if support.MANAGE_TOKEN.search(line) or any(token in line for token in support.SEEN_TOKENS)]
    assert not leaks, f"{len(leaks)} log lines carry a manage token:\n" + "\n".join(leaks[:10])
