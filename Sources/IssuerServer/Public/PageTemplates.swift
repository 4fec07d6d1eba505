/// The page templates. Each starts with `head`, the styles inline (no external assets): text
/// and banners have a contrast of at least 4.5:1, focus is always visible, and the layout is one
/// column that fits a phone.
enum PageTemplates {
    static let head = "\(headBeforeTitle){{title}}\(headAfterTitle)"

    /// `head` up to the title's text (the verification page's ``VerificationPageHTML`` writes it without Mustache).
    static let headBeforeTitle: StaticString = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>
        """

    /// `head` from the end of the title's text.
    static let headAfterTitle: StaticString = """
        </title>
        <style>
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; color: #1a1a1a; background: #ffffff; }
        main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
        a { color: #0645ad; }
        a:focus, button:focus, input:focus, summary:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 6px #ffbf47; }
        .banner { color: #ffffff; padding: 1rem 1.25rem; border-radius: .5rem; margin: 0 0 1rem; }
        .banner h1 { margin: 0; font-size: 2.5rem; letter-spacing: .05em; line-height: 1.1; }
        .banner p { margin: .25rem 0 0; font-size: 1.1rem; }
        .state-valid { background: #0b6b2f; }
        .state-revoked, .state-invalid { background: #a4161a; }
        .state-suspended { background: #7a4100; }
        .state-expired { background: #4a4a4a; }
        .state-superseded { background: #1f4e8c; }
        dl { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; overflow-wrap: anywhere; }
        .card { border: 1px solid #6b6b6b; border-radius: .5rem; padding: 1rem; margin: 0 0 1rem; }
        .actions a { display: inline-block; margin: 0 1rem .5rem 0; padding: .5rem .75rem; border: 2px solid #0645ad; border-radius: .375rem; text-decoration: none; font-weight: 600; }
        img.preview { max-width: 100%; height: auto; border: 1px solid #6b6b6b; }
        label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
        input[type=text], input[type=file] { font-size: 1.1rem; padding: .5rem; width: 100%; max-width: 22rem; border: 2px solid #4a4a4a; border-radius: .25rem; }
        button { font-size: 1rem; margin-top: .75rem; padding: .5rem 1rem; color: #ffffff; background: #0645ad; border: 0; border-radius: .375rem; cursor: pointer; }
        .hint { color: #4a4a4a; font-size: .95rem; }
        code { overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid #6b6b6b; }
        tr.unmet td { color: #a4161a; font-weight: 700; }
        @media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .5rem; } .banner h1 { font-size: 2rem; } }
        </style>
        """

    static let verifyForm =
        head + """
            </head>
            <body>
            <main>
            <h1>Verify a certificate</h1>
            {{#message}}<p role="alert" class="card"><strong>{{message}}</strong></p>{{/message}}
            <section class="card" aria-labelledby="by-passcode">
            <h2 id="by-passcode">By passcode</h2>
            <form method="get" action="/verify">
            <label for="passcode">Passcode printed on the certificate</label>
            <input type="text" id="passcode" name="passcode" value="{{passcode}}" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" placeholder="XXXXX-XXXXX" aria-describedby="passcode-hint">
            <p class="hint" id="passcode-hint">Ten letters and digits, for example 7K3QD-M9XWA.</p>
            <button type="submit">Look up</button>
            </form>
            </section>
            <section class="card" aria-labelledby="by-file">
            <h2 id="by-file">By file</h2>
            <form method="post" action="/verify" enctype="multipart/form-data">
            <label for="certificate">Certificate file (PDF or JSON)</label>
            <input type="file" id="certificate" name="certificate" accept=".pdf,.json,application/pdf,application/json,application/vc">
            <button type="submit">Verify</button>
            </form>
            </section>
            </main>
            </body>
            </html>
            """

    static let error =
        head + """
            </head>
            <body>
            <main>
            <h1>{{heading}}</h1>
            <p>{{detail}}</p>
            <p><a href="/verify">Verify a certificate</a></p>
            </main>
            </body>
            </html>
            """
}
