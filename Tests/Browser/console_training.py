#!/usr/bin/env python3
"""The staff console's Training pages in a real browser (issue 18 point 3), run by
Tests/EndToEndTests/ConsoleTrainingBrowserTests.swift against a real `attest serve`.

Usage: console_training.py --base URL --mail FOLDER --clock FILE admin [--downloads FOLDER]
An admin creates a configuration with modules, assigns two workers, records completions so one
holds every required module and one misses one, enables certificates (the confirmation must say
exactly 1), sees the certificate email arrive, reads each worker's module states, removes a
completion with a reason and downloads the training history PDF. axe-core and 390 px on every page.
Prints "ok: <what>" for each check that held and "found: <name> <value>" for what the Swift test
checks afterwards; exits 1 with the reason at the first check that did not hold.
"""

import glob
import os
import re
import time

from console_browser import CheckFailed, ConsoleBrowser, Mailbox, eventually, run_scenarios
from console_review_learners import check_here, found, link_to, ok
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

GROUP = "site-electricians"
MODULES = [
    ("Electrical safety", "electrical-safety", "P1Y", True),
    ("Lockout/tagout", "lockout-tagout", "P2Y", True),
    ("Confined spaces", "confined-spaces", "", False),
]


def fill_configuration(browser, validity_of_first):
    form = browser.driver.find_element(By.CSS_SELECTOR, 'form[action="/console/training/new"]')
    fields = {"id": GROUP, "group": "Site electricians", "reminderLeadTime": "P30D"}
    for index, (name, module_id, validity, required) in enumerate(MODULES):
        fields["module-%d-name" % index] = name
        fields["module-%d-id" % index] = module_id
        fields["module-%d-validity" % index] = validity_of_first if index == 0 else validity
        box = form.find_element(By.ID, "module-%d-required" % index)
        if box.is_selected() != required:
            box.click()
    for name, value in fields.items():
        element = form.find_element(By.NAME, name)
        element.clear()
        if value:
            element.send_keys(value)


def press(browser, selector, button=None):
    return browser.submit(selector, button=button)


def record(browser, worker_path, module_id):
    browser.open(worker_path)
    Select(browser.driver.find_element(By.CSS_SELECTOR, 'form[action$="/completions"] select[name="module"]')).select_by_value(module_id)
    press(browser, 'form[action$="/completions"]', button="Record the completion")
    if "Completion recorded" not in browser.heading():
        raise CheckFailed("recording %s ended on %r: %s" % (module_id, browser.heading(), browser.text()))


def assign(browser, worker, name, email):
    browser.open("/console/training/groups/" + GROUP)
    browser.submit('form[action$="/assign"]', {"worker": worker, "name": name, "email": email}, button="Assign")
    if "Worker assigned" not in browser.heading():
        raise CheckFailed("assigning %s ended on %r: %s" % (worker, browser.heading(), browser.text()))
    return link_to(browser, r"/console/training/workers/lrn-[A-Za-z0-9]+$")


