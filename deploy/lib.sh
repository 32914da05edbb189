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
# libpq-dev, which the build links for applying migrations, and xmllint, with which the tests
# validate schedule.xml.
ensure_postgres() {
    ensure_packages postgresql libpq-dev pkg-config libxml2-utils
}

# Reports (issue 6): PDF from HTML by WeasyPrint, DOCX by pandoc, and a font with Arabic glyphs
# (Amiri) for right-to-left pages. The tests also read PDFs back with pdftotext (poppler-utils).
ensure_reports() {
    ensure_packages weasyprint pandoc fonts-hosny-amiri "$@"
}
