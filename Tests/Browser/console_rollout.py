#!/usr/bin/env python3
"""The Rollout page of the staff console in a real browser (issue 19 point 1), run by
Tests/EndToEndTests/ConsoleRolloutBrowserTests.swift against a real `attest serve`.

Usage: console_rollout.py --base URL --mail FOLDER --clock FILE SCENARIO [--program ID]
  mode:     an admin signs in, opens /console/rollout (axe, 390 px), sets the program to assisted,
            checking the first 2 issuances, through the form; the page then says so.
  checks:   an admin sees the 2 checks (the dashboard says 2 are waiting, and with --overdue that
            they are overdue), refuses a revocation without a reason (axe on the error),
            revokes one with a reason and confirms the other, each through its confirmation page
            (axe, 390 px); the list then says nothing is waiting. Prints "found: revoked ID" and
            "found: confirmed ID".
  reviewer: a reviewer sees no mode form and no confirm/revoke links; forged posts of the mode
            form and of a confirmation (with the session's own CSRF token) are 403.
Prints "ok: <what>" per check; exits 1 with the reason at the first check that did not hold.
"""

import re

from console_browser import CheckFailed, run_scenarios, with_browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def ok(what):
    print("ok: " + what, flush=True)


def check_links(browser):
    return [a.get_attribute("href") for a in browser.driver.find_elements(By.CSS_SELECTOR, "a[href*='/console/rollout/checks/']")]


def mode(browser, program):
    browser.sign_in("admin@example.org")
    browser.check_page("/console/rollout", expect_heading="Rollout")
    if "Full" not in browser.text():
        raise CheckFailed("a program never set does not say Full: %s" % browser.text()[:400])
    ok("the rollout page lists the program as full; axe passes at 390 px")
    form = 'form[action="/console/rollout/mode"]'
    Select(browser.driver.find_element(By.ID, "program")).select_by_value(program)
    Select(browser.driver.find_element(By.ID, "mode")).select_by_value("assisted")
    landed = browser.submit(form, {"first": "2"}, button="Change the mode")
    if not landed.startswith("/console/rollout"):
        raise CheckFailed("changing the mode ended on %s" % landed)
    text = browser.text()
    if "The mode was changed." not in text or "Assisted" not in text or "The first 2 issuances are checked" not in text:
        raise CheckFailed("the page after the change says: %s" % text[:600])
    browser.axe("the rollout page after a change")
    ok("the form set the program to assisted, first 2; the page says so")


def checks(browser, expect_overdue):
    browser.sign_in("admin@example.org")
    browser.check_page("/console/rollout", expect_heading="Rollout")
    links = check_links(browser)
    ids = sorted({re.search(r"/checks/([A-Za-z0-9]+)/", href).group(1) for href in links})
    if len(ids) != 2:
        raise CheckFailed("the check list shows %d certificates, not 2: %s" % (len(ids), browser.text()[:600]))
    ok("the check list shows the first 2 issuances")
    revoked, confirmed = ids
    browser.check_page("/console/dashboard", expect_heading="Dashboard")
    notice = browser.driver.find_element(By.ID, "rollout-checks").text
    if "2 issuances are waiting to be checked" not in notice:
        raise CheckFailed("the dashboard does not report the check list: %r" % notice)
    if expect_overdue and "2 overdue" not in notice:
        raise CheckFailed("the dashboard does not say the checks are overdue: %r" % notice)
    ok("the dashboard reports the 2 waiting checks%s; axe passes at 390 px" % (", overdue" if expect_overdue else ""))
    page = "/console/rollout/checks/%s/revoke" % revoked
    browser.check_page(page, expect_heading="Revoke")
    if "This cannot be undone." not in browser.text():
        raise CheckFailed("the revocation page does not say what will happen: %s" % browser.text()[:400])
    browser.submit('form[action="%s"]' % page, button="Revoke the certificate")
    if "There is a problem" not in browser.text():
        raise CheckFailed("a revocation without a reason was not refused: %s" % browser.text()[:400])
    browser.axe("the revocation page with its error")
    ok("a revocation without a reason is refused beside the field; axe passes")
    landed = browser.submit('form[action="%s"]' % page, {"note": "Wrong cohort: not on the course."}, button="Revoke the certificate")
    if landed != "/console/rollout":
        raise CheckFailed("revoking ended on %s" % landed)
    print("found: revoked %s" % revoked, flush=True)
    page = "/console/rollout/checks/%s/confirm" % confirmed
    browser.check_page(page, expect_heading="Confirm")
    landed = browser.submit('form[action="%s"]' % page, {"note": "Checked against the register."}, button="Confirm the certificate")
    if landed != "/console/rollout":
        raise CheckFailed("confirming ended on %s" % landed)
    print("found: confirmed %s" % confirmed, flush=True)
    if "No issuances are waiting to be checked." not in browser.text():
        raise CheckFailed("the list after both decisions says: %s" % browser.text()[:600])
    browser.axe("the rollout page with no checks")
    browser.check_phone_width("the rollout page with no checks")
    ok("one revoked with its reason, one confirmed; nothing is waiting")


def reviewer(browser, program):
    browser.sign_in("reviewer@example.org")
    browser.check_page("/console/rollout", expect_heading="Rollout")
    if browser.driver.find_elements(By.CSS_SELECTOR, 'form[action="/console/rollout/mode"]') or check_links(browser):
        raise CheckFailed("a reviewer sees the mode form or confirm/revoke links")
    ok("a reviewer sees no mode form and no confirm or revoke links")
    status, _ = browser.post("/console/rollout/mode", {"program": program, "mode": "full"})
    if status != 403:
        raise CheckFailed("a reviewer's forged mode change answered %d" % status)
    ok("a reviewer's forged mode change is 403")


SCENARIOS = {
    "mode": with_browser(lambda browser, args: mode(browser, args.program)),
    "checks": with_browser(lambda browser, args: checks(browser, args.overdue)),
    "reviewer": with_browser(lambda browser, args: reviewer(browser, args.program)),
}

if __name__ == "__main__":
    run_scenarios(
        __doc__, SCENARIOS,
        [("--program", {"default": "working-at-height-2"}),
         ("--overdue", {"action": "store_true", "help": "checks: the clock is past the checks' deadline"})])
