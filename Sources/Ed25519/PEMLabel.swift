/// The label of the first PEM block in a text (`PRIVATE KEY` in a `BEGIN PRIVATE KEY` armour line).
///
/// OpenSSL 3 reports most unreadable PEM as just "DECODER routines::unsupported"; looking at the
/// label lets an error say what the text actually was.
enum PEMLabel {
    static func first(in text: String) -> String? {
        guard let begin = text.firstRange(of: "-----BEGIN ") else { return nil }
        guard let end = text[begin.upperBound...].firstRange(of: "-----") else { return nil }
        let label = text[begin.upperBound..<end.lowerBound]
        guard !label.contains("\n") else { return nil }
        return String(label)
    }

    /// Why a text that OpenSSL could not read is not a PEM block labelled one of `expected`.
    static func diagnosis(of text: String, expected: [String]) -> String {
        guard let label = first(in: text) else {
            return "the text holds no PEM block (no -----BEGIN line); expected \(expected[0])"
        }
        if expected.contains(label) {
            return "the \(label) PEM block is damaged or truncated"
        }
        return "the PEM block is \(label), expected \(expected.joined(separator: " or "))"
    }
}
