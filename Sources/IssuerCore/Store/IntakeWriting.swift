import Foundation

/// Storing completions and their decisions.
public protocol IntakeWriting: IntakeReading {
    /// Inserts a completion; throws ``StoreError/duplicate`` when (source, eventID) exists.
    func insertCompletion(_ completion: CompletionRecord) throws
    /// Replaces a stored completion (a review's decision); throws ``StoreError/notFound(_:)`` when there is none.
    func updateCompletion(_ completion: CompletionRecord) throws
}
