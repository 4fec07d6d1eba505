import CertificateRendering
import Foundation
import IssuerCore
import Pages
import VerifiableCredentials

/// The pages a person sees on the way into a wallet: the interaction URL opened in a browser, and
/// the "add to a wallet" page with its QR codes and links. Same head and styles as the public
/// pages; every value escaped with ``HTMLEscaping``; no JavaScript.
enum WalletPages {
    /// What a wallet needs to take one credential: a VC-API exchange and a DCC request link.
    struct Offer {
        let credentialName: String
        let vcapi: WalletExchangeLinks
        let request: WalletExchangeLinks
        let requestChallenge: String
        let issuerDID: String
        let expiresAt: Date
    }

    /// `GET /interactions/{id}` in a browser: what the link is, and to open it in a wallet.
    static func interactionPage(issuerName: String, links: WalletExchangeLinks, expiresAt: Date, usable: Bool) -> String {
        let body: String
        if usable {
            body = """
                <p>This is a link for a digital wallet app. Scan the code with your wallet, or open the link on the phone where the wallet is installed.</p>
                <figure>\(qr(links.interactionURL, label: "QR code of the wallet link"))</figure>
                <ul class="actions">
                <li><a href="\(escape(links.interactionSchemeURL))">Open in my wallet app</a></li>
                </ul>
                <p class="hint">The link works once, until \(escape(time(expiresAt))). Wallet link: <code>\(escape(links.interactionURL))</code></p>
                """
        } else {
            body = """
                <p role="alert" class="card"><strong>This wallet link has been used or has expired.</strong> Open the certificate's page again to make a new one.</p>
                """
        }
        return page(
            title: "Open with a wallet — \(issuerName)",
            main: "<h1>Open this with a wallet</h1>\n\(body)")
    }

    /// The "add to a wallet" page: a QR code and link for VC-API wallets, the Learner Credential
    /// Wallet's request link, and what to do.
    static func offerPage(issuerName: String, offer: Offer) -> String {
        let lcw = offer.request.lcwRequestLink(issuerDID: offer.issuerDID, challenge: offer.requestChallenge)
        let dcc = offer.request.dccRequestLink(issuerDID: offer.issuerDID, challenge: offer.requestChallenge)
        let main = """
            <h1>Add “\(escape(offer.credentialName))” to a wallet</h1>
            <p>A wallet app keeps a copy of your certificate that is tied to you, so you can show it without this website. \
            Revoking or suspending the certificate also applies to the copy in your wallet.</p>
            <section class="card" aria-labelledby="scan">
            <h2 id="scan">Scan with your wallet</h2>
            <figure>\(qr(offer.vcapi.interactionURL, label: "QR code to add the certificate to a wallet"))</figure>
            <ul class="actions">
            <li><a href="\(escape(offer.vcapi.interactionSchemeURL))">Open in my wallet app</a></li>
            </ul>
            <p class="hint">Wallet link: <code>\(escape(offer.vcapi.interactionURL))</code></p>
            </section>
            <section class="card" aria-labelledby="lcw">
            <h2 id="lcw">Learner Credential Wallet</h2>
            <ul class="actions">
            <li><a href="\(escape(lcw))">Add with Learner Credential Wallet</a></li>
            <li><a href="\(escape(dcc))">Open the installed app</a></li>
            </ul>
            <figure>\(qr(dcc, label: "QR code for the Learner Credential Wallet app"))</figure>
            </section>
            <p class="hint">These links work once each, until \(escape(time(offer.expiresAt))). Do not share them: \
            whoever opens one first receives the copy.</p>
            """
        return page(title: "Add to a wallet — \(issuerName)", main: main)
    }

    /// The page before an offer is made: one button, so that a link scanner opening the email's
    /// link makes no offers.
    static func startPage(issuerName: String, credentialName: String, formAction: String) -> String {
        let main = """
            <h1>Add “\(escape(credentialName))” to a wallet</h1>
            <p>Make a one-time link for a digital wallet app (for example the Learner Credential Wallet). It works for 30 minutes.</p>
            <form method="post" action="\(escape(formAction))"><button type="submit">Make a wallet link</button></form>
            """
        return page(title: "Add to a wallet — \(issuerName)", main: main)
    }

    /// The "add to a wallet" section of the learner's own verification page: a link to the wallet
    /// page (which makes the one-time QR codes) and a QR code of that link, to open it on a phone.
    static func verificationPageSection(walletPageLink: String, baseURL: String) -> String {
        """
        <section class="card" aria-labelledby="wallet">
        <h2 id="wallet">Add to a wallet</h2>
        <p>Keep a copy of this certificate, tied to you, in a digital wallet app such as the Learner Credential Wallet.</p>
        <ul class="actions"><li><a href="\(escape(walletPageLink))">Add to a wallet</a></li></ul>
        <figure>\(qr(baseURL + walletPageLink, label: "QR code to open the wallet page on your phone"))</figure>
        </section>

        """
    }

    static func page(title: String, main: String) -> String {
        "\(PageTemplates.headBeforeTitle)\(escape(title))\(PageTemplates.headAfterTitle)\n</head>\n<body>\n<main>\n\(main)\n</main>\n</body>\n</html>\n"
    }

    /// An inline SVG QR code of `text`, or the text itself if it cannot be encoded.
    static func qr(_ text: String, label: String) -> String {
        guard let code = try? QRCode(encoding: text, errorCorrection: .medium) else { return "<code>\(escape(text))</code>" }
        return code.svg(escapedLabel: escape(label), pixelsPerModule: 5)
    }

    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    static func time(_ date: Date) -> String {
        DateTimeStamp.format(date).prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
