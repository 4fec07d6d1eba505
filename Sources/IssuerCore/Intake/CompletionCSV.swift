import Foundation
import VerifiableCredentials

/// Completions from a CSV file (`Spec/schemas/completions-csv.md`): one row per learner, a header
/// naming the columns. Each row becomes an event or a precise error; one bad row never stops the others.
public struct CompletionCSV: Sendable {
    /// The columns a file must have.
    public static let requiredColumns = ["learner_id", "email", "legal_name", "completed_at"]
    /// Every column read; others are refused so a misspelt column cannot be silently ignored.
    public static let knownColumns = requiredColumns + ["event_id", "preferred_name", "profile_name", "score", "minutes", "modules"]

    /// A row's result.
    public enum Row: Sendable {
        case event(line: Int, CompletionEvent)
        case invalid(line: Int, reason: String)
    }

    /// Reads every data row of `text` for `programID`; `source` names the file for replay detection.
    public static func rows(_ text: String, programID: String, source: String) throws(IssuerError) -> [Row] {
        let records = CSVParser.records(text)
        guard let first = records.first else { throw IssuerError(.invalidCSV, "the file is empty") }
        let headerFields: [String]
        switch first.fields {
        case .success(let fields): headerFields = fields
        case .failure(let error): throw IssuerError(.invalidCSV, "the header line: \(error.reason)")
        }
        let columns = headerFields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = requiredColumns.filter { !columns.contains($0) }
        guard missing.isEmpty else { throw IssuerError(.invalidCSV, "missing columns: \(missing.joined(separator: ", "))") }
        let unknown = columns.filter { !knownColumns.contains($0) }
        guard unknown.isEmpty else {
            throw IssuerError(.invalidCSV, "unknown columns: \(unknown.joined(separator: ", ")); known: \(knownColumns.joined(separator: ", "))")
        }
        guard Set(columns).count == columns.count else { throw IssuerError(.invalidCSV, "a column is named twice") }
        var rows: [Row] = []
        for record in records.dropFirst() {
            let fields: [String]
            switch record.fields {
            case .success(let read): fields = read
            case .failure(let error):
                rows.append(.invalid(line: record.line, reason: error.reason))
                continue
            }
            guard fields.count == columns.count else {
                rows.append(.invalid(line: record.line, reason: "has \(fields.count) fields, the header has \(columns.count)"))
                continue
            }
            let values = Dictionary(uniqueKeysWithValues: zip(columns, fields.map { $0.trimmingCharacters(in: .whitespaces) }))
            do {
                rows.append(.event(line: record.line, try event(values, programID: programID, source: source)))
            } catch {
                rows.append(.invalid(line: record.line, reason: error.reason))
            }
        }
        return rows
    }

    private static func event(_ values: [String: String], programID: String, source: String) throws(IssuerError) -> CompletionEvent {
        func optional(_ column: String) -> String? { values[column].flatMap { $0.isEmpty ? nil : $0 } }
        guard let completedText = optional("completed_at") else { throw IssuerError(.invalidEvent, "completed_at is empty") }
        guard let completedAt = DateTimeStamp.parse(completedText) ?? DateTimeStamp.parse(completedText + "T00:00:00Z") else {
            throw IssuerError(
                .invalidEvent, "completed_at \"\(completedText)\" is not a date (2026-11-20) or date-time (2026-11-20T14:30:00Z)")
        }
        func number(_ column: String) throws(IssuerError) -> Double? {
            guard let text = optional(column) else { return nil }
            guard let value = Double(text), value.isFinite else {
                throw IssuerError(.invalidEvent, "\(column) \"\(text)\" is not a number")
            }
            return value
        }
        let modules = (optional("modules") ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }.map { entry in
            entry.hasSuffix(":exempt")
                ? ModuleCompletion(id: String(entry.dropLast(7)), exempt: true) : ModuleCompletion(id: entry, completedAt: completedAt)
        }
        let learnerID = values["learner_id"] ?? ""
        return CompletionEvent(
            source: source, eventID: optional("event_id") ?? "\(programID)/\(learnerID)", programID: programID,
            learner: LearnerDetails(
                externalID: learnerID, email: values["email"] ?? "", legalName: values["legal_name"] ?? "",
                preferredName: optional("preferred_name"),
                profileName: optional("profile_name")),
            completedAt: completedAt, score: try number("score"), minutes: try number("minutes"), modules: modules)
    }
}
