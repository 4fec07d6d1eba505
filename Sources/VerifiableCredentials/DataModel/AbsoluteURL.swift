/// The syntax check behind every "MUST be a URL" of VC 2.0: an absolute IRI (RFC 3987), such as
/// `https://example.org/1`, `did:example:123` or `urn:uuid:…`.
///
/// Only syntax is checked, never reachability. The checks are the ones a JSON-LD processor makes
/// before it accepts an IRI: a scheme (`[A-Za-z][A-Za-z0-9+.-]*`) then `:` then something, and no
/// character that RFC 3987 forbids anywhere in an IRI (space, controls, `<>"{}|\^` and backtick).
/// The W3C suite's "not a URL" cases are exactly these: `https ://…` (space in the scheme) and
/// `fake-issuer` (no scheme).
enum AbsoluteURL {
    /// Whether `text` is an absolute IRI.
    static func isValid(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
            scheme.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "+.-".unicodeScalars.contains($0) })
        else { return false }
        let rest = text[text.index(after: colon)...]
        return !rest.isEmpty && text.unicodeScalars.allSatisfy(isAllowedInIRI)
    }

    /// Whether `text` is a blank node identifier (`_:b0`), which JSON-LD accepts where it wants an IRI.
    static func isBlankNode(_ text: String) -> Bool {
        text.hasPrefix("_:") && text.count > 2 && text.unicodeScalars.allSatisfy(isAllowedInIRI)
    }

    private static func isAllowedInIRI(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x20, 0x7F...0x9F: false
        default: !"<>\"{}|\\^`".unicodeScalars.contains(scalar)
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
