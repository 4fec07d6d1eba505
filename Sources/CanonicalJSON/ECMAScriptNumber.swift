extension JSONValue {
    /// Formats a double exactly as ECMAScript's `Number.prototype.toString()` does, as RFC 8785
    /// requires: the shortest digits that round-trip, laid out in plain or exponent form by the
    /// rules of ECMA-262 §6.1.6.1.20.
    ///
    /// Swift's `description` already yields the shortest round-trip digits; only their layout differs.
    public static func ecmaScriptString(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }  // also -0
        let (digits, pointPosition) = shortestDigits(of: abs(value))
        let sign = value < 0 ? "-" : ""
        let k = digits.count
        let n = pointPosition
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return sign + digits.prefix(n) + "." + digits.dropFirst(n)
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let exponent = n - 1
        let exponentText = (exponent >= 0 ? "+" : "-") + String(abs(exponent))
        let mantissa = k == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
        return sign + mantissa + "e" + exponentText
    }

    /// The significant decimal digits (no leading or trailing zeros) and the position of the
    /// decimal point relative to their start: value = 0.d1d2…dk × 10^pointPosition.
    private static func shortestDigits(of value: Double) -> (digits: String, pointPosition: Int) {
        let text = value.description  // e.g. "123.456", "1e-07", "1.2345e+20", "5e-324"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        var digits = ""
        var pointPosition = 0
        var seenPoint = false
        for character in mantissa {
            if character == "." { seenPoint = true; continue }
            digits.append(character)
            if !seenPoint { pointPosition += 1 }
        }
        let leadingZeros = digits.prefix { $0 == "0" }.count
        digits.removeFirst(leadingZeros)
        pointPosition -= leadingZeros
        while digits.last == "0" { digits.removeLast() }
        return (digits, pointPosition + exponent)
    }
}
