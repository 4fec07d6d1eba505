#!/usr/bin/env python3
"""Settings → API keys in a real browser (issue 18 point 5), run by
Tests/EndToEndTests/ConsoleAPIKeysBrowserTests.swift against a real `attest serve` on 127.0.0.1.

An admin creates a key with an IP allow-list that leaves out 127.0.0.1, sees its token once and
uses it against the API from this machine: 403 addressNotAllowed. A second key allowed from
127.0.0.1 works (200) and the list shows its last use from 127.0.0.1; a bad block is refused next
to its field; the key is rotated with a one-hour overlap (both tokens work, then the server's clock
moves past the overlap and only the new one does) and revoked (its token is refused). A viewer
gets 403 on the page and on a forged create. axe-core (WCAG 2.1 A/AA) and 390 px on every page.

Usage: console_api_keys.py --base URL --mail FOLDER --clock FILE [--admin EMAIL] [--viewer EMAIL] admin
Prints "ok: <what>" for each check that held and "found: <name> <value>" for the Swift test (the
tokens, which it looks for where they must never be); exits 1 with the reason at the first check
that did not hold.
"""

import datetime
import json
import urllib.error
import urllib.request

from console_browser import CheckFailed, ConsoleBrowser, Mailbox, run_scenarios
from console_checks import advance_clock
from selenium.webdriver.common.by import By

LIST = "/console/settings/api-keys"


def ok(what):
    print("ok: " + what, flush=True)


def found(name, value):
    print("found: %s %s" % (name, value), flush=True)


def api(base, token):
    """GET /api/v1/credentials with `token` from this machine (127.0.0.1): (status, problem code)."""
    request = urllib.request.Request(
        base + "/api/v1/credentials", headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        try:
            return error.code, json.loads(body).get("code")
        except ValueError:
            return error.code, None


def expect_api(base, token, status, code=None, what=""):
    got = api(base, token)
    if got[0] != status or (code is not None and got[1] != code):
        raise CheckFailed("%s: the API answered %s, not %d %s" % (what, got, status, code or ""))
    ok("%s: the API answers %d%s" % (what, status, " " + code if code else ""))


def check_answer_page(browser, what):
    """axe and 390 px on the answer to a POST (no reload, which would post again)."""
    browser.axe(what)
    browser.check_phone_width(what, reload=False)


def create(browser, name, role, allowed, expires=None):
    """Fills and sends the create form; returns the path it ended on."""
    browser.open(LIST)
    form = browser.driver.find_element(By.CSS_SELECTOR, 'form[action="%s"]' % LIST)
    form.find_element(By.CSS_SELECTOR, 'select[name="role"] option[value="%s"]' % role).click()
    if expires:
        # A date field takes typed keys in the browser's locale; set its value as the picker would.
        browser.driver.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "expires"), expires)
    return browser.submit('form[action="%s"]' % LIST, {"name": name, "allowed": allowed}, button="Create")


def shown_token(browser, what):
    token = browser.driver.find_element(By.ID, "token").get_attribute("value")
    if not token.startswith("attest_") or len(token) != 71:
        raise CheckFailed("%s shows %r as the token" % (what, token))
    if "only time the token is shown" not in browser.text():
        raise CheckFailed("%s does not warn that the token is shown only once" % what)
    return token


def row_link(browser, name, ending):
    """The link ending in `ending` in the list's row for the key `name`."""
    return browser.driver.find_element(
        By.XPATH, "//tr[td[contains(., '%s')]]//a[substring(@href, string-length(@href) - %d) = '%s']" % (name, len(ending) - 1, ending))


def never_again(browser, tokens, where):
    source = browser.driver.page_source
    for token in tokens:
        if token in source:
            raise CheckFailed("a token appears again on %s" % where)


