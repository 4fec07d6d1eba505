import Foundation
import VerifiableCredentials

/// The credentials list as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it
/// holds a comma, a quote or a line break), what the console's "Download as CSV" sends. Dates are
/// ISO 8601 UTC (`DateTimeStamp`), the form `attest credentials list --json` prints.
///
/// - Warning: a cell that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`,
///   a tab or a carriage return) is written with a leading `'`, so a learner named
///   `=HYPERLINK(…)` by an LMS stays text when staff open the file.
public enum CredentialListCSV {
    /// The header line's columns.
    public static let columns = ["id", "learner", "email", "program", "state", "issuedAt", "validUntil", "claimedAt", "url"]

    /// The CSV of `rows` (header first), each credential's public page under `baseURL`.
    public static func render(_ rows: [CredentialListRow], baseURL: String) -> String {
        var out = line(columns)
        for row in rows {
            out += line([
                row.id, row.learnerName, row.learnerEmail, row.programID, row.state.rawValue, DateTimeStamp.format(row.issuedAt),
                row.validUntil.map(DateTimeStamp.format) ?? "", row.claimedAt.map(DateTimeStamp.format) ?? "", "\(baseURL)/c/\(row.id)",
            ])
        }
        return out
    }

    /// One record: the fields, each guarded and quoted as needed, and CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field as written.
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
