import Foundation

/// How full one status list is, without its bits or its signed list credential: all that choosing
/// where the next index goes needs, so allocating never reads or rewrites a list's 16 KiB of bits.
public struct StatusListUsage: Sendable, Hashable, Identifiable {
    /// The list's path segment, `revocation-1`, `suspension-1`, …
    public var id: String
    /// How many entries the list has.
    public var capacity: Int
    /// How many indexes credentials hold.
    public var allocated: Int
    /// Whether the list has a signed list credential yet.
    public var isPublished: Bool

    /// A list's usage.
    public init(id: String, capacity: Int, allocated: Int, isPublished: Bool) {
        self.id = id
        self.capacity = capacity
        self.allocated = allocated
        self.isPublished = isPublished
    }

    /// The usage of a full record.
    public init(_ list: StatusListRecord) {
        self.init(id: list.id, capacity: list.capacity, allocated: list.allocated, isPublished: list.signedCredentialJSON != nil)
    }
}
