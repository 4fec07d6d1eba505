import Foundation

/// Completions as intake stored them, with what was decided about each.
public protocol IntakeReading {
    /// The completion with this id.
    func completion(id: String) throws -> CompletionRecord?
    /// The completion stored for event `eventID` of `source` (what makes a replay an answer, not a re-run).
    func completion(source: String, eventID: String) throws -> CompletionRecord?
    /// Completions in `state` (every one when `nil`), by the time they were received.
    func completions(state: CompletionState?) throws -> [CompletionRecord]
}
