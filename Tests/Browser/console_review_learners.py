#!/usr/bin/env python3
"""The staff console's Review and Learners pages in a real browser (issue 17 points 6, 7, 11),
run by Tests/EndToEndTests/ConsoleReviewLearnersBrowserTests.swift against a real `attest serve`.

Usage: console_review_learners.py --base URL --mail FOLDER --clock FILE SCENARIO [--downloads FOLDER]
Prints "ok: <what>" for each check that held and "found: <name> <value>" for what the Swift test
checks afterwards (PDFs, attest-verify); exits 1 with the reason at the first check that did not hold.
"""

import glob
import os
import re
import time

from console_browser import CheckFailed, ConsoleBrowser, Mailbox, eventually, run_scenarios
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By


def ok(what):
    print("ok: " + what, flush=True)


def found(name, value):
    print("found: %s %s" % (name, value), flush=True)


def check_here(browser, what):
    """axe and the phone width on the page open now, without reloading it (a POST's result page
    must not be sent again)."""
    browser.axe(what)
    driver = browser.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    try:
        sizes = eventually(
            "the 390 px layout",
            lambda: (lambda s: s if s["client"] <= 390 else None)(
                driver.execute_script("const d = document.documentElement; return {scroll: d.scrollWidth, client: d.clientWidth};")))
        if sizes["scroll"] > sizes["client"]:
            raise CheckFailed("%s scrolls sideways at 390 px: %d px wide" % (what, sizes["scroll"]))
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def submit(browser, form_selector, fields=None, button=None):
    """Fills `fields` of the form and presses its submit button (the one whose text contains
    `button`), then waits until the next page has replaced this one."""
    form = browser.driver.find_element(By.CSS_SELECTOR, form_selector)
    for name, value in (fields or {}).items():
        element = form.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)
    buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit]")
    chosen = next((b for b in buttons if button is None or button in b.text), None)
    if chosen is None:
        raise CheckFailed("no submit button %r in %s on %s" % (button, form_selector, browser.path()))
    chosen.click()

    def replaced():
        try:
            chosen.is_enabled()
            return False
        except WebDriverException:
            return browser.driver.execute_script("return document.readyState") == "complete"

    eventually("the page after %s" % form_selector, replaced)
    return browser.path()


def link_to(browser, pattern):
    """The href of the first link on the page whose href matches the regular expression."""
    for element in browser.driver.find_elements(By.TAG_NAME, "a"):
        href = element.get_attribute("href") or ""
        if re.search(pattern, href):
            return href
    raise CheckFailed("no link matching %s on %s" % (pattern, browser.path()))


def learner_page(browser, search, name):
    browser.check_page("/console/learners?q=" + search)
    if name not in browser.text():
        raise CheckFailed("searching %r does not list %s" % (search, name))
    href = link_to(browser, r"/console/learners/lrn-[A-Za-z0-9]+$")
    page = browser.check_page(href)
    return page


