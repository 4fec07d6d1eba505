import ArgumentParser
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest issue`: one completion from the command line.
struct IssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Record one completion; the program's rules decide whether a credential is issued.",
        discussion:
            "Example: attest issue --program working-at-height-2 --learner-id u-17 --email zoe@example.org --name \"Zoë Åkesson\" --score 92 --minutes 190 --module ladders --module scaffolds --module harness"
    )

    @OptionGroup var dataOptions: DataOptions
    @Option(help: "The program id.") var program: String
    @Option(help: ArgumentHelp("The learner's id in your LMS or HR system.", valueName: "id")) var learnerID: String
    @Option(help: "Where the certificate is emailed.") var email: String
    @Option(help: "The learner's legal name.") var name: String
    @Option(help: "The name to print on the certificate, if different.") var preferredName: String?
    @Option(help: "The learner's name in the LMS profile, compared for review.") var profileName: String?
    @Option(help: "The final score, 0–100.") var score: Double?
    @Option(help: "Minutes spent.") var minutes: Double?
    @Option(
        name: .customLong("module"), help: ArgumentHelp("A completed module id (repeat); add :exempt for a waived one.", valueName: "id"))
    var modules: [String] = []
    @Option(help: ArgumentHelp("When the program was completed. Default: now.", valueName: "time")) var completedAt: String?
    @Option(help: ArgumentHelp("An id for this event, so a repeat is recognised. Default: PROGRAM/LEARNER-ID.", valueName: "id"))
    var eventID: String?

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let completed =
            try completedAt.map { text in
                guard let date = DateTimeStamp.parse(text) else {
                    throw ValidationError("--completed-at must be a dateTimeStamp such as 2026-11-20T14:00:00Z")
                }
                return date
            } ?? Date()
        let event = CompletionEvent(
            source: "cli", eventID: eventID ?? "\(program)/\(learnerID)", programID: program,
            learner: LearnerDetails(
                externalID: learnerID, email: email, legalName: name, preferredName: preferredName, profileName: profileName),
            completedAt: completed, score: score, minutes: minutes,
            modules: modules.map {
                $0.hasSuffix(":exempt")
                    ? ModuleCompletion(id: String($0.dropLast(7)), exempt: true) : ModuleCompletion(id: $0, completedAt: completed)
            })
        let pipeline = IssuancePipeline(environment: context.environment, actor: "cli")
        let outcome = try await pipeline.intake(event, channel: .direct)
        if case .issued(_, let id) = outcome { try await pipeline.finish(credentialID: id) }
        print(try await OutcomeText.describe(outcome, context: context))
    }
}

/// One line per intake outcome, as `issue` and `import` print them.
enum OutcomeText {
    static func describe(_ outcome: IntakeOutcome, context: IssuerContext) async throws -> String {
        let issuer = try await context.issuer()
        switch outcome {
        case .issued(_, let id): return "issued \(id)  \(issuer.verificationURL(credentialID: id))"
        case .alreadyHeld(_, let id): return "already holds \(id); nothing new issued"
        case .duplicate(let completion, let state): return "duplicate of \(completion) (\(state.rawValue)); nothing changed"
        case .held(let completion, let reasons): return "held for review as \(completion): \(reasons.joined(separator: "; "))"
        case .rejected(let completion, let reasons): return "rejected as \(completion): \(reasons.joined(separator: "; "))"
        case .shadowed(let id, let decision, let reasons):
            return "shadow mode: the rules decided \(decision.rawValue) (\(id)); nothing issued"
                + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))
        case .parked(let id, let state, let reason): return "kept \(state.rawValue) as \(id): \(reason)"
        case .scheduled(let completion, let dueAt):
            return "scheduled as \(completion): issued at \(DateTimeStamp.format(dueAt)) unless held or withdrawn first"
        }
    }
}
