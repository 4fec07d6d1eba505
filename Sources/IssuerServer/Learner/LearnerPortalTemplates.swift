/// The learner portal's pages, in the style of ``PageTemplates`` (same head, inline styles, one
/// column, visible focus, contrast ≥ 4.5:1). Every value goes through `{{…}}` and is escaped.
enum LearnerPortalTemplates {
    /// Pages that carry a token must not be indexed or cached by anyone.
    static let head =
        PageTemplates.head + """
            <meta name="robots" content="noindex, nofollow">
            <style>input[type=email] { font-size: 1.1rem; padding: .5rem; width: 100%; max-width: 22rem; border: 2px solid #4a4a4a; border-radius: .25rem; }</style>
            """

    static let login =
        head + """
            </head>
            <body>
            <main>
            <h1>Your certificates</h1>
            {{#message}}<p role="alert" class="card"><strong>{{message}}</strong></p>{{/message}}
            <section class="card" aria-labelledby="by-email">
            <h2 id="by-email">Get a link by email</h2>
            <form method="post" action="/learner/login">
            <label for="email">Email address your certificates were sent to</label>
            <input type="email" id="email" name="email" value="{{email}}" autocomplete="email" required maxlength="320" aria-describedby="email-hint">
            <p class="hint" id="email-hint">We email you a link to a page with all your certificates. The link works for 1 hour.</p>
            <button type="submit">Email me a link</button>
            </form>
            </section>
            <p class="hint"><a href="/verify">Verify a certificate</a></p>
            </main>
            </body>
            </html>
            """

    static let sent =
        head + """
            </head>
            <body>
            <main>
            <h1>Check your email</h1>
            <p role="status" class="card">{{message}}</p>
            <p class="hint">Nothing arrived? Check the spam folder, or <a href="/learner/login">ask again</a> in a few minutes.</p>
            </main>
            </body>
            </html>
            """

    static let portal =
        head + """
            </head>
            <body>
            <main>
            <h1>Your certificates</h1>
            <p>Certificates issued by {{issuerName}} to <strong>{{email}}</strong>. This page works until {{expiresAt}}.</p>
            {{^hasCredentials}}<p class="card">There are no certificates for this address yet.</p>{{/hasCredentials}}
            {{#credentials}}<section class="card" aria-labelledby="credential-{{id}}">
            <h2 id="credential-{{id}}">{{name}}</h2>
            <dl>
            <dt>Status</dt><dd>{{stateText}}</dd>
            <dt>Issued</dt><dd>{{issuedOn}}</dd>
            {{#validUntil}}<dt>Valid until</dt><dd>{{validUntil}}</dd>{{/validUntil}}
            <dt>Certificate id</dt><dd><code>{{id}}</code></dd>
            </dl>
            <nav class="actions" aria-label="Downloads for {{name}}">
            {{#hasPDF}}<a href="/learner/{{token}}/{{id}}.pdf">Download the PDF</a>{{/hasPDF}}
            <a href="/learner/{{token}}/{{id}}.json">Download the credential (JSON)</a>
            <a href="/c/{{id}}">Open the verification page</a>
            {{#walletLink}}<a href="{{walletLink}}">Add to a wallet</a>{{/walletLink}}
            </nav>
            </section>{{/credentials}}
            <form method="post" action="/learner/{{token}}/sign-out">
            <button type="submit">Sign out (this link stops working)</button>
            </form>
            </main>
            </body>
            </html>
            """
}
