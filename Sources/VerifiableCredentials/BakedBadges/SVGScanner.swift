/// Walks an SVG document's markup far enough to find the Open Badges `credential` element, with
/// no DTD, no entity expansion beyond XML's predefined ones, and a bounded number of items.
struct SVGScanner {
    let text: [Unicode.Scalar]
    let limits: BakedBadgeLimits
    private var position = 0
    private var items = 0
    /// Namespace prefixes bound to the Open Badges namespace, from every start tag seen so far.
    private var badgePrefixes: Set<String> = []

    init(text: [Unicode.Scalar], limits: BakedBadgeLimits) {
        self.text = text
        self.limits = limits
    }

    mutating func credential() throws(CredentialError) -> String {
        var found: [String] = []
        var sawRoot = false
        while let open = next("<") {
            items += 1
            guard items <= limits.maximumSVGItems else {
                throw CredentialError(.bakedBadgeTooLarge, "the SVG has more than \(limits.maximumSVGItems) markup items")
            }
            position = open
            if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<![CDATA[") {
                try skip(past: "]]>")
            } else if starts(with: "<?") {
                try skip(past: "?>")
            } else if starts(with: "<!") {
                // <!DOCTYPE …> and <!ENTITY …>: never read, never expanded.
                throw CredentialError(.invalidBakedBadge, "the SVG declares a document type or entities, which Attest does not read")
            } else if starts(with: "</") {
                try skip(past: ">")
            } else {
                let (name, attributes, selfClosing) = try startTag()
                for (attribute, value) in attributes where value == SVGBadge.namespace && attribute.hasPrefix("xmlns:") {
                    badgePrefixes.insert(String(attribute.dropFirst("xmlns:".count)))
                }
                if !sawRoot {
                    guard name == "svg" || name.hasSuffix(":svg") else {
                        throw CredentialError(.invalidBakedBadge, "the root element is not svg")
                    }
                    sawRoot = true
                }
                let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2, parts[1] == "credential", badgePrefixes.contains(parts[0]) {
                    found.append(selfClosing ? "" : try content(until: "</\(name)"))
                    guard found.last?.isEmpty == false else {
                        throw CredentialError(.invalidBakedBadge, "the credential element is empty (a verify attribute is not read)")
                    }
                }
            }
        }
        guard found.count == 1, let credential = found.first else {
            throw CredentialError(
                .invalidBakedBadge,
                found.isEmpty
                    ? "the SVG holds no <openbadges:credential> element of \(SVGBadge.namespace)"
                    : "the SVG holds \(found.count) credentials")
        }
        return credential
    }

    private func next(_ scalar: Unicode.Scalar) -> Int? {
        var index = position
        while index < text.count {
            if text[index] == scalar { return index }
            index += 1
        }
        return nil
    }

    private func starts(with prefix: String) -> Bool {
        let scalars = Array(prefix.unicodeScalars)
        guard position + scalars.count <= text.count else { return false }
        return Array(text[position..<(position + scalars.count)]) == scalars
    }

    private mutating func skip(past terminator: String) throws(CredentialError) {
        guard let end = find(terminator, from: position + 1) else {
            throw CredentialError(.invalidBakedBadge, "the SVG ends inside markup")
        }
        position = end + terminator.unicodeScalars.count
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        let scalars = Array(needle.unicodeScalars)
        guard let first = scalars.first, scalars.count <= text.count else { return nil }
        var index = start
        while index + scalars.count <= text.count {
            if text[index] == first, Array(text[index..<(index + scalars.count)]) == scalars { return index }
            index += 1
        }
        return nil
    }

    /// `<name attr="v" …>` from `position`; quotes respected.
    private mutating func startTag() throws(CredentialError) -> (String, [(String, String)], Bool) {
        position += 1
        let name = readName()
        guard !name.isEmpty else { throw CredentialError(.invalidBakedBadge, "the SVG has a malformed tag") }
        var attributes: [(String, String)] = []
        while position < text.count {
            skipWhitespace()
            guard position < text.count else { break }
            if text[position] == ">" {
                position += 1
                return (name, attributes, false)
            }
            if text[position] == "/", position + 1 < text.count, text[position + 1] == ">" {
                position += 2
                return (name, attributes, true)
            }
            let attribute = readName()
            skipWhitespace()
            guard !attribute.isEmpty, position < text.count, text[position] == "=" else {
                throw CredentialError(.invalidBakedBadge, "the SVG has a malformed attribute in <\(name)>")
            }
            position += 1
            skipWhitespace()
            guard position < text.count, text[position] == "\"" || text[position] == "'" else {
                throw CredentialError(.invalidBakedBadge, "the SVG has an unquoted attribute in <\(name)>")
            }
            let quote = text[position]
            guard let end = next(after: position + 1, quote) else { throw CredentialError(.invalidBakedBadge, "the SVG ends inside a tag") }
            attributes.append((attribute, try Self.unescape(String(String.UnicodeScalarView(text[(position + 1)..<end])))))
            position = end + 1
        }
        throw CredentialError(.invalidBakedBadge, "the SVG ends inside a tag")
    }

    private func next(after start: Int, _ scalar: Unicode.Scalar) -> Int? {
        var index = start
        while index < text.count {
            if text[index] == scalar { return index }
            index += 1
        }
        return nil
    }

    private mutating func readName() -> String {
        let start = position
        while position < text.count, !text[position].properties.isWhitespace, !["=", ">", "/"].contains(text[position]) {
            position += 1
        }
        return String(String.UnicodeScalarView(text[start..<position]))
    }

    private mutating func skipWhitespace() {
        while position < text.count, text[position].properties.isWhitespace { position += 1 }
    }

    /// The element's text and CDATA up to its end tag; nested markup other than comments is refused.
    private mutating func content(until endTag: String) throws(CredentialError) -> String {
        var result = ""
        while position < text.count {
            guard result.utf8.count <= limits.maximumCredentialBytes else {
                throw CredentialError(.bakedBadgeTooLarge, "the baked credential is over \(limits.maximumCredentialBytes) bytes")
            }
            if starts(with: "<![CDATA[") {
                guard let end = find("]]>", from: position + 9) else {
                    throw CredentialError(.invalidBakedBadge, "the SVG ends inside CDATA")
                }
                result += String(String.UnicodeScalarView(text[(position + 9)..<end]))
                position = end + 3
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: endTag) {
                try skip(past: ">")
                guard result.utf8.count <= limits.maximumCredentialBytes else {
                    throw CredentialError(.bakedBadgeTooLarge, "the baked credential is over \(limits.maximumCredentialBytes) bytes")
                }
                return result.trimmingWhitespace()
            } else if starts(with: "</") {
                throw CredentialError(.invalidBakedBadge, "the credential element is not closed")
            } else if text[position] == "<" {
                throw CredentialError(.invalidBakedBadge, "the credential element holds other markup")
            } else {
                let end = next(after: position, "<") ?? text.count
                result += try Self.unescape(String(String.UnicodeScalarView(text[position..<end])))
                position = end
            }
        }
        throw CredentialError(.invalidBakedBadge, "the credential element is not closed")
    }

    /// XML's five predefined entities and character references; any other `&name;` is refused.
    static func unescape(_ raw: String) throws(CredentialError) -> String {
        guard raw.contains("&") else { return raw }
        var out = ""
        var rest = Substring(raw)
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";"), rest.distance(from: ampersand, to: semicolon) <= 10 else {
                throw CredentialError(.invalidBakedBadge, "the SVG has a malformed entity reference")
            }
            let name = rest[rest.index(after: ampersand)..<semicolon]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number: UInt32? =
                    name.hasPrefix("#x")
                    ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst(), radix: 10) : nil
                guard let number, let scalar = Unicode.Scalar(number) else {
                    throw CredentialError(.invalidBakedBadge, "the SVG refers to the entity &\(name); which Attest does not expand")
                }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
