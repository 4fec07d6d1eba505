"""Drive Attest's staff console in a real browser, the way its end-to-end tests do.

Headless Chromium through selenium and Debian's `chromium-driver`; sign-in through the emailed
link taken from a real SMTP sink (smtp_sink.py, whose folder of .eml files is a `Mailbox`);
accessibility checked with axe-core (the axe.min.js that PyPI's axe-playwright-python ships),
WCAG 2.1 A and AA, failing on any violation; phones checked at 390 px wide (no horizontal
scrolling). Every wait polls with a generous deadline; nothing is timed.

    from console_browser import ConsoleBrowser, Mailbox
    with ConsoleBrowser(base_url, Mailbox(mail_folder)) as browser:
        browser.sign_in("admin@example.org")
        browser.check_page("/console/dashboard")      # axe + 390 px
        browser.post("/console/sign-out", {}, with_csrf=False)  # → 403
"""

from __future__ import annotations

import argparse
import email
import email.policy
import glob
import json
import os
import re
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import axe_playwright_python
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEADLINE = 90  # seconds any one wait may take before the check fails


class CheckFailed(AssertionError):
    """A console check did not hold; the message says what and where."""


def eventually(what, probe, deadline=DEADLINE):
    """Polls `probe` until it returns something truthy; fails naming `what` after `deadline` seconds."""
    end = time.monotonic() + deadline
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > end:
            raise CheckFailed("timed out waiting for " + what)
        time.sleep(0.1)


class Mailbox:
    """The messages an smtp_sink.py wrote to `folder`, oldest first."""

    def __init__(self, folder):
        self.folder = folder

    def messages(self):
        result = []
        for path in sorted(glob.glob(os.path.join(self.folder, "*.eml"))):
            with open(path, "rb") as file:
                result.append(email.message_from_bytes(file.read(), policy=email.policy.default))
        return result

    def count(self):
        return len(glob.glob(os.path.join(self.folder, "*.eml")))

    def wait_for(self, to, after=0, subject_contains=""):
        """The first message to `to` (and with `subject_contains`) among those after the first `after`."""

        def probe():
            for message in self.messages()[after:]:
                if to.lower() in str(message["To"]).lower() and subject_contains in str(message["Subject"]):
                    return message
            return None

        return eventually("an email to %s" % to, probe)

    @staticmethod
    def html(message):
        part = message.get_body(preferencelist=("html",))
        return part.get_content() if part else None

    @staticmethod
    def text(message):
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part else ""

    @staticmethod
    def link(message, pattern=r"https?://\S+/console/sign-in/[A-Za-z0-9_-]+"):
        match = re.search(pattern, Mailbox.text(message))
        if not match:
            raise CheckFailed("no link matching %s in the email:\n%s" % (pattern, Mailbox.text(message)))
        return match.group(0)


