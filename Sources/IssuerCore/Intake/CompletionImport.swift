import CanonicalJSON
import Foundation
import Synchronization
import VerifiableCredentials

/// A CSV import of completions (`Spec/schemas/completions-csv.md`) for one program, as the staff
/// console runs it: the file checked within ``Limits`` before it is parsed, a dry run that says
/// per row what the rules would decide and changes nothing, and a run that takes the rows in
/// through ``IssuancePipeline/intake(batch:)`` (the decision path `attest import` uses) in batches
/// of ``batchSize`` and finishes their credentials, reporting progress as it goes.
///
/// Running the same file again issues nothing twice: each row's event id is unique per source, so
/// a second run reports the rows as duplicates.
public struct CompletionImport: Sendable {
    /// The bounds a file is checked against before it is parsed.
    public struct Limits: Sendable {
        /// The largest file, in bytes.
        public var maximumBytes = 4 * 1_024 * 1_024
        /// The most data rows (lines after the header).
        public var maximumRows = 10_000
        /// The longest line, in bytes.
        public var maximumLineBytes = 4_096
        /// The most fields on one line (the format has ten columns).
        public var maximumFields = 32

        /// The defaults.
        public init() {}
    }

    /// What became, or would become, of one row.
    public enum Verdict: String, Sendable, CaseIterable {
        /// Issued (run), or the rules would issue (dry run).
        case issue
        /// Held for review.
        case hold
        /// Rejected by the rules.
        case reject
        /// The same event was imported before, or appears earlier in the file.
        case duplicate
        /// The rules said issue, but the learner already holds a current credential for the program.
        case alreadyHeld
        /// The row could not be read (bad CSV, a missing or malformed value).
        case invalid
        /// Something else happened (the program is in shadow mode, disabled, delayed…): see the reasons.
        case other
    }

    /// One row's result.
    public struct RowResult: Sendable, Hashable {
        /// The row's line in the file (1 is the header).
        public var line: Int
        /// The learner's id as the row gives it (empty for an unreadable row).
        public var learnerID: String
        /// The learner's email as the row gives it.
        public var email: String
        /// The learner's legal name as the row gives it.
        public var name: String
        /// What became of it.
        public var verdict: Verdict
        /// Why (the rules' reasons, the duplicate, the error).
        public var reasons: [String]
        /// The credential issued for it, on a run.
        public var credentialID: String?
    }

    /// Rows per transaction, as in `attest import`.
    public static let batchSize = 200

    /// The pipeline the rows go through (its actor is who the audit trail names).
    public let pipeline: IssuancePipeline
    /// The program the completions are for.
    public let programID: String
    /// The source the rows' event ids are unique within (`csv`, as `attest import` uses).
    public let source: String

    /// An import for `programID` through `pipeline`.
    public init(pipeline: IssuancePipeline, programID: String, source: String = "csv") {
        self.pipeline = pipeline
        self.programID = programID
        self.source = source
    }

