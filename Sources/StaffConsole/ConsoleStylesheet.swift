/// The console's one stylesheet, served at `/console/assets/console.css`, in the issuer's colours.
///
/// GOV.UK-like: plain type, visible focus (a yellow outline), 44 px touch targets, tables that
/// become stacked rows below 640 px (each cell labelled by its `data-label`), nothing wider than
/// the screen at 390 px.
enum ConsoleStylesheet {
    /// The stylesheet with `brand` as the header colour and `accent` for links.
    static func css(brand: String, accent: String) -> String {
        """
        :root { --brand: \(brand); --accent: \(accent); --text: #0b0c0c; --muted: #505a5f; --border: #b1b4b6; --focus: #ffdd00; --error: #d4351c; --ok: #00703c; }
        *, *::before, *::after { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 100%; line-height: 1.45; color: var(--text); background: #f3f2f1; -webkit-text-size-adjust: 100%; }
        body { margin: 0; overflow-wrap: anywhere; }
        a { color: var(--accent); text-underline-offset: 0.15em; }
        a:visited { color: #4c2c92; }
        a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus, [tabindex]:focus { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 4px 0 var(--text); }
        .skip-link { position: absolute; left: -9999px; top: 0; padding: 0.75rem; background: var(--focus); color: var(--text); z-index: 10; }
        .skip-link:focus { left: 0; }
        .visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: 0; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); border: 0; white-space: nowrap; }
        .console-header { background: var(--brand); color: #fff; }
        .console-header a, .console-header a:visited, .console-header .link-button { color: #fff; }
        .console-header__inner { max-width: 72rem; margin: 0 auto; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; }
        .console-header__issuer { font-weight: 700; font-size: 1.2rem; text-decoration: none; min-height: 44px; display: inline-flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
        .console-header__product { font-weight: 400; font-size: 1rem; }
        .console-header__person { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
        .console-header__person a { min-height: 44px; display: inline-flex; align-items: center; }
        .console-header__role { opacity: 0.9; }
        .console-nav { background: #fff; border-bottom: 1px solid var(--border); }
        .console-nav ul { max-width: 72rem; margin: 0 auto; padding: 0 1rem; list-style: none; display: flex; flex-wrap: wrap; gap: 0 0.25rem; }
        .console-nav a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 0.6rem; text-decoration: none; font-weight: 600; border-bottom: 4px solid transparent; color: var(--accent); }
        .console-nav a[aria-current="page"] { border-bottom-color: var(--brand); color: var(--text); }
        .count { display: inline-block; margin-left: 0.3rem; padding: 0 0.45rem; border-radius: 1rem; background: var(--brand); color: #fff; font-size: 0.85rem; }
        .console-main { display: block; max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; background: #fff; min-height: 60vh; }
        .console-main:focus { outline: none; box-shadow: none; }
        .console-footer { max-width: 72rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: 0.9rem; }
        h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1.5rem; }
        h2 { font-size: 1.5rem; margin: 2rem 0 1rem; }
        .caption { display: block; color: var(--muted); font-size: 1.1rem; margin-bottom: 0.25rem; }
        p, ul, ol { max-width: 42rem; }
        .hint { color: var(--muted); margin: 0 0 0.5rem; }
        label, legend { display: block; font-weight: 700; margin-bottom: 0.3rem; }
        .field { margin-bottom: 1.5rem; }
        .field--checkbox { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
        .field--checkbox input[type="checkbox"] { width: 2rem; height: 2rem; margin: 0; }
        .field--checkbox label { display: inline; margin: 0; }
        .field--checkbox .hint { flex-basis: 100%; }
        .field--error { border-left: 5px solid var(--error); padding-left: 0.75rem; }
        .field-error { color: var(--error); font-weight: 700; margin: 0 0 0.3rem; }
        input[type="text"], input[type="email"], input[type="search"], input[type="date"], input[type="number"], select, textarea { font: inherit; width: 100%; max-width: 30rem; min-height: 44px; padding: 0.4rem; border: 2px solid var(--text); border-radius: 0; background: #fff; }
        input.input--code { max-width: 10rem; letter-spacing: 0.1em; }
        textarea { min-height: 6rem; }
        button, .button { font: inherit; font-weight: 600; display: inline-flex; align-items: center; justify-content: center; min-height: 44px; padding: 0.4rem 1rem; border: 0; border-radius: 0; background: var(--ok); color: #fff; box-shadow: 0 2px 0 #002d18; cursor: pointer; text-decoration: none; }
        .button:visited { color: #fff; }
        .button--secondary { background: #f3f2f1; color: var(--text); box-shadow: 0 2px 0 #929191; }
        .button--secondary:visited { color: var(--text); }
        .button--warning { background: var(--error); box-shadow: 0 2px 0 #55150b; }
        .link-button { background: none; border: 0; box-shadow: none; padding: 0; min-height: 44px; color: var(--accent); text-decoration: underline; font-weight: 400; }
        .inline-form { display: inline; margin: 0; }
        .button-group { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1.5rem 0; }
        .error-summary { border: 5px solid var(--error); padding: 1rem; margin-bottom: 1.5rem; }
        .error-summary h2 { margin-top: 0; font-size: 1.3rem; }
        .error-summary a { color: var(--error); font-weight: 700; }
        .notice { border-left: 5px solid var(--accent); background: #f3f2f1; padding: 0.75rem 1rem; margin-bottom: 1.5rem; }
        .notice--success { border-left-color: var(--ok); }
        .tag { display: inline-block; padding: 0.1rem 0.5rem; font-weight: 700; font-size: 0.9rem; letter-spacing: 0.03em; text-transform: uppercase; background: #d2e2f1; color: #0c2d4a; }
        .tag--valid { background: #cce2d8; color: #005a30; }
        .tag--revoked, .tag--error { background: #f6d7d2; color: #942514; }
        .tag--suspended, .tag--held, .tag--warning { background: #fff7bf; color: #594d00; }
        .tag--grey { background: #eeefef; color: #383f43; }
        .monospace, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.95em; }
        .filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; margin-bottom: 1rem; }
        .filters .field { margin-bottom: 1rem; flex: 1 1 12rem; min-width: 0; }
        table { width: 100%; border-collapse: collapse; margin-bottom: 1.5rem; }
        caption { text-align: left; font-weight: 700; font-size: 1.2rem; margin-bottom: 0.5rem; }
        th, td { text-align: left; vertical-align: top; padding: 0.6rem 0.8rem 0.6rem 0; border-bottom: 1px solid var(--border); }
        th { font-weight: 700; }
        td.numeric, th.numeric { text-align: right; font-variant-numeric: tabular-nums; }
        dl.summary { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: 0; margin: 0 0 1.5rem; }
        dl.summary dt, dl.summary dd { padding: 0.5rem 0; border-bottom: 1px solid var(--border); margin: 0; }
        dl.summary dt { font-weight: 700; padding-right: 1rem; }
        .pagination { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0; }
        .pagination a { display: inline-flex; align-items: center; min-height: 44px; }
        svg.chart { max-width: 100%; height: auto; }
        fieldset { border: 0; padding: 0; margin: 0 0 2rem; min-width: 0; }
        fieldset > legend { font-size: 1.4rem; margin-bottom: 1rem; }
        fieldset.radios > legend { font-size: 1rem; margin-bottom: 0.3rem; }
        .field--radio { display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: center; margin-bottom: 0.5rem; }
        .field--radio input[type="radio"] { width: 1.75rem; height: 1.75rem; margin: 0; }
        .field--radio label { display: inline; margin: 0; }
        .field--radio .hint { flex-basis: 100%; padding-left: 2.25rem; }
        input[type="file"] { font: inherit; max-width: 100%; min-height: 44px; }
        img.preview-image { display: block; max-width: 100%; height: auto; border: 1px solid var(--border); margin-bottom: 1rem; }
        img.image-thumbnail { max-width: 8rem; max-height: 4rem; vertical-align: middle; }
        pre.email-preview { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f2f1; padding: 0.75rem; max-width: 42rem; }
        @media (max-width: 40rem) {
          h1 { font-size: 1.6rem; }
          table.responsive thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          table.responsive, table.responsive tbody, table.responsive tr, table.responsive td, table.responsive th { display: block; width: 100%; }
          table.responsive tr { border-bottom: 2px solid var(--border); padding: 0.5rem 0; }
          table.responsive td, table.responsive tbody th { border: 0; padding: 0.2rem 0; text-align: left; }
          table.responsive td[data-label]::before, table.responsive tbody th[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
          dl.summary { grid-template-columns: 1fr; }
          dl.summary dt { border-bottom: 0; padding-bottom: 0; }
        }

        """
    }
}