class ConsoleBrowser:
    """A headless Chromium at `base_url` (http://127.0.0.1:PORT, the issuer's public base URL)."""

    def __init__(self, base_url, mailbox=None, width=1280, height=900):
        self.base_url = base_url.rstrip("/")
        self.mailbox = mailbox
        options = webdriver.ChromeOptions()
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--lang=en-GB"]:
            options.add_argument(flag)
        options.add_argument("--window-size=%d,%d" % (width, height))
        options.binary_location = next(p for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] if os.path.exists(p))
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(DEADLINE)
        self.driver.set_script_timeout(DEADLINE)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.driver.quit()

    # --- navigation -------------------------------------------------------------------------

    def open(self, path):
        """Opens `path` (or a full URL) and returns the path the browser ended on (redirects followed)."""
        self.driver.get(path if "://" in path else self.base_url + path)
        return self.path()

    def path(self):
        parts = urllib.parse.urlsplit(self.driver.current_url)
        return parts.path + ("?" + parts.query if parts.query else "")

    def heading(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def submit(self, form_selector, fields=None, button=None):
        """Fills `fields` (name → value) of the form matching the CSS selector and presses its
        submit button (the first, or the one whose text contains `button`), as a person would."""
        form = self.driver.find_element(By.CSS_SELECTOR, form_selector)
        for name, value in (fields or {}).items():
            element = form.find_element(By.NAME, name)
            element.clear()
            element.send_keys(value)
        buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit], button:not([type])")
        chosen = next((b for b in buttons if button is None or button in b.text), None)
        if chosen is None:
            raise CheckFailed("no submit button %r in %s on %s" % (button, form_selector, self.path()))
        chosen.click()
        # The click only starts the navigation: wait until the old page is gone.
        eventually("the page after %s to load" % form_selector, lambda: self._is_stale(chosen))
        eventually("the page after %s to load" % form_selector,
                   lambda: self.driver.execute_script("return document.readyState") == "complete")
        return self.path()

    @staticmethod
    def _is_stale(element):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            # Asked while the old document is being replaced, Chromium may say this instead of
            # "stale element" (seen once on a loaded CI machine): the node is gone all the same.
            if "does not belong to the document" in str(error):
                return True
            raise

    # --- signing in -------------------------------------------------------------------------

    def request_link(self, address):
        """Asks /console/login for a link (from wherever the browser is, if that is the login page)."""
        if not self.path().startswith("/console/login"):
            self.open("/console/login")
        self.submit('form[action="/console/login"]', {"email": address})
        if "Check your email" not in self.heading():
            raise CheckFailed("asking for a link answered %r" % self.heading())

    def sign_in(self, address, expect_path=None):
        """Signs `address` in through the emailed link: asks for it, takes it from the SMTP sink,
        opens it and presses Continue. Returns the email and the path the browser ended on."""
        before = self.mailbox.count()
        self.request_link(address)
        message = self.mailbox.wait_for(address, after=before, subject_contains="Sign in")
        link = Mailbox.link(message)
        if not link.startswith(self.base_url + "/console/sign-in/"):
            raise CheckFailed("the emailed link %s is not on %s" % (link, self.base_url))
        self.open(link)
        landed = self.submit('form[action="/console/sign-in"]', button="Continue")
        if expect_path and landed != expect_path:
            raise CheckFailed("after signing in the browser is on %s, not %s" % (landed, expect_path))
        return message, landed

    def sign_out(self):
        self.submit('form[action="/console/sign-out"]', button="Sign out")
        if not self.path().startswith("/console/login"):
            raise CheckFailed("signing out ended on %s" % self.path())

    def session_cookie(self):
        return next((c for c in self.driver.get_cookies() if c["name"].endswith("attest_console")), None)

    def csrf_token(self):
        """The CSRF token of the page open now (every signed-in page has one in its Sign out form)."""
        return self.driver.find_element(By.CSS_SELECTOR, 'input[name="csrf"]').get_attribute("value")

    def post(self, path, fields, with_csrf=True):
        """POSTs `fields` urlencoded with this browser's session cookie (and, unless told not to,
        its CSRF token) outside the page, as a forged request would. Returns (status, body)."""
        data = dict(fields)
        if with_csrf:
            data["csrf"] = self.csrf_token()
        cookie = self.session_cookie()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.base_url}
        if cookie:
            headers["Cookie"] = "%s=%s" % (cookie["name"], cookie["value"])
        request = urllib.request.Request(
            self.base_url + path, data=urllib.parse.urlencode(data).encode(), headers=headers, method="POST")

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=DEADLINE) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    # --- checks -----------------------------------------------------------------------------

    def axe(self, what=None):
        """Runs axe-core (WCAG 2.1 A and AA) on the page open now; fails listing every violation."""
        self.driver.execute_script(AXE_SCRIPT)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));",
            WCAG_TAGS,
        )
        violations = json.loads(result)
        if violations:
            lines = []
            for violation in violations:
                targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:5]
                lines.append("%s (%s): %s" % (violation["id"], violation.get("impact"), violation["help"]) + " at " + "; ".join(targets))
            raise CheckFailed("axe found %d violation(s) on %s:\n  %s" % (len(violations), what or self.path(), "\n  ".join(lines)))

    def check_phone_width(self, what=None, width=390, height=844, reload=True):
        """Fails when the page open now scrolls sideways at `width` CSS pixels (a phone). `reload`
        False checks the page as it is (the answer to a POST, which a reload would send again)."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
        try:
            if reload:
                self.driver.refresh()
            overflow = self.driver.execute_script(
                "const d = document.documentElement; const wide = [...document.querySelectorAll('body *')]"
                ".filter(e => e.getBoundingClientRect().right > d.clientWidth + 1).slice(0, 5)"
                ".map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : ''));"
                "return {scroll: d.scrollWidth, client: d.clientWidth, wide: wide};")
            if overflow["scroll"] > overflow["client"]:
                raise CheckFailed(
                    "%s scrolls sideways at %d px: %d px wide; too wide: %s"
                    % (what or self.path(), width, overflow["scroll"], ", ".join(overflow["wide"])))
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            if reload:
                self.driver.refresh()

    def check_page(self, path, expect_heading=None):
        """Opens `path`, then axe and the phone width. Returns the path it ended on."""
        landed = self.open(path)
        if expect_heading and expect_heading not in self.heading():
            raise CheckFailed("%s shows %r, not %r" % (path, self.heading(), expect_heading))
        self.axe(path)
        self.check_phone_width(path)
        return landed

    def check_email(self, message, what="the email"):
        """axe and the phone width on an email's HTML part, opened from a file."""
        html = Mailbox.html(message)
        if not html:
            raise CheckFailed("%s has no HTML part" % what)
        with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as file:
            file.write(html)
        try:
            self.open("file://" + file.name)
            self.axe(what)
            self.check_phone_width(what)
        finally:
            os.unlink(file.name)


def run_scenarios(doc, scenarios, options=()):
    """The command line every console_*.py script shares: SCENARIO --base URL --mail FOLDER --clock FILE,
    plus the script's own `options` ((flag, add_argument keywords) pairs). Runs scenarios[SCENARIO](args).
    A check that did not hold prints "FAILED: reason" and exits 1; so does a browser or driver error,
    which says what it was before its trace."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("scenario", choices=sorted(scenarios))
    for name in ("--base", "--mail", "--clock"):
        parser.add_argument(name, required=True)
    for flag, keywords in options:
        parser.add_argument(flag, **keywords)
    args = parser.parse_args()
    try:
        scenarios[args.scenario](args)
    except CheckFailed as failure:
        print("FAILED: %s" % failure, flush=True)
        sys.exit(1)
    except Exception as error:
        print("FAILED: %s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else ""), flush=True)
        raise


def with_browser(scenario):
    """`scenario(browser, args)` as a scenario of run_scenarios, in a ConsoleBrowser on --base whose mailbox is --mail."""
    def run(args):
        with ConsoleBrowser(args.base, Mailbox(args.mail)) as browser:
            scenario(browser, args)
    return run
