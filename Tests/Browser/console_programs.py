#!/usr/bin/env python3
"""The staff console's Programs pages in a real browser (issue 18 points 1 and 6), run by
Tests/EndToEndTests/ConsoleProgramsBrowserTests.swift against a real `attest serve`.

An administrator adds a program with a logo upload and a template choice, watches the preview
image change when the sample learner's name changes (Latin, a long name, Arabic, CJK), saves it
(version 1), changes it (version 2), and sees a hostile SVG and a file that is not an image refused
with the message beside the field. axe-core (WCAG 2.1 A/AA) and 390 px on every page.

Usage: console_programs.py --base URL --mail FOLDER --clock FILE --link URL --files FOLDER
Prints "ok: <what>" for each check that held and "found: <name> <value>" for the Swift test;
exits 1 with the reason at the first check that did not hold.
"""

import argparse
import base64
import hashlib
import os
import sys

from console_browser import CheckFailed, ConsoleBrowser, Mailbox, eventually
from selenium.webdriver.common.by import By

PROGRAM_ID = "first-aid-at-work"
SAMPLES = ["Ana Lima", "Maximiliana Alexandrina Konstantinopoulou-Vanderbilt de la Cruz y Montenegro", "محمد بن عبد الله", "王小明"]


def ok(what):
    print("ok: " + what, flush=True)


def found(name, value):
    print("found: %s %s" % (name, value), flush=True)


def fill(browser, fields):
    """Types `fields` (name → value) into the program form as a person would."""
    form = browser.driver.find_element(By.ID, "program-form")
    for name, value in fields.items():
        element = form.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)


def press(browser, label):
    """Presses the program form's button whose text contains `label`; returns the path it ended on."""
    return browser.submit("#program-form", button=label)


def preview_hash(browser):
    image = browser.driver.find_element(By.ID, "preview-image")
    source = image.get_attribute("src")
    prefix = "data:image/png;base64,"
    if not source.startswith(prefix):
        raise CheckFailed("the preview image is not an inline PNG: %s" % source[:60])
    png = base64.b64decode(source[len(prefix):])
    if not png.startswith(b"\x89PNG"):
        raise CheckFailed("the preview is not a PNG")
    # Drawn, not broken: the browser decoded it to real pixels.
    width = browser.driver.execute_script("return arguments[0].naturalWidth", image)
    if width < 600:
        raise CheckFailed("the preview image is %d pixels wide" % width)
    return hashlib.sha256(png).hexdigest()


def field_error(browser, element_id):
    """The message beside a field, checked to be the one its control names in aria-describedby."""
    error = browser.driver.find_element(By.ID, element_id + "-error")
    control = browser.driver.find_element(By.ID, element_id)
    described = (control.get_attribute("aria-describedby") or "").split()
    if element_id + "-error" not in described:
        raise CheckFailed("#%s is not described by its error (aria-describedby=%r)" % (element_id, described))
    summary = browser.driver.find_elements(By.CSS_SELECTOR, '.error-summary a[href="#%s"]' % element_id)
    if not summary:
        raise CheckFailed("the error summary does not link to #%s" % element_id)
    return error.text


