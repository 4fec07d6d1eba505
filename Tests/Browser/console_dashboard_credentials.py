#!/usr/bin/env python3
"""The staff console's Dashboard and Credentials pages in a real browser (issue 17 points 5, 8, 11),
run by Tests/EndToEndTests/ConsoleDashboardCredentialsBrowserTests.swift against a real `attest serve`.

Usage: console_dashboard_credentials.py --base URL --mail FOLDER --clock FILE [--downloads FOLDER] [--link URL | --admin ADDRESS]
With --link the browser signs in through that link (`attest staff add --print-link`), else through
the link emailed to --admin.
Prints "ok: <what>" for each check that held and "found: <name> <value>" for what the Swift test
checks afterwards (the CSV against `attest credentials list`, the ZIP with unzip); exits 1 with the
reason at the first check that did not hold.
"""

import argparse
import os
import re
import sys
import urllib.request
import zipfile

from console_browser import CheckFailed, ConsoleBrowser, Mailbox, eventually
from console_checks import advance_clock
from selenium.webdriver.common.by import By


def ok(what):
    print("ok: " + what, flush=True)


def found(name, value):
    print("found: %s %s" % (name, value), flush=True)


def download(browser, path, to):
    """GETs `path` with the browser's session cookie, as the browser's download would; saves it to `to`."""
    cookie = browser.session_cookie()
    if cookie is None:
        raise CheckFailed("no session cookie to download %s with" % path)
    request = urllib.request.Request(browser.base_url + path, headers={"Cookie": "%s=%s" % (cookie["name"], cookie["value"])})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200:
            raise CheckFailed("%s answered %d" % (path, response.status))
        disposition = response.headers.get("Content-Disposition", "")
        data = response.read()
    with open(to, "wb") as file:
        file.write(data)
    return disposition


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--mail", required=True)
    parser.add_argument("--clock", required=True)
    parser.add_argument("--downloads", default="/tmp")
    parser.add_argument("--admin", default="admin@example.org")
    parser.add_argument("--link")
    args = parser.parse_args()
    try:
        with ConsoleBrowser(args.base, Mailbox(args.mail)) as browser:
            if args.link:
                browser.open(args.link)
                landed = browser.submit('form[action="/console/sign-in"]', button="Continue")
                if not landed.startswith("/console/"):
                    raise CheckFailed("signing in through the printed link ended on %s" % landed)
                ok("signed in through the link attest staff add printed")
            else:
                browser.sign_in(args.admin)
                ok("signed in through the emailed link")

            # A minute passes (the server's clock is the --clock file): what was issued "now" is in the past.
            advance_clock(args.clock, 60)
            browser.check_page("/console/dashboard", expect_heading="Dashboard")
            table = browser.driver.find_element(By.ID, "monitoring")
            rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
            if len(rows) != 12:
                raise CheckFailed("the monitoring table has %d rows, not 12" % len(rows))
            text = browser.text()
            for words in ["Issuance error rate", "Learner claim rate", "Delivery failures", "Events for courses or programs not set up",
                          "Events held for disabled programs", "Events held for invalid learner data", "< 1 %"]:
                if words not in text:
                    raise CheckFailed("the dashboard does not say %r" % words)
            bars = browser.driver.find_elements(By.CSS_SELECTOR, "svg#chart-issued rect.chart-bar")
            if len(bars) != 30 or sum(int(b.get_attribute("data-value")) for b in bars) != 3:
                raise CheckFailed("the issued-per-day chart has %d bars adding to the wrong total" % len(bars))
            ok("dashboard: axe passes, no sideways scroll at 390 px, twelve figures with targets, 3 issued in the chart")

            browser.check_page("/console/credentials", expect_heading="Credentials")
            if "3 credentials match." not in browser.text():
                raise CheckFailed("the list does not count 3 credentials: %s" % browser.text()[:400])
            ok("credentials: axe passes and no sideways scroll at 390 px")

            # The filter form is a GET: choosing a state and submitting puts it in the URL.
            form = browser.driver.find_element(By.CSS_SELECTOR, "form.filters")
            form.find_element(By.CSS_SELECTOR, 'select[name="state"] option[value="active"]').click()
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            # The click returns before the next page has loaded: wait for the URL to change.
            landed = eventually("the filtered list's URL", lambda: browser.path() if "state=active" in browser.path() else None)
            browser.check_page(landed, expect_heading="Credentials")
            if "2 credentials match these filters." not in browser.text():
                raise CheckFailed("filtering by active does not give 2: %s" % browser.text()[:400])
            ok("filtered to active in a bookmarkable URL %s" % landed)

            links = [a.get_attribute("href") for a in browser.driver.find_elements(By.CSS_SELECTOR, "table#credentials a")]
            public = [href for href in links if re.search(r"/c/[A-Za-z0-9]+$", href or "")]
            if len(public) != 2:
                raise CheckFailed("the rows do not each link to a public page: %s" % links)
            browser.open(public[0])
            if "VALID" not in browser.text():
                raise CheckFailed("a row's link did not open its public page: %s" % browser.path())
            ok("each row links to its public page")

            query = landed.split("?", 1)[1]
            csv_path = os.path.join(args.downloads, "credentials.csv")
            disposition = download(browser, "/console/credentials/export.csv?" + query, csv_path)
            if "credentials.csv" not in disposition:
                raise CheckFailed("the CSV is not offered as a file: %r" % disposition)
            found("csv", csv_path)
            zip_path = os.path.join(args.downloads, "credentials.zip")
            download(browser, "/console/credentials/export.zip?" + query, zip_path)
            with zipfile.ZipFile(zip_path) as archive:
                if archive.testzip() is not None:
                    raise CheckFailed("a file in the ZIP is damaged")
                pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
                if len(pdfs) != 2 or any(not archive.read(name).startswith(b"%PDF-") for name in pdfs):
                    raise CheckFailed("the ZIP does not hold the two PDFs: %s" % archive.namelist())
            found("zip", zip_path)
            ok("exports: CSV and a ZIP of the PDFs (Python zipfile reads it)")
    except CheckFailed as failure:
        print("FAILED: %s" % failure, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