def admin(args):
    mailbox = Mailbox(args.mail)
    with ConsoleBrowser(args.base, mailbox) as browser:
        browser.sign_in(args.admin)
        ok("the admin signed in")

        # The review notice the hold sent to the admin (admins review too): axe, phone, link.
        notice = mailbox.wait_for(args.admin, subject_contains="Held for review")
        browser.check_email(notice, "the review notice email")
        link = Mailbox.link(notice, r"https?://\S+/console/review/cmp-[A-Za-z0-9]+")
        if not link.startswith(args.base):
            raise CheckFailed("the review notice links to %s" % link)
        ok("the review notice email passes axe, fits 390 px and links to the held completion")

        browser.check_page("/console/review", expect_heading="Review")
        case = link_to(browser, r"/console/review/cmp-[A-Za-z0-9]+$")
        if not link.endswith(case[len(args.base):]):
            raise CheckFailed("the queue links to %s, the notice to %s" % (case, link))
        browser.check_page(case)
        text = browser.text()
        for expected in ["Score 81 is within 2 points of the minimum 80.", "81 (minimum 80)", "Name for the certificate", "Earlier certificates"]:
            if expected not in text:
                raise CheckFailed("the held completion's page does not say %r:\n%s" % (expected, text))
        ok("the review queue and the held completion pass axe and fit 390 px; the page says why it was held")
        browser.check_page(case + "/approve")
        before = mailbox.count()
        submit(browser, 'form[action$="/approve"]', {"note": "score checked with the trainer"}, button="Approve")
        if "Approved" not in browser.heading():
            raise CheckFailed("approving ended on %r" % browser.heading())
        check_here(browser, "the approval result")
        issued = link_to(browser, r"/c/[A-Za-z0-9]{8}$").rsplit("/", 1)[1]
        found("approved-credential", issued)
        certificate = mailbox.wait_for(args.held, after=before)
        if issued not in Mailbox.text(certificate):
            raise CheckFailed("the learner's email does not carry %s:\n%s" % (issued, Mailbox.text(certificate)))
        browser.check_email(certificate, "the certificate email")
        ok("approved: certificate %s issued and its email arrived at the SMTP sink" % issued)

        # Correct a learner's name: a new version carries it, the old page says superseded.
        learner_page(browser, "Bruno", "Bruno Lima")
        action = link_to(browser, r"/credentials/[A-Za-z0-9]{8}/correct-name$")
        old = action.split("/credentials/")[1].split("/")[0]
        browser.check_page(action)
        submit(browser, 'form[action$="/correct-name"]', {"name": "Bruno Lima Costa", "reason": "spelling on the LMS profile"})
        if "Name corrected" not in browser.heading():
            raise CheckFailed("correcting the name ended on %r: %s" % (browser.heading(), browser.text()))
        check_here(browser, "the name correction result")
        new = re.search(r"Certificate ([A-Za-z0-9]{8}) now carries the name Bruno Lima Costa", browser.text()).group(1)
        found("old-credential", old)
        found("corrected-credential", new)
        browser.open("/c/" + old)
        if "SUPERSEDED" not in browser.text().upper() or "replaced by a newer version" not in browser.text():
            raise CheckFailed("the old page /c/%s does not say superseded:\n%s" % (old, browser.text()))
        ok("the name is corrected in %s; the old page /c/%s says superseded" % (new, old))

        # Revoke a credential: its public page says REVOKED.
        learner_page(browser, "carla", "Carla Dias")
        action = link_to(browser, r"/credentials/[A-Za-z0-9]{8}/revoke$")
        revoked = action.split("/credentials/")[1].split("/")[0]
        browser.check_page(action)
        if "will say REVOKED to anyone who scans it" not in browser.text():
            raise CheckFailed("the revoke confirmation does not say what will happen:\n" + browser.text())
        submit(browser, 'form[action$="/revoke"]', {"reason": "issued in error"})
        if "Certificate revoked" not in browser.heading():
            raise CheckFailed("revoking ended on %r" % browser.heading())
        check_here(browser, "the revocation result")
        browser.open("/c/" + revoked)
        if "REVOKED" not in browser.text():
            raise CheckFailed("/c/%s does not say REVOKED:\n%s" % (revoked, browser.text()))
        found("revoked-credential", revoked)
        ok("revoked %s: its public page says REVOKED" % revoked)

        # The other confirmation pages pass axe too.
        page = learner_page(browser, "Bruno Costa", "Bruno Lima Costa")
        for pattern in [r"/resend$", r"/suspend$", r"/learners/lrn-[A-Za-z0-9]+/email$"]:
            browser.check_page(link_to(browser, pattern))
            browser.open(page)
        ok("the resend, suspend and change-email confirmations pass axe and fit 390 px")

        # The training-history PDF, generated from the worker's page.
        learner_page(browser, "W-1001", "Ana Lima")
        browser.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": args.downloads})
        # A download does not navigate: press the button and watch the folder.
        form = browser.driver.find_element(By.CSS_SELECTOR, 'form[action$="/history"]')
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        pdf = eventually(
            "the training history PDF",
            lambda: next(iter([p for p in glob.glob(os.path.join(args.downloads, "*.pdf")) if os.path.getsize(p) > 0]), None))
        time.sleep(0.5)  # Chromium renames the file when the download completes; the name is final once listed as .pdf
        found("history-pdf", pdf)
        ok("the training history PDF was generated and downloaded")


def reviewer(args):
    mailbox = Mailbox(args.mail)
    with ConsoleBrowser(args.base, mailbox) as browser:
        browser.sign_in(args.reviewer)
        ok("the reviewer signed in")
        page = learner_page(browser, "carla", "Carla Dias")
        source = browser.driver.page_source
        credential = re.search(r'href="/c/([A-Za-z0-9]{8})"', source).group(1)
        if "/revoke" in source or "Revoke" in browser.text():
            raise CheckFailed("a reviewer sees a revoke action on " + page)
        ok("a reviewer sees no revoke button")
        status, _ = browser.post(page + "/credentials/%s/revoke" % credential, {"reason": "forged"})
        if status != 403:
            raise CheckFailed("a reviewer's forged revoke POST answered %d, not 403" % status)
        found("reviewer-forged", credential)
        ok("a reviewer's forged revoke POST is 403")


SCENARIOS = {"admin": admin, "reviewer": reviewer}


if __name__ == "__main__":
    run_scenarios(
        __doc__, SCENARIOS,
        [("--downloads", {"default": "/tmp"}), ("--admin", {"default": "admin@example.org"}),
         ("--reviewer", {"default": "reviewer@example.org"}), ("--held", {"default": "held@example.org"})])