def refused_upload(browser, path, expect, what):
    browser.open("/console/programs/new")
    fill(browser, {"id": "refused-upload", "achievement.name": "Refused upload", "achievement.criteria": "None"})
    browser.driver.find_element(By.ID, "branding-logo").send_keys(path)
    press(browser, "Save the program")
    message = field_error(browser, "branding-logo")
    if expect not in message:
        raise CheckFailed("%s: the logo's message says %r, not %r" % (what, message, expect))
    browser.axe("the form refusing " + what)
    browser.check_phone_width("the form refusing " + what, reload=False)
    ok("%s is refused beside the logo field: %s" % (what, message))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--mail", required=True)
    parser.add_argument("--clock", required=True)
    parser.add_argument("--link", required=True)
    parser.add_argument("--files", required=True, help="a folder for the files the browser uploads")
    args = parser.parse_args()
    logo = os.path.join(args.files, "logo.svg")
    with open(logo, "w") as file:
        file.write('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#0B6E4F"/>'
                   '<circle cx="30" cy="30" r="20" fill="#FFFFFF"/></svg>')
    hostile = os.path.join(args.files, "hostile.svg")
    with open(hostile, "w") as file:
        file.write('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>')
    notes = os.path.join(args.files, "notes.png")
    with open(notes, "w") as file:
        file.write("this is not an image, whatever its name says\n")
    try:
        with ConsoleBrowser(args.base, Mailbox(args.mail)) as browser:
            browser.open(args.link)
            landed = browser.submit('form[action="/console/sign-in"]', button="Continue")
            if not landed.startswith("/console/"):
                raise CheckFailed("signing in through the printed link ended on %s" % landed)
            ok("signed in through the link attest staff add printed")

            browser.check_page("/console/programs", expect_heading="Programs")
            if "Add a program" not in browser.text():
                raise CheckFailed("an administrator is not offered 'Add a program'")
            ok("the programs list passes axe and fits 390 px")
            browser.check_page("/console/programs/new", expect_heading="Add a program")
            ok("the empty form passes axe and fits 390 px")

            fill(browser, {
                "id": PROGRAM_ID, "achievement.name": "First Aid at Work",
                "achievement.description": "Emergency first aid in the workplace.",
                "achievement.criteria": "All modules and a score of 80 or more.",
                "branding.primaryColor": "#0B6E4F", "branding.signatoryName": "Dr Jo Bloggs", "validity": "P3Y",
                "rules.minimumScore": "80", "sampleName": SAMPLES[0],
            })
            browser.driver.find_element(By.ID, "template-achievement").click()
            browser.driver.find_element(By.ID, "branding-logo").send_keys(logo)
            press(browser, "Show the preview")
            hashes = [preview_hash(browser)]
            if "Uploaded, not saved yet" not in browser.text():
                raise CheckFailed("the uploaded logo is not shown as waiting to be saved")
            subject = browser.driver.find_element(By.ID, "preview-subject").text
            if "First Aid at Work" not in subject:
                raise CheckFailed("the email preview's subject is %r" % subject)
            browser.axe("the form with its preview")
            browser.check_phone_width("the form with its preview", reload=False)
            ok("the preview shows the certificate and the email; axe passes and it fits 390 px")
            for sample in SAMPLES[1:]:
                fill(browser, {"sampleName": sample})
                press(browser, "Show the preview")
                text = browser.driver.find_element(By.ID, "preview-text").text
                if sample not in text:
                    raise CheckFailed("the email preview does not greet %s" % sample)
                hashes.append(preview_hash(browser))
                if hashes[-1] in hashes[:-1]:
                    raise CheckFailed("the preview did not change for the sample name %s" % sample)
            ok("the preview image changes with the sample name (%d different PNGs)" % len(set(hashes)))

            landed = press(browser, "Save the program")
            if landed != "/console/programs/%s?saved=1" % PROGRAM_ID:
                raise CheckFailed("saving ended on %s: %s" % (landed, browser.text()[:500]))
            if "Version 1 is saved" not in browser.text():
                raise CheckFailed("the program page does not say version 1 is saved")
            browser.axe("the saved program")
            browser.check_phone_width("the saved program", reload=False)
            ok("saved as version 1")

            browser.check_page("/console/programs/%s/edit" % PROGRAM_ID, expect_heading="Change First Aid at Work")
            ok("the change form passes axe and fits 390 px")
            checked = browser.driver.find_element(By.ID, "template-achievement").is_selected()
            if not checked:
                raise CheckFailed("the change form does not show the achievement template chosen")
            fill(browser, {"achievement.name": "First Aid at Work (2027)"})
            landed = press(browser, "Save as version 2")
            if landed != "/console/programs/%s?saved=2" % PROGRAM_ID:
                raise CheckFailed("saving the change ended on %s" % landed)
            ok("the change is saved as version 2")
            browser.submit('form[action="/console/programs/%s/enabled"]' % PROGRAM_ID, button="Disable this program")
            if "The program is disabled" not in browser.text() or "Enable this program" not in browser.text():
                raise CheckFailed("disabling did not say so: %s" % browser.text()[:400])
            browser.axe("the disabled program")
            browser.check_phone_width("the disabled program", reload=False)
            browser.submit('form[action="/console/programs/%s/enabled"]' % PROGRAM_ID, button="Enable this program")
            if "The program is enabled" not in browser.text():
                raise CheckFailed("enabling did not say so")
            ok("the program is disabled and enabled again from its page")
            found("program", PROGRAM_ID)

            refused_upload(browser, hostile, "contains a script", "an SVG with a script")
            refused_upload(browser, notes, "neither a PNG nor an SVG", "a text file named .png")
    except CheckFailed as failure:
        print("FAILED: %s" % failure, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
