import Foundation

/// What happened to a completion event at intake.
public enum IntakeOutcome: Sendable, Hashable {
    /// The event was seen before; nothing changed.
    case duplicate(completionID: String, state: CompletionState)
    /// The rules said issue; the credential is pending until ``IssuancePipeline/finish(credentialID:)``.
    case issued(completionID: String, credentialID: String)
    /// The rules said issue, but the learner already holds a current credential for the program.
    case alreadyHeld(completionID: String, credentialID: String)
    /// Held for review, with the triggers that fired.
    case held(completionID: String, reasons: [String])
    /// Rejected, with every rule not met.
    case rejected(completionID: String, reasons: [String])
    /// The program is in shadow mode: the rules' decision was recorded (``ShadowDecisionRecord``,
    /// whose id `completionID` is) and nothing else happened.
    case shadowed(completionID: String, decision: Decision.Kind, reasons: [String])
    /// The rules said issue and the program has an issuance delay: issued at `dueAt` unless held or withdrawn first.
    case scheduled(completionID: String, dueAt: Date)
    /// Kept undecided (``ParkedEvent``, whose id `completionID` is): no program maps its course, or
    /// its program is disabled. Decided once that changes.
    case parked(completionID: String, state: ParkedState, reason: String)

    /// The stored completion's id.
    public var completionID: String {
        switch self {
        case .duplicate(let id, _), .issued(let id, _), .alreadyHeld(let id, _), .held(let id, _), .rejected(let id, _),
            .scheduled(let id, _), .shadowed(let id, _, _), .parked(let id, _, _): id
        }
    }
}
