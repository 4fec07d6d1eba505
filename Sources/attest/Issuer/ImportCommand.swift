import ArgumentParser
import Foundation
import IssuerCore

/// `attest import FILE.csv --program ID`: many completions at once.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import completions from a CSV file (columns: Spec/schemas/completions-csv.md) and issue what the rules allow.",
        discussion: """
            Each row is stored with its decision in its own transaction; a bad row gets a message with its line number and the \
            others still go through. Running the same file again reports every row as a duplicate and changes nothing, so an \
            interrupted import is finished by running it again.
            """)

    @OptionGroup var dataOptions: DataOptions
    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file.csv")) var file: String
    @Option(help: "The program the completions are for.") var program: String
    @Flag(help: "Show what would happen without storing or issuing anything.") var dryRun = false

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(file) is not UTF-8 text") }
        let rows = try CompletionCSV.rows(text, programID: program, source: "csv")
        guard try await context.store.read({ try $0.program(id: program) }) != nil else {
            throw CLIError("there is no program \"\(program)\"; add it with attest programs add")
        }
        let pipeline = IssuancePipeline(environment: context.environment, actor: "cli:import")
        var summary = ImportSummary()
        let progress = ProgressBar(total: rows.count, label: dryRun ? "checking" : "importing")
        // Each batch's credentials are finished (signed, drawn, stored) while later batches are taken in.
        let finisher = CredentialFinisher(pipeline: pipeline, parallelism: CredentialFinisher.defaultParallelism)
        async let finishedDuringIntake = finisher.run()
        defer { finisher.close() }
        // Rows go in batches, one transaction each (one commit instead of one per row); results are
        // reported in line order.
        for chunk in stride(from: 0, to: rows.count, by: Self.batchSize).map({ rows[$0..<min($0 + Self.batchSize, rows.count)] }) {
            let events = chunk.compactMap { row -> CompletionEvent? in
                if case .event(_, let event) = row { return event }
                return nil
            }
            var results: [RowResult] = []
            if dryRun {
                for event in events {
                    do {
                        results.append(.preview(try await pipeline.preview(event)))
                    } catch let error as IssuerError where error.code != .storeUnavailable {
                        results.append(.refused(error))
                    }
                }
            } else {
                results = try await pipeline.intake(batch: events).map {
                    switch $0 {
                    case .success(let outcome): .stored(outcome)
                    case .failure(let error): .refused(error)
                    }
                }
                finisher.submit(
                    results.compactMap {
                        if case .stored(.issued(_, let credentialID)) = $0 { credentialID } else { nil }
                    })
            }
            var next = results.makeIterator()
            for row in chunk {
                switch row {
                case .invalid(let line, let reason):
                    summary.count("invalid")
                    printError("\(file):\(line): \(reason)")
                case .event(let line, _):
                    switch next.next()! {
                    case .refused(let error):
                        summary.count("invalid")
                        printError("\(file):\(line): \(error.reason)")
                    case .preview(let decision):
                        summary.count("would " + decision.kind.rawValue)
                    case .stored(let outcome):
                        summary.count(Self.name(of: outcome))
                        // The summary only counts: say which rows were not issued, and why.
                        switch outcome {
                        case .held(let completion, let reasons):
                            print("\(file):\(line): held for review as \(completion): \(reasons.joined(separator: "; "))")
                        case .rejected(_, let reasons): print("\(file):\(line): rejected: \(reasons.joined(separator: "; "))")
                        case .parked(let id, _, let reason): print("\(file):\(line): kept as \(id): \(reason)")
                        default: break
                        }
                    }
                }
                progress.advance()
            }
        }
        progress.finish()
        finisher.close()
        let finishedEarly = try await finishedDuringIntake
        if !dryRun {
            let finishing = ProgressBar(
                total: try await context.store.read { try $0.credentialSummaries(filter: CredentialFilter(states: [.pending])).count },
                label: "signing")
            // What the intake's batches left (and credentials an interrupted run left pending).
            let finished =
                try await pipeline.finishPending(parallelism: CredentialFinisher.defaultParallelism) {
                    finishing.advance()
                } + finishedEarly
            finishing.finish()
            if finished > 0 { summary.note("\(finished) credentials signed and stored") }
        }
        print(summary.text(rows: rows.count))
        if summary.counts["invalid", default: 0] > 0 { throw ExitCode(1) }
    }

    /// What became of one event row.
    private enum RowResult {
        case stored(IntakeOutcome)
        case preview(Decision)
        case refused(IssuerError)
    }

    /// Rows per transaction: large enough that commits stop dominating, small enough that a crash loses little work.
    static let batchSize = 200

    static func name(of outcome: IntakeOutcome) -> String {
        switch outcome {
        case .issued: "issued"
        case .alreadyHeld: "already held"
        case .duplicate: "duplicate"
        case .held: "held for review"
        case .rejected: "rejected"
        case .shadowed: "decided in shadow mode"
        case .parked(_, let state, _): "kept \(state.rawValue)"
        case .scheduled: "scheduled"
        }
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Counts per outcome, printed at the end of an import.
struct ImportSummary {
    private(set) var counts: [String: Int] = [:]
    private var notes: [String] = []

    mutating func count(_ outcome: String) { counts[outcome, default: 0] += 1 }
    mutating func note(_ text: String) { notes.append(text) }

    func text(rows: Int) -> String {
        let parts = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        return (["\(rows) rows: " + parts.joined(separator: ", ")] + notes).joined(separator: "\n")
    }
}

/// A progress bar on standard error when it is a terminal; silent otherwise (logs, CI).
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private var done = 0
    private let lock = NSLock()
    private let interactive = isatty(STDERR_FILENO) != 0

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    func advance() {
        lock.withLock {
            done += 1
            guard interactive, total > 0, done == total || done % max(1, total / 100) == 0 else { return }
            let width = 30
            let filled = done * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        }
    }

    func finish() {
        if interactive && total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
