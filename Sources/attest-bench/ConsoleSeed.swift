import Foundation
import IssuerCore

/// The staff console's benchmark data (issue 17 point 12): 10,000 learners with two credentials
/// each (20,000, in two programs, issued over the last 60 days, mostly valid, some revoked or
/// suspended, a quarter claimed) and 200 completions held for review, written straight into the
/// store of an `attest init` data folder, in transactions of 1,000 learners.
///
/// The credentials carry no PDF: no console page reads one (the list reads whether one exists).
enum ConsoleSeed {
    static let learners = 10_000
    static let held = 200
    static let programs = [BenchmarkIssuer.program, firstAid]

    static let firstAid = Program(
        id: "first-aid-1",
        achievement: Achievement(name: "First Aid at Work", description: "Emergency first aid.", criteria: "Pass the assessment."),
        branding: IssuerCore.Branding(
            organisation: "Example Safety Training", signatoryName: "Dr. Amira Haddad", signatoryTitle: "Head of Training"),
        validity: ISODuration("P3Y"),
        rules: CompletionRules(requiredModules: [], minimumScore: 70))

    private static let surnames = ["Åkesson", "Al-Farsi", "Pérez-Ñúñez", "Þórðarson", "Papadopoulou", "Okafor", "Nguyen", "Kowalski"]
    private static let givenNames = ["Zoë", "Mohammed", "Ana María", "Ólafur", "Sofia", "Chinedu", "Linh", "Jan", "Amira", "Kenji"]

    /// Writes the learners, completions and credentials into `store`; returns how many credentials it wrote.
    @discardableResult
    static func seed(_ store: any IssuerStore, now: Date = Date()) async throws -> Int {
        try await store.write { transaction in
            for program in programs { try transaction.saveProgram(program) }
        }
        var written = 0
        for batch in stride(from: 0, to: learners, by: 1_000) {
            written += try await store.write { transaction in
                var count = 0
                for number in batch..<min(batch + 1_000, learners) {
                    let learner = Learner(
                        id: "lrn-bench-\(number)", externalID: "u-\(number)", namespace: .local, email: "learner\(number)@example.org",
                        legalName:
                            "\(givenNames[number % givenNames.count]) \(surnames[number / givenNames.count % surnames.count]) \(number)")
                    try transaction.saveLearner(learner)
                    for (slot, program) in programs.enumerated() {
                        let index = number * 2 + slot
                        let received = now.addingTimeInterval(-Double(index % 60) * 86_400 - Double(index % 1_440) * 60)
                        let completion = CompletionRecord(
                            id: "cmp-bench-\(index)", event: event(learner, program: program, index: index, at: received),
                            learnerID: learner.id, receivedAt: received, state: .issued, reasons: [])
                        try transaction.insertCompletion(completion)
                        let state: CredentialState = index % 20 == 0 ? .revoked : index % 33 == 0 ? .suspended : .active
                        try transaction.insertCredential(
                            CredentialRecord(
                                id: String(format: "B%07d", index), learnerID: learner.id, programID: program.id,
                                programVersion: program.version,
                                completionID: completion.id, issuedAt: received.addingTimeInterval(Double(index % 300)),
                                validUntil: received.addingTimeInterval(3 * 365 * 86_400), state: state, revocationList: "revocation-bench",
                                revocationIndex: index, suspensionList: "suspension-bench", suspensionIndex: index,
                                stateReason: state == .active ? nil : "benchmark",
                                claimedAt: index % 4 == 0 ? received.addingTimeInterval(86_400) : nil))
                        count += 1
                    }
                    if number < held {
                        let received = now.addingTimeInterval(-Double(number) * 600)
                        try transaction.insertCompletion(
                            CompletionRecord(
                                id: "cmp-bench-held-\(number)",
                                event: event(learner, program: firstAid, index: number, at: received, eventPrefix: "held"),
                                learnerID: learner.id, receivedAt: received, state: .held,
                                reasons: ["score 71 is within 2 points of the minimum 70"]))
                    }
                }
                return count
            }
        }
        return written
    }

    private static func event(_ learner: Learner, program: Program, index: Int, at date: Date, eventPrefix: String = "evt")
        -> CompletionEvent
    {
        CompletionEvent(
            source: "lms-bench", eventID: "\(eventPrefix)-\(index)", programID: program.id,
            learner: LearnerDetails(externalID: learner.externalID, email: learner.email, legalName: learner.legalName),
            completedAt: date.addingTimeInterval(-60), score: 92, minutes: 180)
    }
}
