"""What the browser tests share: the service's address and organiser token (from Tests/Browser/run),
plain HTTP without redirects (urllib), the organiser API, a reader for the registration form, and
headless Chromium (selenium) with the waits, screenshots and axe-core runs the tests use.

Configuration (environment, set by Tests/Browser/run):
  MULTAQA_BROWSER_BASE        the service as the browser reaches it, http://localhost:PORT
  MULTAQA_BROWSER_TOKEN       an organiser token, for the API calls that set up and count
  MULTAQA_BROWSER_SLUG        the demo meeting open for registration (rencontre-reseau-demo)
  MULTAQA_BROWSER_LOG         the service's log (serve.log), read at the end for manage tokens
  MULTAQA_BROWSER_SHOTS       where screenshots go (.build/test-output/pages)
"""

import html.parser
import json
import os
import random
import re
import string
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("MULTAQA_BROWSER_BASE", "http://localhost:8080").rstrip("/")
TOKEN = os.environ.get("MULTAQA_BROWSER_TOKEN", "")
SLUG = os.environ.get("MULTAQA_BROWSER_SLUG", "rencontre-reseau-demo")
SERVE_LOG = os.environ.get("MULTAQA_BROWSER_LOG", "")
SHOTS = os.environ.get("MULTAQA_BROWSER_SHOTS", ".build/test-output/pages")

# A manage token as mailed: reg_ and 40 characters (whatever their alphabet, the log check below
# also looks for every token the tests actually saw).
MANAGE_TOKEN = re.compile(r"reg_[A-Za-z0-9_\-]{40}")
# Every manage token seen during the run (cookies, links): none may be in the service's log.
SEEN_TOKENS = set()

WAIT = 20  # seconds a page gets to show what is waited for


# ---------------------------------------------------------------------------------------------
# HTTP, without following redirects.

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


class Answer:
    """One HTTP answer: status, headers, body (bytes) and text."""

    def __init__(self, status, headers, body, url):
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name)

    def cookies(self):
        """name -> value of each Set-Cookie."""
        found = {}
        for line in self.headers.get_all("Set-Cookie") or []:
            pair = line.split(";", 1)[0]
            if "=" in pair:
                name, value = pair.split("=", 1)
                found[name.strip()] = value.strip()
        return found

    def set_cookie_lines(self):
        return list(self.headers.get_all("Set-Cookie") or [])

    def describe(self, limit=1500):
        """For failure messages: the status, the headers and the start of the page's text."""
        return f"{self.status} {self.url}\n{self.headers}\n{visible_text(self.text)[:limit]}"


def request(method, path, body=None, headers=None, timeout=30):
    url = path if path.startswith("http") else BASE + path
    data = body
    if isinstance(body, dict) or isinstance(body, list):
        data = urllib.parse.urlencode(body, doseq=True).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=timeout) as response:
            return Answer(response.status, response.headers, response.read(), url)
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read(), url)


def cookie_header(*jars):
    """A Cookie header from dictionaries of cookies (later ones win)."""
    merged = {}
    for jar in jars:
        merged.update(jar or {})
    return "; ".join(f"{name}={value}" for name, value in merged.items())


def visible_text(page):
    """The text of an HTML page without its tags, scripts and styles, spaces squeezed."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page)).strip()


# ---------------------------------------------------------------------------------------------
# The organiser API.

def api(method, path, body=None, headers=None):
    all_headers = {"Authorization": "Bearer " + TOKEN, "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    all_headers.update(headers or {})
    answer = request(method, path, data, all_headers)
    try:
        answer.json = json.loads(answer.body) if answer.body else None
    except ValueError:
        answer.json = None
    return answer


def registrations(search=None):
    """Every registration of the event (all pages), optionally those whose name matches."""
    items, cursor = [], None
    while True:
        query = {"limit": 200}
        if search:
            query["q"] = search
        if cursor:
            query["cursor"] = cursor
        answer = api("GET", f"/v1/events/{SLUG}/registrations?" + urllib.parse.urlencode(query))
        assert answer.status == 200, "listing registrations failed: " + answer.describe()
        items += answer.json.get("items", [])
        cursor = answer.json.get("nextCursor")
        if not cursor:
            return items


def registrations_named(name):
    return [r for r in registrations(name) if r.get("fullName") == name]


def registration(registration_id):
    for item in registrations():
        if item["id"] == registration_id:
            return item
    return None


def unique_name(first, last):
    """A Latin name no other run or test uses: letters only (names allow no digits)."""
    tail = "".join(random.choice(string.ascii_lowercase) for _ in range(8))
    return f"{first} {last} {tail.capitalize()}"


def unique_email(local):
    tail = "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(10))
    return f"{local}.{tail}@example.org"


# ---------------------------------------------------------------------------------------------
# The registration form, read from HTML.

class Form:
    """The fields of one form: inputs (name, type, value, id, checked), selects and their
    options, plus the form's own attributes."""

    def __init__(self):
        self.attributes = {}
        self.inputs = []
        self.selects = {}
        self.textareas = {}

    def hidden(self, name):
        for field in self.inputs:
            if field["name"] == name and field["type"] == "hidden":
                return field["value"]
        return None

    def radios(self, name):
        return [f for f in self.inputs if f["type"] == "radio" and f["name"] == name]

    def radio_groups(self, pattern):
        names = []
        for field in self.inputs:
            if field["type"] == "radio" and re.fullmatch(pattern, field["name"]) and field["name"] not in names:
                names.append(field["name"])
        return names

    def names(self):
        found = [f["name"] for f in self.inputs] + list(self.selects) + list(self.textareas)
        return [n for n in found if n]


