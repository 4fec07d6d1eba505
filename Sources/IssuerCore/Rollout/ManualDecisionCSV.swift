import Foundation

/// One row of a manual decisions file: what a person decided for a learner's completion.
public struct ManualDecision: Sendable, Hashable, Codable {
    /// The learner's id in the reporting system, or their email address.
    public var learner: String
    /// Whether the person issued.
    public var issue: Bool
    /// The person's note, if any.
    public var note: String?
    /// The line of the file.
    public var line: Int

    /// A manual decision.
    public init(learner: String, issue: Bool, note: String? = nil, line: Int) {
        self.learner = learner
        self.issue = issue
        self.note = note
        self.line = line
    }
}

/// Reads the manual decisions of `attest rollout compare`: `learner,decision[,note]` per line,
/// decision `issue` or `reject`, an optional header line (`learner,decision,note`).
public enum ManualDecisionCSV {
    /// The largest file read (the API refuses a larger body before reading it).
    public static let maximumBytes = 4 * 1024 * 1024
    /// The most rows read.
    public static let maximumRows = 100_000

    /// The decisions of `text`.
    /// - Throws: ``IssuerError`` `invalidCSV` naming the first bad line.
    public static func parse(_ text: String) throws -> [ManualDecision] {
        guard text.utf8.count <= maximumBytes else {
            throw IssuerError(.invalidCSV, "the manual decisions file is larger than \(maximumBytes / 1024 / 1024) MiB")
        }
        var decisions: [ManualDecision] = []
        for record in CSVParser.records(text) {
            let fields = try record.fields.get().map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count >= 2, fields.count <= 3 else {
                throw IssuerError(.invalidCSV, "line \(record.line): expected learner,decision[,note], found \(fields.count) fields")
            }
            let decision = fields[1].lowercased()
            if decisions.isEmpty && decision == "decision" { continue }
            guard decision == "issue" || decision == "reject" else {
                throw IssuerError(.invalidCSV, "line \(record.line): the decision must be issue or reject, not \"\(fields[1].prefix(40))\"")
            }
            guard !fields[0].isEmpty else { throw IssuerError(.invalidCSV, "line \(record.line): the learner is empty") }
            let note = fields.count == 3 && !fields[2].isEmpty ? fields[2] : nil
            decisions.append(ManualDecision(learner: fields[0], issue: decision == "issue", note: note, line: record.line))
            guard decisions.count <= maximumRows else {
                throw IssuerError(.invalidCSV, "the manual decisions file has more than \(maximumRows) rows")
            }
        }
        return decisions
    }
}
