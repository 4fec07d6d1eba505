#!/usr/bin/env python3
"""Settings → Webhooks, Email and Signing keys in a real browser (issue 18 point 5), run by
Tests/EndToEndTests/ConsoleIntegrationsBrowserTests.swift against a real `attest serve`.

Usage: console_integrations.py --base URL --mail FOLDER --clock FILE admin
An admin adds a webhook endpoint pointing at a receiver this script runs on loopback, reads its
secret once, sends a test event (it arrives signed with that secret), rotates the secret and sends
another (signed with both during the overlap); sends a test email (it arrives at the SMTP sink);
rotates the signing key (the table then lists a retired key). axe-core and 390 px on every page.
Prints "ok: <what>" per check and "found: <name> <value>"; exits 1 at the first check that fails.
"""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from console_browser import CheckFailed, ConsoleBrowser, Mailbox, eventually, run_scenarios
from console_review_learners import check_here, found, ok
from selenium.webdriver.common.by import By

RECEIVED = []


class Receiver(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        RECEIVED.append((body, self.headers.get("X-Attest-Signature", "")))
        self.send_response(204)
        self.end_headers()


def signed_with(body, header, secret):
    """Whether one v1 of the header is HMAC-SHA256(secret, t + "." + body)."""
    parts = [p.split("=", 1) for p in header.split(",") if "=" in p]
    stamp = next((v for k, v in parts if k == "t"), "")
    expected = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, v) for k, v in parts if k == "v1")


def send_test_event(browser, count_before):
    browser.submit('form[action$="/test"]', button="Send a test event")
    if "answered 204" not in browser.text():
        raise CheckFailed("the test event page says: %s" % browser.text())
    check_here(browser, "the test event's result")
    eventually("the test event at the receiver", lambda: len(RECEIVED) > count_before)
    body, header = RECEIVED[-1]
    if json.loads(body)["type"] != "webhook.test":
        raise CheckFailed("the receiver got %s" % body)
    return body, header


def admin(args):
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d/hooks" % server.server_address[1]
    with ConsoleBrowser(args.base, Mailbox(args.mail)) as browser:
        browser.sign_in(args.admin)
        browser.check_page("/console/settings", "Settings")
        browser.open("/console/settings")
        browser.driver.find_element(By.LINK_TEXT, "Webhooks").click()
        eventually("the Webhooks page", lambda: browser.heading() == "Webhooks")
        browser.axe("Webhooks")
        browser.check_phone_width("Webhooks")

        # A bad URL is refused beside its field.
        browser.submit('form[action="/console/settings/webhooks"]', {"url": "ftp://lms.example/h"})
        if "http:// or https://" not in browser.text() or not browser.driver.find_elements(By.ID, "url-error"):
            raise CheckFailed("a bad URL was not refused beside its field: %s" % browser.text())
        check_here(browser, "Webhooks with an error")
        ok("a bad endpoint URL is refused beside its field")

        browser.submit('form[action="/console/settings/webhooks"]', {"url": url})
        secret = browser.driver.find_element(By.ID, "secret").get_attribute("value")
        if len(secret) < 40:
            raise CheckFailed("no secret shown: %s" % browser.text())
        check_here(browser, "the new endpoint's secret")
        browser.driver.find_element(By.LINK_TEXT, "Back to the endpoint").click()
        eventually("the endpoint page", lambda: browser.heading() == "Webhook endpoint")
        endpoint_path = browser.path()
        found("endpoint-path", endpoint_path)
        if secret in browser.driver.page_source:
            raise CheckFailed("the endpoint page shows the secret")
        browser.check_page(endpoint_path, "Webhook endpoint")
        ok("the endpoint was added and its secret shown once")

        body, header = send_test_event(browser, 0)
        if not signed_with(body, header, secret):
            raise CheckFailed("the test event is not signed with the endpoint's secret: %s" % header)
        ok("the test event arrived signed with the secret")

        browser.open(endpoint_path)
        browser.submit('form[action$="/rotate"]', {"overlap": "24"}, button="Rotate the secret")
        new_secret = browser.driver.find_element(By.ID, "secret").get_attribute("value")
        if new_secret == secret or "previous secret also signs" not in browser.text():
            raise CheckFailed("the rotation page: %s" % browser.text())
        check_here(browser, "the rotated secret")
        browser.open(endpoint_path)
        body, header = send_test_event(browser, 1)
        if not (signed_with(body, header, new_secret) and signed_with(body, header, secret)):
            raise CheckFailed("during the overlap the event is not signed with both secrets: %s" % header)
        ok("after a rotation the event is signed with the new and the old secret")

        # Email: the settings in use, and a test email through the real SMTP sink.
        browser.check_page("/console/settings/email", "Email")
        if "smtp://127.0.0.1:" not in browser.text():
            raise CheckFailed("the Email page does not show the server: %s" % browser.text())
        before = browser.mailbox.count()
        browser.open("/console/settings/email")
        browser.submit('form[action="/console/settings/email/test"]', button="Send a test email")
        if "handed to the mail server" not in browser.text():
            raise CheckFailed("the test email page says: %s" % browser.text())
        check_here(browser, "the test email's result")
        message = browser.mailbox.wait_for(args.admin, after=before, subject_contains="Attest test message")
        browser.check_email(message, "the test email")
        ok("the test email arrived")

        # Signing keys: rotation adds a key; the old one is listed as retired.
        browser.check_page("/console/settings/keys", "Signing keys")
        browser.open("/console/settings/keys")
        browser.submit('form[action="/console/settings/keys/rotate"]', button="Rotate the signing key")
        rows = browser.driver.find_elements(By.CSS_SELECTOR, "table tbody tr")
        if len(rows) != 2 or "retired" not in (rows[0].text + rows[1].text).lower() or "A new key signs" not in browser.text():
            raise CheckFailed("after rotating, the keys table has %d rows: %s" % (len(rows), " | ".join(r.text for r in rows)))
        check_here(browser, "the keys page after rotating")
        ok("the signing key was rotated")


SCENARIOS = {"admin": admin}


if __name__ == "__main__":
    run_scenarios(__doc__, SCENARIOS, [("--admin", {"default": "admin@example.org"})])