class _FormReader(html.parser.HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.form = None
        self.inside = False
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form" and attributes.get("id") == self.form_id:
            self.form = Form()
            self.form.attributes = attributes
            self.inside = True
            return
        if not self.inside:
            return
        if tag == "input":
            self.form.inputs.append({
                "name": attributes.get("name", ""), "type": attributes.get("type", "text").lower(),
                "value": attributes.get("value", ""), "id": attributes.get("id", ""),
                "checked": "checked" in attributes, "disabled": "disabled" in attributes,
            })
        elif tag == "select":
            self.select = attributes.get("name", "")
            self.form.selects[self.select] = []
        elif tag == "option" and self.select is not None:
            self.option = {"value": attributes.get("value"), "text": "", "selected": "selected" in attributes,
                           "disabled": "disabled" in attributes}
            self.form.selects[self.select].append(self.option)
        elif tag == "textarea":
            self.textarea = attributes.get("name", "")
            self.form.textareas[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self.select = None
            self.option = None
        elif tag == "option":
            self.option = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        elif self.textarea is not None:
            self.form.textareas[self.textarea] += data


def read_form(page, form_id="registration"):
    reader = _FormReader(form_id)
    reader.feed(page)
    reader.close()
    if reader.form is not None:
        for options in reader.form.selects.values():
            for option in options:
                if option["value"] is None:
                    option["value"] = option["text"].strip()
    return reader.form


def first_choice(options):
    for option in options:
        if option["value"] and not option["disabled"]:
            return option["value"]
    return None


class RegisterPage:
    """GET /e/{slug}/register as a browser would start a registration: the form and the
    cookies it set."""

    def __init__(self, lang="fr"):
        self.answer = request("GET", f"/e/{SLUG}/register?lang={lang}")
        assert self.answer.status == 200, "the registration page did not open: " + self.answer.describe()
        self.cookies = self.answer.cookies()
        self.form = read_form(self.answer.text)
        assert self.form is not None, "no form#registration on the page: " + self.answer.describe()

    def fields(self, full_name, email, mode=None, workshops="first", language="fr", consent=True, **extra):
        """A valid submission (unless told otherwise): every required field, the first
        workshop of each time slot (workshops="first"), none (workshops="none") or a dict."""
        form = self.form
        fields = {"form_id": form.hidden("form_id") or "", "csrf": form.hidden("csrf") or "",
                  "full_name": full_name, "email": email, "phone": "+212 600 000 123",
                  "position": "Cadre", "language": language}
        if "category" in form.selects:
            fields["category"] = first_choice(form.selects["category"]) or ""
        modes = [r["value"] for r in form.radios("mode") if not r["disabled"]]
        fields["mode"] = mode if mode is not None else (modes[0] if modes else "")
        for group in form.radio_groups(r"workshop_\d+"):
            sessions = [r["value"] for r in form.radios(group) if r["value"] and not r["disabled"]]
            if isinstance(workshops, dict):
                fields[group] = workshops.get(group, "")
            elif workshops == "first" and sessions:
                fields[group] = sessions[0]
            else:
                fields[group] = ""
        for optional in ("region", "collectivity"):
            if optional in form.selects:
                fields[optional] = ""
        if consent:
            fields["consent"] = "yes"
        fields.update(extra)
        return fields

    def post(self, fields, headers=None, cookies=None):
        all_headers = {"Origin": BASE, "Content-Type": "application/x-www-form-urlencoded",
                       "Cookie": cookie_header(self.cookies if cookies is None else cookies)}
        all_headers.update(headers or {})
        if not all_headers["Cookie"]:
            del all_headers["Cookie"]
        return request("POST", f"/e/{SLUG}/register", fields, all_headers)


REGISTRATION_PATH = re.compile(r"^/r/([0-9A-Za-z-]+)$")


def register_by_http(full_name, email, lang="fr", **options):
    """A registration through the HTML form without a browser: its id, its manage token (from
    the cookie) and the Cookie header that opens its page."""
    page = RegisterPage(lang)
    answer = page.post(page.fields(full_name, email, language=lang, **options))
    assert answer.status == 303, "registering failed: " + answer.describe()
    location = urllib.parse.urlsplit(answer.header("Location") or "").path
    match = REGISTRATION_PATH.match(location)
    assert match, f"the redirect after registering goes to {answer.header('Location')!r}, not /r/{{id}}"
    token = answer.cookies().get("mlq_m")
    assert token, "no mlq_m cookie after registering: " + "\n".join(answer.set_cookie_lines())
    SEEN_TOKENS.add(token)
    return {"id": match.group(1), "token": token, "cookie": f"mlq_m={token}", "name": full_name, "email": email}


# ---------------------------------------------------------------------------------------------
# Security headers.

def csp_script_sources(policy):
    """The sources that govern scripts in a Content-Security-Policy: script-src, else default-src."""
    directives = {}
    for part in (policy or "").split(";"):
        words = part.strip().split()
        if words:
            directives.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return directives.get("script-src", directives.get("default-src"))


def header_problems(answer):
    """What is wrong with an answer's security headers (empty when nothing)."""
    problems = []
    policy = answer.header("Content-Security-Policy")
    if not policy:
        problems.append("no Content-Security-Policy")
    else:
        sources = csp_script_sources(policy)
        if sources is None:
            problems.append(f"CSP without script-src or default-src: {policy}")
        elif "'unsafe-inline'" in sources:
            problems.append(f"CSP allows inline scripts: {policy}")
    if (answer.header("Referrer-Policy") or "").strip().lower() != "no-referrer":
        problems.append(f"Referrer-Policy is {answer.header('Referrer-Policy')!r}")
    if (answer.header("X-Content-Type-Options") or "").strip().lower() != "nosniff":
        problems.append(f"X-Content-Type-Options is {answer.header('X-Content-Type-Options')!r}")
    return problems
