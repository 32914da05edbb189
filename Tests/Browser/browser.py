"""Headless Chromium for the browser tests: starting it, waiting for what a page shows, reading
the status codes the browser got, filling the registration form, full-height screenshots and
axe-core runs."""

import json
import os
import re
import urllib.parse

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import (ElementClickInterceptedException, ElementNotInteractableException,
                                        NoSuchElementException, TimeoutException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import support

CHROMIUM = os.environ.get("MULTAQA_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MULTAQA_CHROMEDRIVER", "/usr/bin/chromedriver")

# Drivers alive now: a failing test prints what each of them shows.
ACTIVE = []


def start(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--disable-gpu", "--no-first-run", "--disable-extensions", "--lang=en-US"):
        options.add_argument(argument)
    # performance: the status of each page the browser loaded; browser: the console (CSP reports).
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # An explicit driver path: selenium-manager (which would download one) is never run.
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    driver.set_window_size(width, height)
    ACTIVE.append(driver)
    return driver


def stop(driver):
    if driver in ACTIVE:
        ACTIVE.remove(driver)
    try:
        driver.quit()
    except Exception:  # a browser that already died
        pass


def clear_cookies(driver):
    """All the browser's cookies, whatever their path (WebDriver's own call only sees the
    current page's)."""
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


def dump(driver, limit=4000):
    """What the page shows, for failure messages."""
    try:
        state = driver.execute_script(
            "return [location.href, document.title, document.documentElement.lang, document.documentElement.dir,"
            " document.body ? document.body.innerText : document.documentElement.outerHTML]")
    except Exception as error:  # the page or the browser is gone
        return f"(no page: {error})"
    url, title, lang, direction, text = state
    text = re.sub(r"\n\s*\n+", "\n", text or "").strip()
    if len(text) > limit:
        text = text[:limit] + " […]"
    return f"URL {url}\ntitle {title!r}, lang={lang!r} dir={direction!r}\n--- page text ---\n{text}\n---"


def path(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def wait(driver, condition, what, timeout=support.WAIT):
    """Waits until condition(driver) is truthy and returns it; a timeout fails with the page."""
    try:
        return WebDriverWait(driver, timeout).until(condition)
    except TimeoutException:
        raise AssertionError(f"waited {timeout} s for {what}; the page shows:\n{dump(driver)}") from None


def wait_css(driver, selector, timeout=support.WAIT):
    return wait(driver, lambda d: _first(d, selector), f"an element {selector!r}", timeout)


def _first(driver, selector):
    found = driver.find_elements(By.CSS_SELECTOR, selector)
    return found[0] if found else None


def wait_path(driver, pattern, timeout=support.WAIT):
    """Waits for a page whose path matches pattern (a regular expression) and is loaded."""
    regex = re.compile(pattern)

    def arrived(d):
        match = regex.fullmatch(path(d))
        if match and d.execute_script("return document.readyState") == "complete":
            return match
        return None

    return wait(driver, arrived, f"a page at {pattern}", timeout)


def page_marker(driver):
    """A mark on the current document (a property of its window), gone once another page loads."""
    mark = "mlq" + os.urandom(6).hex()
    driver.execute_script("window.__multaqaTestMark = arguments[0]", mark)
    return mark


def wait_new_page(driver, mark, what="the next page"):
    """Waits until the page marked by page_marker is replaced and the new one is loaded."""
    wait(driver, lambda d: d.execute_script(
        "return window.__multaqaTestMark !== arguments[0] && document.readyState === 'complete'", mark),
        f"{what} to load")


def click_and_load(driver, element, what="the next page"):
    """Clicks a link or a submit button and waits for the page it leads to."""
    old = page_marker(driver)
    element.click()
    wait_new_page(driver, old, what)


def expect_path(driver, pattern):
    """The current page's path matches pattern (a regular expression), or the test fails at once
    with what the page shows."""
    match = re.fullmatch(pattern, path(driver))
    if not match:
        raise AssertionError(f"expected a page at {pattern}, the browser is at {driver.current_url}:\n{dump(driver)}")
    return match


def find(driver, selector):
    try:
        return driver.find_element(By.CSS_SELECTOR, selector)
    except NoSuchElementException:
        raise AssertionError(f"no element {selector!r} on the page:\n{dump(driver)}") from None


def has(driver, selector):
    return bool(driver.find_elements(By.CSS_SELECTOR, selector))


def html_attributes(driver):
    return driver.execute_script("return [document.documentElement.lang, document.documentElement.dir]")


def body_text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def document_statuses(driver):
    """(url, status) of each page (document) the browser received since the last call."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.responseReceived" and params.get("type") == "Document":
            found.append((params["response"]["url"], params["response"]["status"]))
        elif message.get("method") == "Network.requestWillBeSent" and params.get("redirectResponse") \
                and params.get("type") == "Document":
            found.append((params["redirectResponse"]["url"], params["redirectResponse"]["status"]))
    return found


def posts_sent(driver, wanted_path):
    """How many POST requests to this path the browser sent since the performance log was last
    read."""
    count = 0
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            sent = message["params"].get("request", {})
            if sent.get("method") == "POST" and urllib.parse.urlsplit(sent.get("url", "")).path == wanted_path:
                count += 1
    return count


def console_errors(driver):
    """Console messages of level SEVERE since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def choose(driver, element):
    """Clicks a radio or checkbox as a person does: on the input, or on its label when the input
    itself is hidden behind a styled label."""
    try:
        element.click()
    except (ElementNotInteractableException, ElementClickInterceptedException):
        label = driver.execute_script("return arguments[0].labels && arguments[0].labels[0]", element)
        assert label is not None, f"the input {element.get_attribute('id')!r} cannot be clicked and has no label"
        label.click()


def label_of(driver, element):
    return driver.execute_script(
        "var l = arguments[0].labels; return l && l.length ? l[0] : arguments[0].closest('label')", element)


def type_into(driver, name, value):
    field = find(driver, f"#registration [name='{name}']")
    field.clear()
    if value:
        field.send_keys(value)
    return field


def workshop_groups(driver, form="#registration"):
    """name -> the radio inputs of each workshop time slot (workshop_1, workshop_2, …)."""
    groups = {}
    for radio in driver.find_elements(By.CSS_SELECTOR, f"{form} input[type=radio][name^='workshop_']"):
        name = radio.get_attribute("name")
        if re.fullmatch(r"workshop_\d+", name):
            groups.setdefault(name, []).append(radio)
    return groups


def mode_is_full(driver, mode, form="#registration"):
    """Whether a mode's label carries the waitlist marker (span.waitlist)."""
    radios = driver.find_elements(By.CSS_SELECTOR, f"{form} #mode-{mode}")
    if not radios:
        return None
    label = label_of(driver, radios[0])
    return bool(label is not None and label.find_elements(By.CSS_SELECTOR, "span.waitlist"))


def fill_registration(driver, full_name, email, phone="+212 661 234 567", mode=None, workshops="first",
                      language=None, consent=True, position="Cadre"):
    """Fills form#registration as a person would. mode: in_person, online, or None for the first
    one that is not full; workshops: "first" (the first session of each slot), "none" or a dict
    group -> session id. Returns what was chosen."""
    wait_css(driver, "form#registration")
    type_into(driver, "full_name", full_name)
    type_into(driver, "email", email)
    type_into(driver, "phone", phone)
    if has(driver, "#registration [name='position']"):
        type_into(driver, "position", position)
    chosen = {"workshops": {}}
    category = Select(find(driver, "#registration select[name='category']"))
    values = [o.get_attribute("value") for o in category.options if o.get_attribute("value")]
    assert values, "the category list offers nothing"
    category.select_by_value(values[0])
    chosen["category"] = values[0]
    modes = [r for r in driver.find_elements(By.CSS_SELECTOR, "#registration input[type=radio][name='mode']")
             if r.is_enabled()]
    assert modes, f"the form offers no attendance mode:\n{dump(driver)}"
    if mode is None:
        open_modes = [r for r in modes if not mode_is_full(driver, r.get_attribute("value"))]
        radio = (open_modes or modes)[0]
    else:
        radio = find(driver, f"#registration #mode-{mode}")
    choose(driver, radio)
    chosen["mode"] = radio.get_attribute("value")
    for group, radios in workshop_groups(driver).items():
        if isinstance(workshops, dict):
            wanted = workshops.get(group, "")
            radio = next(r for r in radios if r.get_attribute("value") == wanted)
        elif workshops == "first":
            radio = next((r for r in radios if r.get_attribute("value") and r.is_enabled()), radios[0])
        else:
            radio = next((r for r in radios if not r.get_attribute("value")), radios[0])
        choose(driver, radio)
        chosen["workshops"][group] = radio.get_attribute("value")
    if language and has(driver, "#registration select[name='language']"):
        Select(find(driver, "#registration select[name='language']")).select_by_value(language)
    consent_box = find(driver, "#registration input[name='consent']")
    if consent_box.is_selected() != consent:
        choose(driver, consent_box)
    return chosen


def submit_registration(driver):
    """Clicks the submit button; returns the registration id of the page it lands on."""
    click_and_load(driver, find(driver, "button#submit"), "the answer to the form")
    match = expect_path(driver, r"/r/([0-9A-Za-z-]+)")
    find(driver, "#status")
    return match.group(1)


def manage_cookie(driver):
    cookie = driver.get_cookie("mlq_m")
    if cookie:
        support.SEEN_TOKENS.add(cookie["value"])
    return cookie


def open_manage_link(driver, link):
    """Opens a mailed manage link (/r/reg_…) and waits for the page it redirects to."""
    support.SEEN_TOKENS.update(support.MANAGE_TOKEN.findall(link))
    driver.get(link)
    match = expect_path(driver, r"/r/([0-9A-Za-z-]+)")
    assert not support.MANAGE_TOKEN.search(driver.current_url), \
        f"the manage token stayed in the address bar: {driver.current_url}"
    return match.group(1)


# ---------------------------------------------------------------------------------------------
# Screenshots and axe.

def screenshot(driver, name, width):
    """A PNG of the whole page at this width: the window is made as tall as the document."""
    os.makedirs(support.SHOTS, exist_ok=True)
    # Short first, so that the document's height is its own, not the window's.
    driver.set_window_size(width, 400)
    chrome = driver.execute_script("return window.outerHeight - window.innerHeight")
    height = driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
    driver.set_window_size(width, min(int(height), 16000) + int(chrome))
    # A layout that grows with the window (min-height: 100vh) may have grown once more.
    target = os.path.join(support.SHOTS, f"{name}.png")
    assert driver.save_screenshot(target), f"no screenshot written to {target}"
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    driver.set_window_size(1280, 900)
    return target, overflow


BLOCKING_IMPACTS = ("serious", "critical")


def known_false_positive(rule, node):
    """Findings of the axe-core that axe-selenium-python 2.1.6 ships (3.1.1) that later versions
    and the HTML standard do not share: autocomplete="off" is valid on any input, but 3.1.1's
    autocomplete-appropriate check accepts only tokens it knows for the input's type."""
    return rule == "autocomplete-valid" and re.search(r"""autocomplete=["']?(off|on)\b""", node.get("html") or "")


def axe_findings(driver, page):
    """The serious and critical axe-core violations of the page, one readable block each."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    findings = []
    for violation in results.get("violations", []):
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        nodes = [node for node in violation.get("nodes", []) if not known_false_positive(violation["id"], node)]
        if not nodes:
            continue
        lines = [f"{page}: {violation['id']} ({violation['impact']}): {violation.get('help', '')}"]
        for node in nodes:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}  —  {summary[:300]}")
            snippet = (node.get("html") or "")[:200]
            if snippet:
                lines.append(f"        {snippet}")
        findings.append("\n".join(lines))
    return findings
