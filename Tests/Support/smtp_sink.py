#!/usr/bin/python3
"""A real SMTP server for the mail tests (aiosmtpd, Debian's python3-aiosmtpd).

It demands STARTTLS and a login, as a production relay does, and keeps every message it
accepts twice: as received (NNNN.eml) and as Python's own mail parser reads it (NNNN.json:
decoded headers, both bodies, each calendar attachment's events as python3-icalendar parses
them), so that the tests check the mail with a parser that is not ours.

    smtp_sink.py --directory DIR --port PORT --user U --password P

It makes a self-signed certificate for 127.0.0.1 in DIR/cert.pem (for msmtp to trust). With
--port 0 it picks a free port. Once it listens it writes the port to DIR/port and creates
DIR/ready, and it runs until killed.
"""
import argparse
import socket
import email
import email.policy
import json
import os
import signal
import ssl
import subprocess
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
import icalendar


def parse(raw: bytes) -> dict:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    result = {
        "subject": str(message["Subject"]),
        "from": str(message["From"]),
        "to": str(message["To"]),
        "replyTo": str(message["Reply-To"]) if message["Reply-To"] else None,
        "messageID": str(message["Message-ID"]),
        "date": str(message["Date"]),
        "autoSubmitted": str(message["Auto-Submitted"]),
        "contentLanguage": str(message["Content-Language"]),
        "contentType": message.get_content_type(),
        "text": None,
        "html": None,
        "attachments": [],
    }
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment":
            data = part.get_payload(decode=True)
            attachment = {"filename": part.get_filename(), "contentType": part.get_content_type(), "events": []}
            if part.get_content_type() == "text/calendar":
                for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
                    attachment["events"].append({
                        "uid": str(event.get("UID")),
                        "summary": str(event.get("SUMMARY")),
                        "start": event.decoded("DTSTART").isoformat(),
                        "end": event.decoded("DTEND").isoformat(),
                        "location": str(event.get("LOCATION")) if event.get("LOCATION") else None,
                        "url": str(event.get("URL")) if event.get("URL") else None,
                    })
            result["attachments"].append(attachment)
        elif part.get_content_type() == "text/plain":
            result["text"] = part.get_content()
        elif part.get_content_type() == "text/html":
            result["html"] = part.get_content()
    return result


class Keeper:
    def __init__(self, directory: str):
        self.directory = directory
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            number = len([n for n in os.listdir(self.directory) if n.endswith(".eml")]) + 1
            base = os.path.join(self.directory, "%04d" % number)
            with open(base + ".eml", "wb") as file:
                file.write(envelope.original_content)
            parsed = parse(envelope.original_content)
            parsed["envelopeTo"] = envelope.rcpt_tos
            with open(base + ".json.part", "w", encoding="utf-8") as file:
                json.dump(parsed, file, ensure_ascii=False)
            os.rename(base + ".json.part", base + ".json")
        return "250 2.0.0 kept"


def main():
    # The test process ignores SIGTERM (its service group handles it) and a child inherits that.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--directory", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.directory, exist_ok=True)
    certificate = os.path.join(arguments.directory, "cert.pem")
    key = os.path.join(arguments.directory, "key.pem")
    if not os.path.exists(certificate):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
             "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)

    def authenticate(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and data.login.decode() == arguments.user \
            and data.password.decode() == arguments.password
        return AuthResult(success=ok)

    port = arguments.port
    if port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    controller = Controller(
        Keeper(arguments.directory), hostname="127.0.0.1", port=port,
        tls_context=context, require_starttls=True, auth_required=True, authenticator=authenticate)
    controller.start()
    with open(os.path.join(arguments.directory, "port"), "w") as file:
        file.write(str(port))
    open(os.path.join(arguments.directory, "ready"), "w").close()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
