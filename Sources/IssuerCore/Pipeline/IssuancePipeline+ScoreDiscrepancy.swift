import Foundation

/// The workflow's error table (Spec/workflow.md): two reports of the same completion whose scores
/// differ by more than ``scoreDiscrepancyTolerance`` points are held for a person to review.
extension IssuancePipeline {
    /// The most two reports of one completion may differ in score before a person must look.
    public static let scoreDiscrepancyTolerance = 5.0
    /// Reports of one learner and program completed this close together are of the same completion.
    static let sameCompletionWindow: TimeInterval = 86_400

    /// The decision, held for review when an earlier report of the same completion (the one behind
    /// the learner's current credential of the program, completed within a day of this one) gave a
    /// score more than 5 points away from this one's.
    static func checkingScoreDiscrepancy(
        _ decision: Decision, of event: CompletionEvent, learnerID: String, programID: String, in reading: any IssuerReading
    ) throws -> Decision {
        guard let score = event.score, let current = try reading.currentCredentialSummary(learnerID: learnerID, programID: programID),
            let earlier = try reading.completion(id: current.completionID), let earlierScore = earlier.event.score,
            abs(earlier.event.completedAt.timeIntervalSince(event.completedAt)) <= sameCompletionWindow,
            abs(earlierScore - score) > scoreDiscrepancyTolerance
        else { return decision }
        let sentence =
            "the score \(ReviewFinding.format(score)) differs by more than \(ReviewFinding.format(scoreDiscrepancyTolerance)) points from the score \(ReviewFinding.format(earlierScore)) of an earlier report of the same completion (\(earlier.id))"
        return .review(reasons: decision.reasons + [sentence])
    }
}