    /// The rows of `bytes`, refused with a precise ``IssuerError/Code/invalidCSV`` when the file is
    /// over a limit, is not UTF-8 text or has no usable header; the bounds are checked on the raw
    /// bytes before anything is parsed.
    public func rows(_ bytes: [UInt8], limits: Limits = Limits()) throws(IssuerError) -> [CompletionCSV.Row] {
        try Self.check(bytes, limits: limits)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw IssuerError(.invalidCSV, "the file is not UTF-8 text; save it from your spreadsheet as CSV UTF-8")
        }
        return try CompletionCSV.rows(text, programID: programID, source: source)
    }

    /// Size, NUL bytes, rows, line length and fields per line, in one pass over the bytes.
    static func check(_ bytes: [UInt8], limits: Limits) throws(IssuerError) {
        guard !bytes.isEmpty else { throw IssuerError(.invalidCSV, "the file is empty") }
        guard bytes.count <= limits.maximumBytes else {
            throw IssuerError(
                .invalidCSV,
                "the file is larger than \(limits.maximumBytes / 1_048_576) MB: it has \(bytes.count) bytes, at most \(limits.maximumBytes) are accepted"
            )
        }
        var line = 1
        var lineBytes = 0
        var commas = 0
        var lines = 0
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case 0:
                throw IssuerError(.invalidCSV, "line \(line) has a NUL byte (at byte \(offset + 1)); a CSV file is text, this is not")
            case UInt8(ascii: "\n"):
                if lineBytes > 0 { lines += 1 }
                line += 1
                lineBytes = 0
                commas = 0
                guard lines <= limits.maximumRows + 1 else {
                    throw IssuerError(.invalidCSV, "the file has more than \(limits.maximumRows) rows; split it into smaller files")
                }
                continue
            case UInt8(ascii: ","):
                commas += 1
                guard commas < limits.maximumFields else {
                    throw IssuerError(.invalidCSV, "line \(line) has more than \(limits.maximumFields) fields; the format has ten columns")
                }
            default: break
            }
            lineBytes += 1
            guard lineBytes <= limits.maximumLineBytes else {
                throw IssuerError(.invalidCSV, "line \(line) is longer than \(limits.maximumLineBytes) bytes")
            }
        }
        if lineBytes > 0 { lines += 1 }
        guard lines <= limits.maximumRows + 1 else {
            throw IssuerError(.invalidCSV, "the file has more than \(limits.maximumRows) rows; split it into smaller files")
        }
    }

    /// Fails with ``IssuerError/Code/unknownProgram`` unless the program exists.
    public func checkProgram() async throws -> Program {
        let programID = self.programID
        guard let program = try await pipeline.environment.store.read({ try $0.program(id: programID) }) else {
            throw IssuerError(.unknownProgram, "there is no program \"\(programID)\"")
        }
        return program
    }

    /// What the rules would decide for each row, changing nothing: the dry run. A row whose event
    /// was imported before, or appears earlier in the file, is a duplicate.
    public func dryRun(_ rows: [CompletionCSV.Row]) async throws -> [RowResult] {
        var results: [RowResult] = []
        var seen: [String: Int] = [:]
        for chunk in Self.batches(rows) {
            let events = chunk.compactMap(\.event)
            let source = self.source
            let stored = try await pipeline.environment.store.read { reading in
                var stored: [String: String] = [:]
                for event in events { stored[event.eventID] = try reading.completion(source: source, eventID: event.eventID)?.id }
                return stored
            }
            for row in chunk {
                switch row {
                case .invalid(let line, let reason):
                    results.append(RowResult(line: line, learnerID: "", email: "", name: "", verdict: .invalid, reasons: [reason]))
                case .event(let line, let event):
                    var result = Self.result(line: line, event: event, verdict: .issue, reasons: [])
                    if let completion = stored[event.eventID] {
                        result.verdict = .duplicate
                        result.reasons = ["already imported as completion \(completion) (event id \(event.eventID))"]
                    } else if let earlier = seen[event.eventID] {
                        result.verdict = .duplicate
                        result.reasons = ["the same completion as line \(earlier) (event id \(event.eventID))"]
                    } else {
                        seen[event.eventID] = line
                        do {
                            switch try await pipeline.preview(event) {
                            case .issue: break
                            case .review(let reasons): (result.verdict, result.reasons) = (.hold, reasons)
                            case .reject(let reasons): (result.verdict, result.reasons) = (.reject, reasons)
                            }
                        } catch let error as IssuerError where error.code != .storeUnavailable {
                            (result.verdict, result.reasons) = (.invalid, [error.reason])
                        }
                    }
                    results.append(result)
                }
            }
        }
        return results
    }

    /// Takes the rows in and finishes the credentials they issue (signed, drawn, stored), calling
    /// `progress` with the rows done so far: a row not issued is done once taken in, an issued row
    /// once its credential is stored. `parallelism` credentials are finished at once. The audit
    /// trail gets `import.started` and `import.finished` (with the totals) under the pipeline's actor,
    /// beside each completion's own entries.
    public func run(
        _ rows: [CompletionCSV.Row], fileName: String, parallelism: Int = CredentialFinisher.defaultParallelism,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> [RowResult] {
        try await audit("import.started", ["fileName": .string(fileName), "rows": .number(Double(rows.count))])
        let counter = Mutex(0)
        let advance: @Sendable (Int) -> Void = { count in
            progress(
                counter.withLock {
                    $0 += count
                    return $0
                })
        }
        let finisher = CredentialFinisher(pipeline: pipeline, parallelism: parallelism)
        let finished = Mutex(Set<String>())
        defer { finisher.close() }
        // Each batch's credentials are finished while later batches are taken in, as in `attest import`.
        async let finishing: Int? = try? finisher.run { id in
            finished.withLock { _ = $0.insert(id) }
            advance(1)
        }
        var results: [RowResult] = []
        for chunk in Self.batches(rows) {
            let outcomes = try await pipeline.intake(batch: chunk.compactMap(\.event))
            var next = outcomes.makeIterator()
            var done = 0
            var issued: [String] = []
            for row in chunk {
                switch row {
                case .invalid(let line, let reason):
                    results.append(RowResult(line: line, learnerID: "", email: "", name: "", verdict: .invalid, reasons: [reason]))
                    done += 1
                case .event(let line, let event):
                    guard let outcome = next.next() else { continue }
                    let result = Self.result(line: line, event: event, outcome: outcome)
                    if let credential = result.credentialID, result.verdict == .issue { issued.append(credential) } else { done += 1 }
                    results.append(result)
                }
            }
            advance(done)
            finisher.submit(issued)
        }
        finisher.close()
        _ = await finishing
        // A failed finisher leaves its credentials pending: finish what is left one by one (safe to repeat).
        let left = results.compactMap { $0.verdict == .issue ? $0.credentialID : nil }.filter { id in
            !finished.withLock { $0.contains(id) }
        }
        for id in left {
            _ = try await pipeline.finish(credentialID: id)
            advance(1)
        }
        var totals: JSONObject = ["fileName": .string(fileName), "rows": .number(Double(rows.count))]
        for verdict in Verdict.allCases {
            totals[verdict.rawValue] = .number(Double(results.count { $0.verdict == verdict }))
        }
        try await audit("import.finished", totals)
        return results
    }

    private func audit(_ kind: String, _ data: JSONObject) async throws {
        let recorder = try await pipeline.environment.auditRecorder(actor: pipeline.actor)
        let programID = self.programID
        try await pipeline.environment.store.write { transaction in
            try recorder.record(kind, subject: programID, data: .object(data), in: transaction)
        }
    }

    static func batches(_ rows: [CompletionCSV.Row]) -> [ArraySlice<CompletionCSV.Row>] {
        stride(from: 0, to: rows.count, by: batchSize).map { rows[$0..<min($0 + batchSize, rows.count)] }
    }

    static func result(line: Int, event: CompletionEvent, verdict: Verdict, reasons: [String]) -> RowResult {
        RowResult(
            line: line, learnerID: event.learner.externalID, email: event.learner.email, name: event.learner.legalName, verdict: verdict,
            reasons: reasons)
    }

    static func result(line: Int, event: CompletionEvent, outcome: Result<IntakeOutcome, IssuerError>) -> RowResult {
        var result = result(line: line, event: event, verdict: .invalid, reasons: [])
        switch outcome {
        case .failure(let error): result.reasons = [error.reason]
        case .success(.issued(_, let credentialID)):
            result.verdict = .issue
            result.credentialID = credentialID
        case .success(.alreadyHeld(_, let credentialID)):
            (result.verdict, result.reasons) = (.alreadyHeld, ["already holds credential \(credentialID) for this program"])
        case .success(.duplicate(let completionID, let state)):
            (result.verdict, result.reasons) = (
                .duplicate, ["already imported as completion \(completionID) (\(state.rawValue), event id \(event.eventID))"]
            )
        case .success(.held(_, let reasons)): (result.verdict, result.reasons) = (.hold, reasons)
        case .success(.rejected(_, let reasons)): (result.verdict, result.reasons) = (.reject, reasons)
        case .success(.scheduled(_, let dueAt)):
            (result.verdict, result.reasons) = (
                .other, ["the rules said issue; the program's issuance delay issues it at \(DateTimeStamp.format(dueAt))"]
            )
        case .success(.shadowed(_, let decision, let reasons)):
            (result.verdict, result.reasons) = (
                .other, ["the program is in shadow mode: the rules would \(decision.rawValue)"] + reasons
            )
        case .success(.parked(_, _, let reason)): (result.verdict, result.reasons) = (.other, ["kept undecided: \(reason)"])
        }
        return result
    }
}

extension CompletionCSV.Row {
    /// The row's event, if it could be read.
    public var event: CompletionEvent? {
        if case .event(_, let event) = self { return event }
        return nil
    }
}
