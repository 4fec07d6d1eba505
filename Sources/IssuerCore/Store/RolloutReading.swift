import Foundation

/// Rollout settings, shadow decisions and the post-issuance check list (issue 19 point 1).
public protocol RolloutReading {
    /// The program's rollout setting; `nil` when it never had one (it is `full`).
    func programRollout(programID: String) throws -> ProgramRollout?
    /// The shadow decision of event `eventID` of `source`.
    func shadowDecision(source: String, eventID: String) throws -> ShadowDecisionRecord?
    /// The shadow decisions of a program, oldest first.
    func shadowDecisions(programID: String) throws -> [ShadowDecisionRecord]
    /// The check of a credential.
    func rolloutCheck(credentialID: String) throws -> RolloutCheck?
    /// The checks in `state` (every one when `nil`), of one program when `programID` is set, oldest first.
    func rolloutChecks(programID: String?, state: RolloutCheckState?) throws -> [RolloutCheck]
    /// The completions of a program, oldest first (what the agreement report compares).
    func completions(programID: String) throws -> [CompletionRecord]
}
