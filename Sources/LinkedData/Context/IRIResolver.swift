/// RFC 3986 §5.2 reference resolution and the IRI shape tests JSON-LD needs.
enum IRIResolver {
    /// Whether `value` has the form of an absolute IRI: a scheme, a colon, no white space.
    static func isAbsolute(_ value: String) -> Bool {
        guard let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")), colon != value.utf8.startIndex else { return false }
        let scheme = value.utf8[..<colon]
        guard let first = scheme.first, isAlpha(first) else { return false }
        for byte in scheme.dropFirst() where !(isAlpha(byte) || isDigit(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E) {
            return false
        }
        return !value.utf8.contains { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Whether `value` is a blank node identifier (`_:` prefix).
    static func isBlankNode(_ value: String) -> Bool { value.hasPrefix("_:") }

    /// Whether `value` looks like a keyword (`@` followed by letters only), known or not.
    static func hasKeywordForm(_ value: String) -> Bool {
        let bytes = value.utf8
        guard bytes.count > 1, bytes.first == UInt8(ascii: "@") else { return false }
        return bytes.dropFirst().allSatisfy(isAlpha)
    }

    /// Resolves `reference` against `base` (RFC 3986 §5.2.2); with no base, the reference is returned.
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        if isAbsolute(reference) {
            let parts = Components(reference)
            return parts.recomposed(path: removeDotSegments(parts.path))
        }
        let baseParts = Components(base)
        let ref = Components(":" + reference, schemeless: true)
        var result = Components()
        result.scheme = baseParts.scheme
        if ref.authority != nil {
            result.authority = ref.authority
            result.path = removeDotSegments(ref.path)
            result.query = ref.query
        } else {
            result.authority = baseParts.authority
            if ref.path.isEmpty {
                result.path = baseParts.path
                result.query = ref.query ?? baseParts.query
            } else {
                if ref.path.hasPrefix("/") {
                    result.path = removeDotSegments(ref.path)
                } else {
                    result.path = removeDotSegments(merge(base: baseParts, path: ref.path))
                }
                result.query = ref.query
            }
        }
        result.fragment = ref.fragment
        return result.recomposed(path: result.path)
    }

    private static func merge(base: Components, path: String) -> String {
        if base.authority != nil, base.path.isEmpty { return "/" + path }
        if let slash = base.path.lastIndex(of: "/") { return String(base.path[...slash]) + path }
        return path
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        var input = Substring(path)
        var outputText = ""
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                removeLastSegment(&outputText)
            } else if input == "/.." {
                input = "/"
                removeLastSegment(&outputText)
            } else if input == "." || input == ".." {
                input = ""
            } else {
                var end = input.index(after: input.startIndex)
                if input.first != "/" { end = input.startIndex }
                while end < input.endIndex, input[end] != "/" { end = input.index(after: end) }
                outputText += input[..<end]
                input = input[end...]
            }
        }
        return outputText
    }

    private static func removeLastSegment(_ output: inout String) {
        if let slash = output.lastIndex(of: "/") {
            output.removeSubrange(slash...)
        } else {
            output = ""
        }
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The five components of RFC 3986 §3.
    struct Components {
        var scheme: String? = nil
        var authority: String? = nil
        var path = ""
        var query: String? = nil
        var fragment: String? = nil

        init() {}

        /// Splits an IRI; with `schemeless`, the text starts with a ':' placeholder and has no scheme.
        init(_ text: String, schemeless: Bool = false) {
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let question = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: question)...])
                rest = rest[..<question]
            }
            if let colon = rest.firstIndex(of: ":") {
                if !schemeless { scheme = String(rest[..<colon]) }
                rest = rest[rest.index(after: colon)...]
            }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(of: "/") ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            path = String(rest)
        }

        func recomposed(path: String) -> String {
            var output = ""
            if let scheme { output += scheme + ":" }
            if let authority { output += "//" + authority }
            output += path
            if let query { output += "?" + query }
            if let fragment { output += "#" + fragment }
            return output
        }
    }
}