def run(args):
    with ConsoleBrowser(args.base, Mailbox(args.mail)) as browser:
        browser.sign_in(args.admin)
        browser.check_page("/console/settings", expect_heading="Settings")
        browser.driver.find_element(By.LINK_TEXT, "Manage API keys").click()
        if browser.path() != LIST:
            raise CheckFailed("the Settings link opened %s" % browser.path())
        browser.check_page(LIST, expect_heading="API keys")
        ok("settings links to API keys; axe and 390 px pass on the list")

        expiry = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        create(browser, "Reporting dashboard", "viewer", "192.0.2.0/24\n2001:db8::/32", expires=expiry)
        remote = shown_token(browser, "the new key's page")
        check_answer_page(browser, "the new key's page")
        found("remote-token", remote)
        ok("a key with an allow-list is created and its token shown once")
        expect_api(args.base, remote, 403, "addressNotAllowed", "the key allowed only 192.0.2.0/24 and 2001:db8::/32, from 127.0.0.1")

        create(browser, "Local script", "viewer", "127.0.0.1/32, ::1")
        local = shown_token(browser, "the second key's page")
        found("local-token", local)
        expect_api(args.base, local, 200, None, "the key allowed from 127.0.0.1/32")

        browser.check_page(LIST, expect_heading="API keys")
        never_again(browser, [remote, local], "the list")
        text = browser.text()
        for words in ["192.0.2.0/24", "127.0.0.1/32", "from 127.0.0.1", "Reporting dashboard", "Local script", "Never"]:
            if words not in text:
                raise CheckFailed("the list does not show %r:\n%s" % (words, text))
        ok("the list shows allow-lists, expiry and the last use from 127.0.0.1, and no token")

        create(browser, "Bad block", "viewer", "10.0.0.1/8")
        if "There is a problem" not in browser.text() or "10.0.0.1/8 is not an IP address block" not in browser.text():
            raise CheckFailed("a block with host bits set was not refused next to its field:\n%s" % browser.text())
        if not browser.driver.find_elements(By.ID, "allowed-error"):
            raise CheckFailed("the allow-list error is not beside its field")
        check_answer_page(browser, "the form with an error")
        ok("a block with host bits set is refused next to its field")
        status, _ = browser.post(LIST, {"name": "Forged", "role": "admin", "allowed": ""}, with_csrf=False)
        if status != 403:
            raise CheckFailed("an admin's create without the CSRF token answered %d" % status)
        ok("a create without the CSRF token is 403")

        browser.open(LIST)
        row_link(browser, "Local script", "/rotate").click()
        rotate_path = browser.path()
        browser.check_page(rotate_path, expect_heading="Rotate the key Local script")
        browser.submit('form[action="%s"]' % rotate_path, {"overlap": "1"}, button="Rotate")
        rotated = shown_token(browser, "the rotated key's page")
        check_answer_page(browser, "the rotated key's page")
        if "old token keeps working until" not in browser.text():
            raise CheckFailed("the rotation page does not say until when the old token works")
        found("rotated-token", rotated)
        expect_api(args.base, local, 200, None, "the old token during the overlap")
        expect_api(args.base, rotated, 200, None, "the new token during the overlap")

        # The server's clock passes the one-hour overlap (and the console's idle timeout).
        advance_clock(args.clock, 3601)
        expect_api(args.base, local, 401, "apiKeyRotated", "the old token after the overlap")
        expect_api(args.base, rotated, 200, None, "the new token after the overlap")

        browser.sign_in(args.admin)
        browser.open(LIST)
        row_link(browser, "Local script", "/revoke").click()
        revoke_path = browser.path()
        browser.check_page(revoke_path, expect_heading="Revoke the key Local script")
        landed = browser.submit('form[action="%s"]' % revoke_path, button="Revoke")
        if not landed.startswith(LIST) or "was revoked" not in browser.text():
            raise CheckFailed("revoking ended on %s: %s" % (landed, browser.text()))
        browser.axe("the list after revoking")
        never_again(browser, [remote, local, rotated], "the list after revoking")
        expect_api(args.base, rotated, 401, "unauthorized", "the revoked key")
        ok("rotate and revoke: axe and 390 px pass on both confirmation pages")
        browser.sign_out()

        browser.sign_in(args.viewer)
        browser.open(LIST)
        if "Create a key" in browser.text() or "does not allow" not in browser.text():
            raise CheckFailed("a viewer sees the API keys page: %s" % browser.text())
        browser.open("/console/settings")  # a page of the viewer's, for the session's CSRF token
        if "Manage API keys" in browser.text():
            raise CheckFailed("a viewer sees the link to API keys on Settings")
        status, _ = browser.post(LIST, {"name": "Viewer key", "role": "admin", "allowed": ""})
        if status != 403:
            raise CheckFailed("a viewer's forged create answered %d" % status)
        ok("a viewer gets 403 on the page and on a forged create")


SCENARIOS = {"admin": run}

if __name__ == "__main__":
    run_scenarios(__doc__, SCENARIOS, [("--admin", {"default": "admin@example.org"}), ("--viewer", {"default": "viewer@example.org"})])
