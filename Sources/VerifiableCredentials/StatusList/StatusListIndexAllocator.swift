/// Picks status list indexes at random, as §2.1 asks ("implementations SHOULD assign indexes
/// randomly"), so an index tells nothing about when a credential was issued or how many were.
///
/// The random source is a parameter: production passes a cryptographic generator, tests a seeded
/// one. The allocator holds no state; the caller keeps the set of indexes already used.
public struct StatusListIndexAllocator: Sendable, Hashable {
    /// How many draws to try before switching to an exact pick among the free indexes; random
    /// draws almost always succeed first unless the list is nearly full.
    private static let drawAttempts = 32

    /// The number of entries in the list: indexes are drawn from `0..<count`.
    public let count: Int

    /// An allocator for a list of `count` entries.
    public init(count: Int = BitstringStatusList.minimumEntries) {
        precondition(count > 0, "a status list needs at least one entry")
        self.count = count
    }

    /// A uniformly random index in `0..<count` that is not in `used`, or `nil` when every index
    /// is used. Indexes in `used` outside `0..<count` are ignored.
    public func randomFreeIndex(excluding used: Set<Int>, using generator: inout some RandomNumberGenerator) -> Int? {
        let usedInRange = used.count(where: { $0 >= 0 && $0 < count })
        guard usedInRange < count else { return nil }
        for _ in 0..<Self.drawAttempts {
            let candidate = Int.random(in: 0..<count, using: &generator)
            if !used.contains(candidate) { return candidate }
        }
        // Nearly full: choose the k-th free index, which is just as uniform as a successful draw.
        var remaining = Int.random(in: 0..<(count - usedInRange), using: &generator)
        for index in 0..<count where !used.contains(index) {
            if remaining == 0 { return index }
            remaining -= 1
        }
        return nil
    }
}
