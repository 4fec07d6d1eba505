import Foundation

/// The newest entry of an audit chain, as `SEQUENCE:HASH` (e.g. `42:9f86d0…`): what an auditor
/// writes down, and what the data folder's head file holds.
///
/// The chain proves that no entry was changed or removed *between* two entries; it cannot show
/// that the newest entries were deleted, since what remains is a shorter chain that checks. A head
/// recorded outside the database can: the chain must still contain that entry with that hash.
public struct AuditHead: Sendable, Hashable, CustomStringConvertible {
    /// The entry's sequence number (1, 2, …).
    public let sequence: Int
    /// Its hash, 64 lowercase hex digits.
    public let hash: String

    /// A head from its parts.
    public init(sequence: Int, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// The head of a chain ending in `entry`.
    public init(_ entry: AuditEntry) {
        self.init(sequence: entry.sequence, hash: entry.hash)
    }

    /// Parses `SEQUENCE:HASH`.
    /// - Throws: ``IssuerError`` `invalidAuditHead` when the text is not of that form.
    public init(parsing text: String) throws(IssuerError) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = Int(parts[0]), sequence >= 1, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else {
            throw IssuerError(
                .invalidAuditHead, "\"\(text)\" is not an audit head: write SEQUENCE:HASH, e.g. 42:<64 lowercase hex digits>")
        }
        self.init(sequence: sequence, hash: String(parts[1]))
    }

    /// `SEQUENCE:HASH`.
    public var description: String { "\(sequence):\(hash)" }

    /// Why `entries` (a whole chain, in order, already checked by ``AuditChainVerifier``) does not
    /// contain this head, or `nil` when it does.
    public func problem(in entries: [AuditEntry]) -> String? {
        guard sequence <= entries.count else {
            return "the chain ends at entry \(entries.count), but entry \(sequence) (\(hash.prefix(16))…) was recorded: "
                + "the newest \(sequence - entries.count) entries were deleted (truncation)"
        }
        let entry = entries[sequence - 1]
        guard entry.sequence == sequence, entry.hash == hash else {
            return "entry \(sequence) has hash \(entry.hash.prefix(16))…, but \(hash.prefix(16))… was recorded: "
                + "the chain was cut back to before it and rewritten from there"
        }
        return nil
    }
}
