import Foundation

/// Accessibility spot checks on a page's HTML as the browser left it: labelled form controls and
/// the WCAG 2 contrast of the verdict banner, read from the page's own stylesheet.
enum PageChecks {
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// The `X` of the banner's `state-X` class, e.g. `valid`.
    static func bannerState(in html: String) -> String? {
        firstMatch(#"class="banner state-([a-z]+)""#, in: html)?[1]
    }

    /// Every `X` that has a `.state-X` rule with a background in the page's CSS.
    static func bannerStates(css html: String) -> [String] {
        rules(in: html).filter { $0.declarations["background"] ?? $0.declarations["background-color"] != nil }
            .flatMap(\.selectors).compactMap { selector in
                selector.hasPrefix(".state-") ? String(selector.dropFirst(".state-".count)) : nil
            }
    }

    /// The contrast ratio (1…21) of the `.banner` text colour on the `.state-X` background.
    static func bannerContrast(state: String, css html: String) throws -> Double {
        let rules = rules(in: html)
        guard let text = rules.last(where: { $0.selectors.contains(".banner") })?.declarations["color"] else {
            throw Unreadable(description: "no .banner { color } in the page's CSS")
        }
        guard
            let background = rules.last(where: { $0.selectors.contains(".state-\(state)") }).flatMap({
                $0.declarations["background"] ?? $0.declarations["background-color"]
            })
        else { throw Unreadable(description: "no .state-\(state) { background } in the page's CSS") }
        return try contrastRatio(text, background)
    }

    /// The colour of `.banner` text in the page's CSS.
    static func bannerTextColour(css html: String) -> String? {
        rules(in: html).last(where: { $0.selectors.contains(".banner") })?.declarations["color"]
    }

    /// The WCAG 2 contrast ratio (1…21) of two colours.
    static func contrastRatio(_ first: String, _ second: String) throws -> Double {
        let (lighter, darker) = try [luminance(first), luminance(second)].sorted(by: >).pair
        return (lighter + 0.05) / (darker + 0.05)
    }

    /// Inputs, selects and textareas a screen reader would announce with no name (no `<label for>`,
    /// no `aria-label`, no `aria-labelledby`), and buttons with no text.
    static func unlabelledControls(in html: String) -> [String] {
        let labelled = Set(allMatches(#"<label[^>]*\bfor="([^"]+)""#, in: html).map { $0[1] })
        var missing: [String] = []
        for match in allMatches(#"<(input|select|textarea)\b[^>]*>"#, in: html) {
            let tag = match[0]
            if let type = firstMatch(#"\btype="([^"]+)""#, in: tag)?[1], ["hidden", "submit", "button"].contains(type) { continue }
            if tag.contains("aria-label=") || tag.contains("aria-labelledby=") { continue }
            if let id = firstMatch(#"\bid="([^"]+)""#, in: tag)?[1], labelled.contains(id) { continue }
            missing.append(tag)
        }
        for match in allMatches(#"<button\b([^>]*)>(.*?)</button>"#, in: html) {
            let text = match[2].replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !match[1].contains("aria-label") { missing.append(match[0]) }
        }
        return missing
    }

    /// WCAG 2 relative luminance of a `#rgb` or `#rrggbb` colour.
    static func luminance(_ colour: String) throws -> Double {
        var hex = colour.trimmingCharacters(in: .whitespaces).lowercased()
        if hex == "white" { hex = "#ffffff" } else if hex == "black" { hex = "#000000" }
        guard hex.hasPrefix("#") else { throw Unreadable(description: "not a hex colour: \(colour)") }
        hex.removeFirst()
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, let value = Int(hex, radix: 16) else { throw Unreadable(description: "not a hex colour: \(colour)") }
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { component -> Double in
            let c = Double(component) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    private struct Rule {
        let selectors: [String]
        let declarations: [String: String]
    }

    /// The top-level rules of every `<style>` element (media queries skipped: the default layout is checked).
    private static func rules(in html: String) -> [Rule] {
        let sheets = allMatches(#"<style[^>]*>([\s\S]*?)</style>"#, in: html).map { $0[1] }.joined(separator: "\n")
        let withoutComments = sheets.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: "", options: .regularExpression)
        let withoutMedia = withoutComments.replacingOccurrences(
            of: #"@media[^{]*\{([^{}]*\{[^{}]*\})*[^{}]*\}"#, with: "", options: .regularExpression)
        return allMatches(#"([^{}]+)\{([^{}]*)\}"#, in: withoutMedia).map { match in
            let selectors = match[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            var declarations: [String: String] = [:]
            for declaration in match[2].split(separator: ";") {
                let parts = declaration.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                declarations[parts[0].trimmingCharacters(in: .whitespacesAndNewlines)] = parts[1].trimmingCharacters(
                    in: .whitespacesAndNewlines)
            }
            return Rule(selectors: selectors, declarations: declarations)
        }
    }

    private static func firstMatch(_ pattern: String, in text: String) -> [String]? {
        allMatches(pattern, in: text).first
    }

    /// Each match: the whole match, then its capture groups.
    private static func allMatches(_ pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }
}

extension Array where Element == Double {
    fileprivate var pair: (Double, Double) { (self[0], self[1]) }
}
