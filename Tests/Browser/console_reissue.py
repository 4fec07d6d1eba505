#!/usr/bin/env python3
"""A program's bulk reissue in the staff console, in a real browser (issue 18 point 1), run by
Tests/EndToEndTests/ConsoleReissueBrowserTests.swift against a real `attest serve` whose program
was corrected (version 2) after certificates were issued under version 1.

Usage: console_reissue.py --base URL --mail FOLDER --clock FILE --program ID --expect N [--admin EMAIL]
The admin signs in through the emailed link, opens the program's reissue page (axe, 390 px), sees
the count N, confirms with a reason, watches the progress page until it says finished at 100 %
(the page reloads itself; the JSON fragment says the same), opens each old certificate's public
page (SUPERSEDED, with a link to the new one), and finds the corrected certificate emailed to
each learner; then the program's template family (axe, 390 px, the three pictures drawn) and the
choice of another template. Prints "ok: <what>" per check and "found: OLD NEW" per reissued certificate; exits 1
with the reason at the first check that did not hold.
"""

import argparse
import json
import re
import sys
import urllib.request

from console_browser import CheckFailed, ConsoleBrowser, Mailbox, eventually
from selenium.webdriver.common.by import By


def ok(what):
    print("ok: " + what, flush=True)


def progress_json(browser, path):
    cookie = browser.session_cookie()
    request = urllib.request.Request(browser.base_url + path, headers={"Cookie": "%s=%s" % (cookie["name"], cookie["value"])})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--mail", required=True)
    parser.add_argument("--clock", required=True)
    parser.add_argument("--program", required=True)
    parser.add_argument("--expect", type=int, required=True)
    parser.add_argument("--admin", default="admin@example.org")
    parser.add_argument("--template", default="achievement", help="the template the program uses")
    parser.add_argument("--choose", default="completion", help="the template to choose")
    args = parser.parse_args()
    mailbox = Mailbox(args.mail)
    page = "/console/programs/%s/reissue" % args.program
    try:
        with ConsoleBrowser(args.base, mailbox) as browser:
            browser.sign_in(args.admin)
            ok("signed in through the emailed link")

            browser.check_page(page, expect_heading="Reissue certificates")
            count = browser.driver.find_element(By.ID, "reissue-count").text
            if "%d active certificates" % args.expect not in count:
                raise CheckFailed("the confirmation does not count %d: %r" % (args.expect, count))
            ok("the confirmation counts %d certificates before anything happens; axe passes at 390 px" % args.expect)

            # Confirming without a reason is refused beside the field, and nothing starts.
            browser.submit('form[method="post"][action="%s"]' % page, button="Reissue")
            if "There is a problem" not in browser.text():
                raise CheckFailed("confirming without a reason was not refused: %s" % browser.text()[:300])
            browser.axe("the confirmation with its error")
            ok("a confirmation without a reason is refused with the message beside the field")

            mails_before = mailbox.count()
            landed = browser.submit(
                'form[method="post"][action="%s"]' % page, fields={"reason": "The course name was corrected."}, button="Reissue")
            if landed != page + "/progress":
                raise CheckFailed("confirming ended on %s" % landed)

            seen = []

            def finished():
                browser.open(page + "/progress")
                bar = browser.driver.find_element(By.ID, "reissue-progress")
                seen.append((int(bar.get_attribute("value")), int(bar.get_attribute("max"))))
                return "Finished." in browser.driver.find_element(By.ID, "reissue-state").text

            eventually("the reissue to finish", finished)
            value, maximum = seen[-1]
            if value != maximum or maximum != args.expect or "(100 %)" not in browser.text():
                raise CheckFailed("the finished progress bar reads %d/%d: %s" % (value, maximum, browser.text()[:400]))
            if any(later < earlier for (earlier, _), (later, _) in zip(seen, seen[1:])):
                raise CheckFailed("the progress went backwards: %s" % seen)
            fragment = progress_json(browser, page + "/progress.json")
            if fragment != {"state": "finished", "done": args.expect, "total": args.expect, "percent": 100}:
                raise CheckFailed("progress.json says %s" % fragment)
            browser.axe("the finished progress page")
            browser.check_phone_width("the finished progress page")
            ok("the progress reaches 100 %% (%d readings, %s); the JSON fragment agrees; axe passes at 390 px" % (len(seen), seen[:3]))

            # A reload (or coming back later) shows the same summary.
            browser.open(page + "/progress")
            rows = browser.driver.find_elements(By.CSS_SELECTOR, "table#reissued tbody tr")
            pairs = []
            for row in rows:
                links = [a.get_attribute("href") for a in row.find_elements(By.TAG_NAME, "a")]
                ids = [re.search(r"/c/([A-Za-z0-9]+)$", href).group(1) for href in links]
                pairs.append(tuple(ids))
            if len(pairs) != args.expect:
                raise CheckFailed("the summary lists %d reissued certificates: %s" % (len(pairs), browser.text()[:400]))
            cookie = browser.session_cookie()
            request = urllib.request.Request(
                browser.base_url + page + "/result.csv", headers={"Cookie": "%s=%s" % (cookie["name"], cookie["value"])})
            with urllib.request.urlopen(request, timeout=60) as response:
                rows = [line.split(",") for line in response.read().decode("utf-8").split("\r\n") if line]
            if rows[0] != ["credential", "outcome", "newCredential", "reason"] or sorted((r[0], r[2]) for r in rows[1:] if r[1] == "reissued") != sorted(pairs):
                raise CheckFailed("the downloadable result says %s" % rows)
            ok("the summary survives a reload and lists each old and new certificate; the CSV download says the same")

            for old, new in pairs:
                browser.open("/c/" + old)
                text = browser.text()
                if "SUPERSEDED" not in text:
                    raise CheckFailed("the old certificate %s does not say superseded: %s" % (old, text[:300]))
                current = [a.get_attribute("href") for a in browser.driver.find_elements(By.PARTIAL_LINK_TEXT, "current version")]
                if not any(href.endswith("/c/" + new) for href in current):
                    raise CheckFailed("the old certificate %s does not link to %s: %s" % (old, new, current))
                print("found: %s %s" % (old, new), flush=True)
            ok("each old certificate's page says SUPERSEDED and links to the new one")

            def corrected_emails():
                found = {}
                for message in mailbox.messages()[mails_before:]:
                    body = Mailbox.text(message)
                    for _, new in pairs:
                        if "/c/" + new in body:
                            found[new] = str(message["To"])
                return found if len(found) == len(pairs) else None

            emails = eventually("an email with each corrected certificate", corrected_emails)
            for address in sorted(emails.values()):
                print("emailed: %s" % address, flush=True)
            ok("each learner was emailed the corrected certificate")

            # The template family: every built-in template drawn with the program's branding.
            family = "/console/programs/%s/templates" % args.program
            browser.check_page(family, expect_heading="Certificate templates")
            images = browser.driver.find_elements(By.CSS_SELECTOR, "ul.template-family img")
            drawn = [browser.driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) for image in images]
            if len(images) != 3 or not all(width == 900 for width in drawn):
                raise CheckFailed("the template family shows %d pictures of widths %s" % (len(images), drawn))
            in_use = browser.driver.find_element(By.CSS_SELECTOR, "#template-%s" % args.template).text
            if "IN USE" not in in_use.upper():
                raise CheckFailed("the %s template is not marked in use: %r" % (args.template, in_use))
            ok("the template family shows all three templates drawn (900 px PNGs), the one in use marked; axe passes at 390 px")

            landed = browser.submit("#template-%s form" % args.choose, button="Use the")
            if "saved=" not in landed or "Certificates issued from now on use it" not in browser.text():
                raise CheckFailed("choosing a template ended on %s: %s" % (landed, browser.text()[:300]))
            if "IN USE" not in browser.driver.find_element(By.CSS_SELECTOR, "#template-%s" % args.choose).text.upper():
                raise CheckFailed("the chosen template is not marked in use")
            browser.axe("the template family after saving")
            ok("choosing the %s template saves a new version and says what it means" % args.choose)
    except CheckFailed as failure:
        print("FAILED: %s" % failure, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
