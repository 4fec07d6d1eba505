import Foundation

/// Failures of the store itself.
public enum StoreError: Error, Sendable, Equatable {
    /// A uniqueness rule refused the write; the text names it.
    case duplicate(String)
    /// What was updated does not exist.
    case notFound(String)
    /// The database could not be opened or migrated.
    case unavailable(String)
}
