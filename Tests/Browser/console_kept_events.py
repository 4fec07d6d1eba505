#!/usr/bin/env python3
"""Review → Kept events of the staff console in a real browser (issue 19 point 4, the error
table), run by Tests/EndToEndTests/ConsoleKeptEventsBrowserTests.swift against a real `attest serve`
holding two kept events: one with an invalid email address, one naming a program that does not exist.

Usage: console_kept_events.py --base URL --mail FOLDER --clock FILE SCENARIO
  admin:    an admin follows the dashboard's "Events held for invalid learner data" to the list
            (axe, 390 px), opens the event (axe, 390 px), submits a correction that is still
            invalid (refused beside the email field; axe), then a valid one with a note: the page
            says a certificate was issued (axe, 390 px). Discarding the other event without a
            reason is refused (axe), with one it is discarded. Prints "found: credential ID".
  reviewer: a reviewer sees the list and the event but no correction or discard form; forged
            posts of both (with the session's own CSRF token) are 403.
Prints "ok: <what>" per check; exits 1 with the reason at the first check that did not hold.
"""

import re

from console_browser import CheckFailed, run_scenarios, with_browser
from selenium.webdriver.common.by import By


def ok(what):
    print("ok: " + what, flush=True)


def kept_links(browser):
    return [a.get_attribute("href") for a in browser.driver.find_elements(By.CSS_SELECTOR, "a[href*='/console/kept/prk-']")]


def kept_id(browser, state_title):
    """The id of the listed event whose row says `state_title`."""
    for row in browser.driver.find_elements(By.CSS_SELECTOR, "tbody tr"):
        if state_title.lower() in row.text.lower():
            href = row.find_element(By.CSS_SELECTOR, "a").get_attribute("href")
            return re.search(r"/console/kept/(prk-[A-Za-z0-9]+)", href).group(1)
    raise CheckFailed("no kept event says %r: %s" % (state_title, browser.text()[:600]))


def admin(browser):
    browser.sign_in("admin@example.org")
    browser.check_page("/console/dashboard", expect_heading="Dashboard")
    browser.driver.find_element(By.LINK_TEXT, "Events held for invalid learner data").click()
    if browser.path() != "/console/kept":
        raise CheckFailed("the dashboard's figure leads to %s" % browser.path())
    browser.check_page("/console/kept", expect_heading="Kept events")
    if len(kept_links(browser)) != 2:
        raise CheckFailed("the list shows %d kept events, not 2: %s" % (len(kept_links(browser)), browser.text()[:600]))
    invalid = kept_id(browser, "Invalid learner data")
    missing = kept_id(browser, "No such program")
    ok("the dashboard links to the kept events; both are listed; axe passes at 390 px")

    page = "/console/kept/%s" % invalid
    browser.check_page(page, expect_heading="Kept event")
    if "is not a valid email address" not in browser.text():
        raise CheckFailed("the event page does not say what is wrong: %s" % browser.text()[:600])
    form = 'form[action="%s/correct"]' % page
    browser.submit(form, {"email": "ana@", "note": "From the HR record."}, button="Correct and decide")
    if "There is a problem" not in browser.text() or not browser.driver.find_elements(By.ID, "email-error"):
        raise CheckFailed("a correction that is still invalid was not refused beside the field: %s" % browser.text()[:600])
    browser.axe("the correction with its error")
    ok("a correction that is still invalid is refused beside the email field; axe passes")
    browser.submit(form, {"email": "ana.lima@example.org", "note": "From the HR record."}, button="Correct and decide")
    if "A certificate was issued" not in browser.text():
        raise CheckFailed("the correction answered: %s" % browser.text()[:600])
    browser.axe("the corrected event")
    browser.check_phone_width("the corrected event", reload=False)
    credential = browser.driver.find_element(By.CSS_SELECTOR, "a[href^='/console/credentials/']").get_attribute("href")
    print("found: credential %s" % credential.rstrip("/").rsplit("/", 1)[1], flush=True)
    ok("the corrected event was issued; axe passes at 390 px")

    page = "/console/kept/%s" % missing
    browser.check_page(page, expect_heading="Kept event")
    form = 'form[action="%s/discard"]' % page
    browser.submit(form, button="Discard the event")
    if "There is a problem" not in browser.text() or not browser.driver.find_elements(By.ID, "reason-error"):
        raise CheckFailed("a discard without a reason was not refused: %s" % browser.text()[:600])
    browser.axe("the discard with its error")
    browser.submit(form, {"reason": "Sent by the test LMS."}, button="Discard the event")
    if "Event discarded" not in browser.heading():
        raise CheckFailed("discarding answered: %s" % browser.text()[:600])
    browser.axe("the discarded event")
    browser.open("/console/kept")
    if kept_links(browser):
        raise CheckFailed("events are still listed: %s" % browser.text()[:600])
    ok("a discard without a reason is refused; with one, nothing is kept any more")


def reviewer(browser):
    browser.sign_in("reviewer@example.org")
    browser.check_page("/console/kept", expect_heading="Kept events")
    links = kept_links(browser)
    if not links:
        raise CheckFailed("a reviewer sees no kept events")
    path = re.search(r"(/console/kept/prk-[A-Za-z0-9]+)", links[0]).group(1)
    browser.check_page(path, expect_heading="Kept event")
    if browser.driver.find_elements(By.CSS_SELECTOR, "form[action^='/console/kept/']"):
        raise CheckFailed("a reviewer sees a correction or discard form")
    ok("a reviewer sees the kept events but no form")
    for action, fields in (("correct", {"email": "x@example.org", "note": "forged"}), ("discard", {"reason": "forged"})):
        status, _ = browser.post("%s/%s" % (path, action), fields)
        if status != 403:
            raise CheckFailed("a reviewer's forged %s answered %d" % (action, status))
    ok("a reviewer's forged correction and discard are 403")


SCENARIOS = {"admin": with_browser(lambda browser, args: admin(browser)), "reviewer": with_browser(lambda browser, args: reviewer(browser))}

if __name__ == "__main__":
    run_scenarios(__doc__, SCENARIOS)
