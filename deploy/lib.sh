# Shared by deploy/run and deploy/test: make sure what Multaqa needs is on this machine.
# Installs only what is missing, with Debian's apt-get (as root, or through sudo).

ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
            if [ -x "$dir/swift" ]; then export PATH="$dir:$PATH"; break; fi
        done
    fi
    command -v swift >/dev/null 2>&1 || { echo "Swift 6 is required: install it first (https://www.swift.org/install/)" >&2; exit 1; }
}

APT_UPDATED=0
ensure_packages() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: ${missing[*]}" >&2
    if [ "$APT_UPDATED" -eq 0 ]; then
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
        APT_UPDATED=1
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# PostgreSQL's server programs (initdb, pg_ctl) for the embedded cluster and the test cluster,
# libpq-dev, which the build links for applying migrations, libqrencode-dev, which it links for
# badges' QR codes, and xmllint, with which the tests validate schedule.xml.
ensure_postgres() {
    ensure_packages postgresql libpq-dev pkg-config libxml2-utils libqrencode-dev
}

# Mail: msmtp submits attendees' mail to the relay of MULTAQA_SMTP_URL.
ensure_mail() {
    ensure_packages msmtp "$@"
}

# Reports: PDF from HTML by WeasyPrint, DOCX by pandoc, and a font with Arabic glyphs (Amiri) for
# right-to-left pages. The tests also read PDFs back with pdftotext (poppler-utils).
# WeasyPrint comes from PyPI, at the version ReportConverter.weasyPrintVersion names, into a
# virtual environment of its own: Debian 12's weasyprint (57.2) writes PDFs whose text (search,
# copy, screen readers) loses most Arabic words. Every Python package is pinned, wheels only, so
# that two machines install the same thing; Debian provides Python and the C libraries it loads.
ensure_reports() {
    ensure_packages python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 pandoc fonts-hosny-amiri "$@"
    local version=70.0 directory=/opt/multaqa/weasyprint
    local packages=(
        weasyprint==$version pydyf==0.13.0 tinyhtml5==2.1.0 tinycss2==1.5.1 cssselect2==0.10.1
        webencodings==0.6.1 pyphen==0.18.1 pillow==13.0.0 fonttools==4.68.0 brotli==1.2.1 zopfli==0.4.3
        cffi==2.1.1 pycparser==3.12
    )
    local installed
    installed=$("$directory/bin/weasyprint" --version 2>/dev/null || true)
    [ "$installed" = "WeasyPrint version $version" ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: WeasyPrint $version in $directory" >&2
    # Debian's own Python (not another one first on the PATH), in a fresh environment.
    $sudo rm -rf "$directory"
    $sudo /usr/bin/python3 -m venv "$directory"
    $sudo env PIP_DISABLE_PIP_VERSION_CHECK=1 "$directory/bin/pip" install --quiet --no-deps --only-binary=:all: \
        "${packages[@]}" >&2
    "$directory/bin/weasyprint" --version >&2
}

# The browser tests (Tests/Browser): Debian's Chromium and its driver, fonts with Arabic and
# Latin glyphs for the screenshots, and selenium with axe-core (axe-selenium-python) and pytest in
# a virtual environment of their own, every package pinned and from wheels, as for WeasyPrint.
ensure_browser() {
    ensure_packages python3-venv chromium chromium-driver fonts-noto-core fonts-hosny-amiri "$@"
    local version=4.51.0 directory=/opt/multaqa/browser
    local packages=(
        selenium==$version urllib3==2.8.0 PySocks==1.7.1 certifi==2026.10.19.post1 typing_extensions==4.16.0
        websocket-client==1.9.2 trio==0.35.0 trio-websocket==0.12.2 attrs==26.1.0 idna==3.20
        outcome==1.3.0.post0 sniffio==1.3.1 sortedcontainers==2.4.0 wsproto==1.3.2 h11==0.16.0
        axe-selenium-python==2.1.6 pytest==9.2.0 iniconfig==2.3.1 packaging==26.4 pluggy==1.7.0 Pygments==2.21.0
    )
    local installed
    installed=$("$directory/bin/python" -c 'import selenium; print(selenium.__version__)' 2>/dev/null || true)
    [ "$installed" = "$version" ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: selenium $version, axe-selenium-python and pytest in $directory" >&2
    # Debian's own Python (not another one first on the PATH), in a fresh environment.
    $sudo rm -rf "$directory"
    $sudo /usr/bin/python3 -m venv "$directory"
    $sudo env PIP_DISABLE_PIP_VERSION_CHECK=1 "$directory/bin/pip" install --quiet --no-deps --only-binary=:all: \
        "${packages[@]}" >&2
    "$directory/bin/python" -c 'import selenium, axe_selenium_python, pytest; print("selenium", selenium.__version__)' >&2
}
