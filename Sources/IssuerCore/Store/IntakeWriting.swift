import Foundation

/// Storing completions and their decisions.
public protocol IntakeWriting: IntakeReading {
    /// Inserts a completion; throws ``IssuerError`` `duplicate` when (source, eventID) exists.
    func insertCompletion(_ completion: CompletionRecord) throws
    /// Replaces a stored completion (a review's decision); throws ``IssuerError`` `notFound` when there is none.
    func updateCompletion(_ completion: CompletionRecord) throws
}