def admin(args):
    mailbox = Mailbox(args.mail)
    with ConsoleBrowser(args.base, mailbox) as browser:
        browser.sign_in(args.admin)
        browser.check_page("/console/training", expect_heading="Training")
        if "There are no training configurations yet" not in browser.text():
            raise CheckFailed("the empty list says:\n" + browser.text())
        ok("the empty training list passes axe and fits 390 px")

        # Create: first with a validity that is not a duration (refused beside the field), then right.
        browser.check_page("/console/training/new", expect_heading="Add a training configuration")
        fill_configuration(browser, "one year")
        press(browser, 'form[action="/console/training/new"]', button="Save")
        if "There is a problem" not in browser.text() or "not an ISO 8601 duration" not in browser.text():
            raise CheckFailed("a bad validity was not refused beside its field:\n" + browser.text())
        check_here(browser, "the configuration form with an error")
        fill_configuration(browser, "P1Y")
        press(browser, 'form[action="/console/training/new"]', button="Save")
        if "Training configuration added" not in browser.heading():
            raise CheckFailed("saving the configuration ended on %r: %s" % (browser.heading(), browser.text()))
        check_here(browser, "the configuration saved page")
        ok("a configuration with 3 modules was created; a bad validity was refused beside its field")

        ana = assign(browser, "W-1", "Ana Lima", "ana@example.org")
        check_here(browser, "the assignment result")
        bruno = assign(browser, "W-2", "Bruno Dias", "bruno@example.org")
        found("complete-worker", ana.rsplit("/", 1)[1])
        found("missing-worker", bruno.rsplit("/", 1)[1])
        browser.check_page("/console/training/groups/" + GROUP, expect_heading="Site electricians")
        browser.check_page("/console/training/groups/%s/edit" % GROUP, expect_heading="Change Site electricians")
        ok("two workers assigned; the group and edit pages pass axe and fit 390 px")

        record(browser, ana, "electrical-safety")
        check_here(browser, "the completion result")
        record(browser, ana, "lockout-tagout")
        record(browser, bruno, "electrical-safety")
        ok("completions recorded: Ana holds every required module, Bruno misses Lockout/tagout")

        # Enable certificates: the confirmation counts exactly one.
        browser.check_page("/console/training/groups/%s/certificates" % GROUP, expect_heading="Enable certificates")
        count = browser.driver.find_element(By.CSS_SELECTOR, "#certificate-count strong").text
        if count != "1":
            raise CheckFailed("the confirmation says %r will be issued a certificate, not 1:\n%s" % (count, browser.text()))
        if "Ana Lima" not in browser.text() or "Bruno Dias" in browser.text():
            raise CheckFailed("the confirmation names the wrong workers:\n" + browser.text())
        before = mailbox.count()
        press(browser, 'form[action$="/certificates"]', button="Enable certificates")
        if "Certificates enabled" not in browser.heading() or "1 worker was issued a certificate at once" not in browser.text():
            raise CheckFailed("enabling ended on %r: %s" % (browser.heading(), browser.text()))
        check_here(browser, "the certificates enabled page")
        ok("the confirmation said 1; certificates are enabled")

        browser.check_page(ana)
        source = browser.driver.page_source
        credential = re.search(r'href="/c/([A-Za-z0-9]{8})"', source)
        if not credential:
            raise CheckFailed("Ana's page shows no certificate:\n" + browser.text())
        found("credential", credential.group(1))
        for expected in ["Complete</strong>", "Valid</strong>"]:
            if expected not in source:
                raise CheckFailed("Ana's page does not show %r:\n%s" % (expected, browser.text()))
        email = mailbox.wait_for("ana@example.org", after=before)
        if credential.group(1) not in Mailbox.text(email):
            raise CheckFailed("Ana's email does not carry %s:\n%s" % (credential.group(1), Mailbox.text(email)))
        browser.check_email(email, "the compliance certificate email")
        ok("Ana's certificate %s arrived at the SMTP sink" % credential.group(1))

        browser.check_page(bruno)
        source = browser.driver.page_source
        if re.search(r'href="/c/[A-Za-z0-9]{8}"', source) or "Missing</strong>" not in source or "Complete</strong>" not in source:
            raise CheckFailed("Bruno's page does not show one module complete, one missing and no certificate:\n" + browser.text())
        if "No certificate yet" not in browser.text():
            raise CheckFailed("Bruno's page does not say he has no certificate yet:\n" + browser.text())
        ok("Bruno's page shows Complete and Missing and no certificate")

        # Remove a completion with a reason (a blank reason is refused).
        browser.check_page(link_to(browser, r"/completions/electrical-safety/remove$"))
        press(browser, 'form[action$="/remove"]', button="Remove the completion")
        if "There is a problem" not in browser.text():
            raise CheckFailed("a removal without a reason was not refused:\n" + browser.text())
        check_here(browser, "the removal form with an error")
        browser.submit('form[action$="/remove"]', {"reason": "recorded for the wrong person"}, button="Remove the completion")
        if "Completion removed" not in browser.heading():
            raise CheckFailed("removing ended on %r: %s" % (browser.heading(), browser.text()))
        check_here(browser, "the removal result")
        browser.check_page(bruno)
        if "recorded for the wrong person" not in browser.text() or browser.driver.page_source.count("Missing</strong>") != 2:
            raise CheckFailed("after the removal Bruno's page says:\n" + browser.text())
        ok("a completion was removed with its reason; both of Bruno's modules are missing")
        browser.check_page(link_to(browser, r"/withdraw/%s$" % GROUP), expect_heading="Withdraw an assignment")
        ok("the withdraw confirmation passes axe and fits 390 px")

        # The training history PDF from Ana's page.
        browser.open(ana)
        browser.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": args.downloads})
        browser.driver.find_element(By.CSS_SELECTOR, 'form[action$="/history"] button[type=submit]').click()
        pdf = eventually(
            "the training history PDF",
            lambda: next(iter([p for p in glob.glob(os.path.join(args.downloads, "*.pdf")) if os.path.getsize(p) > 0]), None))
        time.sleep(0.5)  # Chromium renames the file when the download completes; the name is final once listed as .pdf
        found("history-pdf", pdf)
        browser.check_page("/console/training")
        ok("the training history PDF was downloaded; the list passes axe")

        # Making Confined spaces required would suspend Ana's certificate: the save asks first.
        browser.open("/console/training/groups/%s/edit" % GROUP)
        browser.driver.find_element(By.ID, "module-2-required").click()
        press(browser, 'form[action$="/edit"]', button="Save")
        if "Check the certificate changes" not in browser.heading() or "will say SUSPENDED" not in browser.text():
            raise CheckFailed("a change that suspends a certificate was not confirmed first: %r\n%s" % (browser.heading(), browser.text()))
        check_here(browser, "the certificate changes check")
        ok("a change that would suspend a certificate asks first, saying how many")


SCENARIOS = {"admin": admin}


if __name__ == "__main__":
    run_scenarios(__doc__, SCENARIOS, [("--downloads", {"default": "/tmp"}), ("--admin", {"default": "admin@example.org"})])
