#!/usr/bin/env python3
"""A bulk import in the staff console, in a real browser (issue 18 point 4), run by
Tests/EndToEndTests/ConsoleImportBrowserTests.swift against a real `attest serve`.

Usage: console_import.py --base URL --mail FOLDER --clock FILE --database FILE --program ID
                         --file CSV --hostile NAME=FILE:MESSAGE ... [--admin EMAIL]
The admin signs in through the emailed link and opens the Import page (axe, 390 px). Each hostile
file is uploaded through the form and must be refused with MESSAGE in the error summary (axe on
the error page), changing nothing. Then FILE goes through the dry run (its totals are printed as
"dryrun: VERDICT=N ..."; the database is unchanged), Run (the progress bar is read as it moves,
the page is reloaded mid-run and still shows the job, the bar reaches 100 %), and the summary
(printed as "run: VERDICT=N ..."; axe, 390 px). The CSV of rows not issued is downloaded with the
browser's session and printed as "notissued: LINE,OUTCOME,NAME". Prints "ok: <what>" per check;
exits 1 with the reason at the first check that did not hold.
"""

import argparse
import csv
import io
import sqlite3
import sys
import urllib.request

from console_browser import CheckFailed, ConsoleBrowser, Mailbox, eventually
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

VERDICTS = ["issue", "hold", "reject", "duplicate", "alreadyHeld", "invalid", "other"]
RUN_DEADLINE = 900  # seconds the 2,000-row run may take on a slow debug build


def ok(what):
    print("ok: " + what, flush=True)


def counts(database):
    """What an import could change: completions, learners, credentials, outbox, audit entries."""
    connection = sqlite3.connect("file:%s?mode=ro" % database, uri=True, timeout=30)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        watched = ["completion", "learner", "credential", "credentialDocument", "outboxMessage", "auditEntry", "parkedEvent",
                   "shadowDecision"]
        return {table: connection.execute("SELECT count(*) FROM %s" % table).fetchone()[0] for table in watched if table in tables}
    finally:
        connection.close()


def upload(browser, program, path):
    """Chooses the program and the file on the Import page and presses Check the file."""
    browser.open("/console/import")
    Select(browser.driver.find_element(By.ID, "program")).select_by_value(program)
    browser.driver.find_element(By.ID, "file").send_keys(path)
    return browser.submit('form[action="/console/import"]', button="Check the file")


def totals(browser):
    found = {}
    for verdict in ["rows"] + VERDICTS:
        found[verdict] = int(browser.driver.find_element(By.ID, "total-" + verdict).text)
    return found


