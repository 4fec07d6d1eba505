extension EmailTemplates {
    /// The built-in certificate email: short, one clear action, readable on a phone (single
    /// column, 16 px text, no images) and by a screen reader (`lang`, one `h1`, real link texts,
    /// contrast above 7:1).
    public static let `default` = EmailTemplates(
        subject: "{{#isReissue}}Your updated certificate{{/isReissue}}{{^isReissue}}Your certificate{{/isReissue}}: {{course}}",
        text: """
            Dear {{learnerName}},

            Congratulations on completing {{course}}{{#score}} with a score of {{score}}{{/score}}.
            {{#isReissue}}This is an updated version of your certificate; the previous one is no longer valid.
            {{/isReissue}}
            {{#hasAttachment}}Your certificate is attached as a PDF.{{/hasAttachment}} Anyone can check it at:
            {{verificationURL}}
            Passcode: {{passcode}}
            {{#hasAttachment}}
            Download the PDF again at any time:
            {{pdfURL}}
            {{/hasAttachment}}

            Add it to your LinkedIn profile:
            {{linkedInURL}}

            All your certificates, to download again at any time (we email you a link):
            {{learnerPortalURL}}
            {{#walletURL}}

            Keep a copy tied to you in a digital wallet app (such as the Learner Credential Wallet):
            {{walletURL}}
            {{/walletURL}}

            {{#instructor}}Instructor: {{instructor}}
            {{/instructor}}{{#cohort}}Cohort: {{cohort}}
            {{/cohort}}Issued on {{issuedOn}}{{#validUntil}}, valid until {{validUntil}}{{/validUntil}}.

            {{issuer}}

            """,
        html: """
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Your certificate: {{course}}</title>
            </head>
            <body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">
            <main style="max-width:600px;margin:0 auto;padding:24px 16px;">
            <h1 style="font-size:24px;line-height:1.3;margin:0 0 16px;">Congratulations, {{learnerName}}</h1>
            <p>You have completed <strong>{{course}}</strong>{{#score}} with a score of {{score}}{{/score}}.</p>
            {{#isReissue}}<p>This is an updated version of your certificate; the previous one is no longer valid.</p>{{/isReissue}}
            {{#hasAttachment}}<p>Your certificate is attached to this email as a PDF.</p>{{/hasAttachment}}
            <p><a href="{{verificationURL}}" style="display:inline-block;background:#0b3d91;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold;">View and verify your certificate</a></p>
            <p>Passcode: <strong>{{passcode}}</strong></p>
            {{#hasAttachment}}<p><a href="{{pdfURL}}" style="color:#0b3d91;">Download your certificate as a PDF</a></p>{{/hasAttachment}}
            <p><a href="{{linkedInURL}}" style="color:#0b3d91;">Add this certificate to your LinkedIn profile</a></p>
            <p><a href="{{learnerPortalURL}}" style="color:#0b3d91;">All your certificates, to download again at any time</a></p>
            {{#walletURL}}<p><a href="{{walletURL}}" style="color:#0b3d91;">Add this certificate to a digital wallet app</a></p>{{/walletURL}}
            {{#walletQRImage}}<p><img src="{{walletQRImage}}" width="196" height="196" alt="QR code: scan it with a wallet app to add this certificate"></p>{{/walletQRImage}}
            <h2 style="font-size:18px;margin:24px 0 8px;">Details</h2>
            <dl style="margin:0;">
            <dt style="font-weight:bold;">Course</dt><dd style="margin:0 0 8px;">{{course}}</dd>
            {{#instructor}}<dt style="font-weight:bold;">Instructor</dt><dd style="margin:0 0 8px;">{{instructor}}</dd>{{/instructor}}
            {{#cohort}}<dt style="font-weight:bold;">Cohort</dt><dd style="margin:0 0 8px;">{{cohort}}</dd>{{/cohort}}
            <dt style="font-weight:bold;">Issued on</dt><dd style="margin:0 0 8px;">{{issuedOn}}</dd>
            {{#validUntil}}<dt style="font-weight:bold;">Valid until</dt><dd style="margin:0 0 8px;">{{validUntil}}</dd>{{/validUntil}}
            </dl>
            <p style="margin-top:24px;">{{issuer}}</p>
            </main>
            </body>
            </html>

            """)
}
