import CanonicalJSON
import Foundation

/// The lexical forms JSON-LD gives to JSON numbers in RDF.
enum NumberFormatting {
    /// XSD canonical double as JSON-LD writes it: `1.1E0`, `5.3E0`, `1.0E21` — one digit before
    /// the point, trailing zeros removed but one kept, no `+` and no leading zeros in the exponent.
    /// Sixteen significant digits, as ECMAScript's `toExponential(15)` gives (which jsonld.js uses).
    static func canonicalDouble(_ value: Double) -> String {
        let formatted = String(format: "%.15E", value)  // e.g. "1.100000000000000E+00"
        guard let exponentIndex = formatted.firstIndex(of: "E") else { return formatted }
        var mantissa = String(formatted[..<exponentIndex])
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa += "0" }
        let exponent = Int(formatted[formatted.index(after: exponentIndex)...]) ?? 0
        return mantissa + "E" + String(exponent)
    }

    /// An integral number below 10^21 as plain decimal digits.
    static func canonicalInteger(_ value: Double) -> String {
        if let integer = Int64(exactly: value) { return String(integer) }
        return JSONValue.ecmaScriptString(value)
    }
}