def download(browser, path):
    cookie = browser.session_cookie()
    request = urllib.request.Request(browser.base_url + path, headers={"Cookie": "%s=%s" % (cookie["name"], cookie["value"])})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.headers.get("Content-Type"), response.read().decode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--mail", required=True)
    parser.add_argument("--clock", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--program", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--hostile", action="append", default=[])
    parser.add_argument("--admin", default="admin@example.org")
    args = parser.parse_args()
    mailbox = Mailbox(args.mail)
    try:
        with ConsoleBrowser(args.base, mailbox) as browser:
            browser.sign_in(args.admin)
            ok("signed in through the emailed link")
            browser.check_page("/console/import", expect_heading="Import completions")
            ok("the Import page passes axe at 390 px")

            before = counts(args.database)
            for hostile in args.hostile:
                name, rest = hostile.split("=", 1)
                path, message = rest.split(":", 1)
                upload(browser, args.program, path)
                summary = browser.driver.find_elements(By.CSS_SELECTOR, ".error-summary")
                text = summary[0].text if summary else browser.text()[:500]
                if message not in text or "Nothing was changed" not in text:
                    raise CheckFailed("the %s upload was not refused with %r: %s" % (name, message, text))
                browser.axe("the Import page refusing the %s upload" % name)
                ok("the %s upload is refused: %s" % (name, message))
            if counts(args.database) != before:
                raise CheckFailed("a hostile upload changed the store: %s → %s" % (before, counts(args.database)))
            ok("the hostile uploads changed nothing")

            job = upload(browser, args.program, args.file)
            if not job.startswith("/console/import/"):
                raise CheckFailed("checking the file ended on %s: %s" % (job, browser.text()[:400]))
            if "This is a dry run" not in browser.text():
                raise CheckFailed("the dry run page does not say so: %s" % browser.text()[:400])
            dry = totals(browser)
            print("dryrun: " + " ".join("%s=%d" % item for item in dry.items()), flush=True)
            browser.axe("the dry run")
            browser.check_phone_width("the dry run")
            after_dry_run = counts(args.database)
            if after_dry_run != before:
                raise CheckFailed("the dry run changed the store: %s → %s" % (before, after_dry_run))
            ok("the dry run shows the totals and changes nothing %s; axe passes at 390 px" % after_dry_run)

            mails_before = mailbox.count()
            landed = browser.submit('form[action="%s/run"]' % job, button="Run the import")
            if landed != job:
                raise CheckFailed("running ended on %s" % landed)

            seen = []
            reloaded = []

            def progress():
                # Read in one script: the page replaces the bar as it polls, so an element found in one
                # call can be gone by the next (a StaleElementReferenceException, seen in CI).
                return browser.driver.execute_script(
                    "const b = document.getElementById('import-progress'); return b ? [b.value, b.max] : null;")

            def finished():
                bar = progress()
                if bar:
                    value, maximum = int(float(bar[0])), int(float(bar[1]))
                    if not seen or seen[-1] != (value, maximum):
                        seen.append((value, maximum))
                    if not reloaded and 0 < value < maximum:
                        # Reload in the middle of the run: the job is kept on the server.
                        browser.driver.refresh()
                        eventually("the reloaded page", lambda: browser.driver.execute_script("return document.readyState") == "complete")
                        again = progress()
                        if again:
                            reloaded.append(int(float(again[0])))
                        elif "The import is finished" not in browser.text():
                            raise CheckFailed("after a reload mid-run the job is gone: %s" % browser.text()[:400])
                        else:
                            reloaded.append(maximum)
                        if reloaded[0] < value:
                            raise CheckFailed("after a reload the progress went back from %d to %d" % (value, reloaded[0]))
                    return False
                return "The import is finished" in browser.text()

            eventually("the import to finish", finished, deadline=RUN_DEADLINE)
            values = [value for value, _ in seen]
            if any(later < earlier for earlier, later in zip(values, values[1:])):
                raise CheckFailed("the progress went backwards: %s" % seen)
            intermediate = [value for value, maximum in seen if 0 < value < maximum]
            if not intermediate:
                raise CheckFailed("no intermediate progress was seen: %s" % seen)
            if not reloaded:
                raise CheckFailed("the page was not reloaded mid-run: %s" % seen)
            ok("the progress bar moved (%d readings, e.g. %s) and the job survived a reload mid-run at %d"
               % (len(seen), intermediate[: 3], reloaded[0]))
            json_type, progress = download(browser, job + "/progress")
            if '"percent":100' not in progress or '"state":"finished"' not in progress:
                raise CheckFailed("the progress endpoint says %s" % progress)
            ok("the progress reaches 100 %%: %s" % progress)

            run = totals(browser)
            print("run: " + " ".join("%s=%d" % item for item in run.items()), flush=True)
            browser.axe("the import summary")
            browser.check_phone_width("the import summary")
            ok("the summary shows the totals; axe passes at 390 px")

            link = browser.driver.find_element(By.CSS_SELECTOR, 'a[href="%s/not-issued.csv"]' % job)
            content_type, text = download(browser, link.get_attribute("pathname"))
            if not content_type.startswith("text/csv"):
                raise CheckFailed("the not-issued CSV came as %s" % content_type)
            rows = list(csv.reader(io.StringIO(text)))
            if rows[0] != ["line", "learner_id", "email", "legal_name", "outcome", "reasons"]:
                raise CheckFailed("the not-issued CSV header is %s" % rows[0])
            for row in rows[1:]:
                print("notissued: %s,%s,%s" % (row[0], row[4], row[3]), flush=True)
            ok("the CSV of %d rows not issued downloads" % (len(rows) - 1))

            eventually("an email for an imported learner", lambda: mailbox.count() > mails_before)
            ok("imported learners are emailed")
    except CheckFailed as failure:
        print("FAILED: %s" % failure, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
