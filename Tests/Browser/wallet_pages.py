"""The learner's "add to a wallet" pages in a real browser (issue 21 point 4).

Headless Chromium through selenium: the verification page opened from the learner's own link
shows "Add to a wallet"; following it opens the page with one button; pressing it shows the
one-time links and QR codes; the interaction URL opened by a person (not a wallet) explains what
to do. Every page passes axe-core (WCAG 2.1 A and AA) and does not scroll sideways at 390 px.

    python3 wallet_pages.py --base http://127.0.0.1:PORT --credential ID --claim TOKEN
"""

import argparse
import sys

from selenium.webdriver.common.by import By

from console_browser import CheckFailed, ConsoleBrowser


def ok(what):
    print("ok " + what, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--credential", required=True)
    parser.add_argument("--claim", required=True)
    args = parser.parse_args()
    with ConsoleBrowser(args.base) as browser:
        # The verification page from the learner's own link links to the wallet page.
        browser.check_page("/c/%s?claim=%s" % (args.credential, args.claim))
        links = [a for a in browser.driver.find_elements(By.TAG_NAME, "a") if a.text == "Add to a wallet"]
        if not links:
            raise CheckFailed("the learner's verification page has no 'Add to a wallet' link")
        ok("verification page: Add to a wallet")
        # The wallet page: one button, nothing opened yet.
        browser.check_page("/c/%s/wallet?claim=%s" % (args.credential, args.claim), expect_heading="to a wallet")
        ok("wallet page with its button")
        browser.submit("form", button="Make a wallet link")
        text = browser.text()
        for expected in ["Open in my wallet app", "Add with Learner Credential Wallet"]:
            if expected not in text:
                raise CheckFailed("the page after the button does not offer %r:\n%s" % (expected, text))
        hrefs = [a.get_attribute("href") or "" for a in browser.driver.find_elements(By.TAG_NAME, "a")]
        codes = [c.text for c in browser.driver.find_elements(By.TAG_NAME, "code")]
        interaction = next((c for c in codes if "/interactions/" in c and c.startswith("http")), None)
        if not any(h.startswith("interaction:") for h in hrefs):
            raise CheckFailed("no interaction: link among %s" % hrefs)
        if not any(h.startswith("https://lcw.app/request.html?") for h in hrefs):
            raise CheckFailed("no LCW request link among %s" % hrefs)
        if not browser.driver.find_elements(By.CSS_SELECTOR, "svg, img"):
            raise CheckFailed("the page after the button shows no QR code")
        browser.axe("the wallet links page")
        browser.check_phone_width("the wallet links page", reload=False)
        ok("wallet links page: links and QR code")
        # A person who opens the interaction URL in a browser is told to use a wallet.
        if interaction is None:
            raise CheckFailed("no https interaction URL shown among %s" % codes)
        path = interaction.split("://", 1)[1].split("/", 1)[1]
        browser.check_page("/" + path, expect_heading="Open this with a wallet")
        ok("interaction URL in a browser")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CheckFailed as failure:
        print("FAILED " + str(failure), flush=True)
        sys.exit(1)
