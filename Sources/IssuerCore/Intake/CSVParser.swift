/// RFC 4180 CSV: fields separated by commas, quoted with `"` (a doubled `""` inside quotes is one
/// quote), records ended by CRLF or LF. A byte order mark is skipped.
///
/// A malformed record spoils only itself: a quote inside an unquoted field makes that record an
/// error and reading goes on at the next line; a quote that is never closed (to the end of the file)
/// is an error for the line that opened it, and reading goes on at the next line.
public enum CSVParser {
    /// One record: its 1-based starting line, and its fields or why it could not be read.
    public struct Record: Sendable {
        public let line: Int
        public let fields: Result<[String], IssuerError>
    }

    /// The records; blank lines are skipped.
    public static func records(_ text: String) -> [Record] {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var reader = Reader(scalars: Array(scalars))
        var records: [Record] = []
        while let record = reader.next() { records.append(record) }
        return records
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0
        var line = 1

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func next() -> Record? {
            while position < scalars.count {
                let start = line
                var fields: [String] = []
                var field = ""
                var quoted = false  // the current field was quoted: only a separator may follow it
                scan: while position < scalars.count {
                    let scalar = scalars[position]
                    position += 1
                    switch scalar {
                    case ",":
                        fields.append(field)
                        field = ""
                        quoted = false
                    case "\r", "\n":
                        if scalar == "\r", position < scalars.count, scalars[position] == "\n" { position += 1 }
                        line += 1
                        break scan
                    case "\"" where field.isEmpty && !quoted:
                        let opening = (position: position, line: line)
                        guard readQuoted(into: &field) else {
                            // Never closed before the end: the quote is a typo, not a field spanning lines.
                            // Only its own line is lost; reading resumes on the next one.
                            (position, line) = opening
                            skipToEndOfLine()
                            return Record(line: start, fields: .failure(IssuerError(.invalidCSV, "a quoted field opened on this line is not closed")))
                        }
                        quoted = true
                    default:
                        if scalar == "\"" || quoted {
                            skipToEndOfLine()
                            return Record(
                                line: start,
                                fields: .failure(IssuerError(.invalidCSV, "a quote inside an unquoted field (quote the whole field and double inner quotes)")))
                        }
                        field.unicodeScalars.append(scalar)
                    }
                }
                fields.append(field)
                if fields == [""] && !quoted { continue }  // a blank line
                return Record(line: start, fields: .success(fields))
            }
            return nil
        }

        /// Reads a quoted field's content after its opening quote; false when it never closes.
        private mutating func readQuoted(into field: inout String) -> Bool {
            while position < scalars.count {
                let scalar = scalars[position]
                position += 1
                if scalar == "\"" {
                    if position < scalars.count, scalars[position] == "\"" {
                        field.unicodeScalars.append("\"")
                        position += 1
                    } else {
                        return true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
            }
            return false
        }

        private mutating func skipToEndOfLine() {
            while position < scalars.count {
                let scalar = scalars[position]
                position += 1
                if scalar == "\n" {
                    line += 1
                    return
                }
            }
        }
    }
}
