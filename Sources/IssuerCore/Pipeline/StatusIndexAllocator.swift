import Foundation
import VerifiableCredentials

/// Gives each new credential a random unused index in the issuer's current revocation and
/// suspension lists, opening a new list when the current one is full.
///
/// Random indexes keep a list from revealing issuance order or volume (Bitstring Status List §6.5).
struct StatusIndexAllocator {
    static let capacity = BitstringStatusList.minimumEntries
    let random: any RandomSource
    let now: Date

    /// Allocates an index for `purpose` and counts it in its list; `isPublished` is false when the
    /// list has no signed list credential yet (a list opened by this call).
    ///
    /// Reads only how full the lists are and bumps one counter: a list's bits and signed credential
    /// are neither read nor rewritten (they were, twice per completion, the top cost of a burst).
    /// The list's `updatedAt` stays the time it was last signed, which is what renewal goes by.
    /// Needs only the status list part of the store.
    func allocate(purpose: StatusPurpose, in transaction: any StatusListWriting) throws -> (list: String, index: Int, isPublished: Bool) {
        // By list number, not by id text ("revocation-10" sorts before "revocation-2").
        let lists = try transaction.statusListUsage(purpose: purpose).sorted { Self.number(of: $0.id) < Self.number(of: $1.id) }
        if let current = lists.last, current.allocated < current.capacity {
            let index = try freeIndex(list: current.id, capacity: current.capacity, transaction: transaction)
            try transaction.incrementStatusListAllocated(id: current.id)
            return (current.id, index, current.isPublished)
        }
        let list = newList(purpose: purpose, number: lists.count + 1)
        let index = try freeIndex(list: list.id, capacity: list.capacity, transaction: transaction)
        try transaction.saveStatusList(list)
        return (list.id, index, false)
    }

    static func number(of listID: String) -> Int {
        Int(listID.split(separator: "-").last ?? "") ?? 0
    }

    /// A new list holding one index: the one handed out as it opens.
    private func newList(purpose: StatusPurpose, number: Int) -> StatusListRecord {
        StatusListRecord(
            id: "\(purpose.rawValue)-\(number)", purpose: purpose, capacity: Self.capacity, allocated: 1,
            bits: Data(count: Self.capacity / 8), signedCredentialJSON: nil, updatedAt: now)
    }

    /// Random probes first; when the list is nearly full, a scan from a random start.
    private func freeIndex(list: String, capacity: Int, transaction: any StatusListReading) throws -> Int {
        for _ in 0..<32 {
            let candidate = random.uniform(below: capacity)
            if try !transaction.isStatusIndexTaken(list: list, index: candidate) { return candidate }
        }
        let start = random.uniform(below: capacity)
        for offset in 0..<capacity {
            let candidate = (start + offset) % capacity
            if try !transaction.isStatusIndexTaken(list: list, index: candidate) { return candidate }
        }
        throw IssuerError(.statusListFull, "status list \(list) has no free index")
    }
}
