import Foundation
import VerifiableCredentials

/// Gives each new credential a random unused index in the issuer's current revocation and
/// suspension lists, opening a new list when the current one is full.
///
/// Random indexes keep a list from revealing issuance order or volume (Bitstring Status List §6.5).
struct StatusIndexAllocator {
    static let capacity = 131_072  // the Bitstring Status List minimum
    let random: any RandomSource
    let now: Date

    /// Allocates an index for `purpose` and counts it in its list.
    func allocate(purpose: String, in transaction: any IssuerTransaction) throws -> (list: String, index: Int) {
        // By list number, not by id text ("revocation-10" sorts before "revocation-2").
        let lists = try transaction.statusLists(purpose: purpose).sorted { Self.number(of: $0) < Self.number(of: $1) }
        var list = lists.last.flatMap { $0.allocated < $0.capacity ? $0 : nil } ?? newList(purpose: purpose, number: lists.count + 1)
        let index = try freeIndex(in: list, transaction: transaction)
        list.allocated += 1
        list.updatedAt = now
        try transaction.saveStatusList(list)
        return (list.id, index)
    }

    static func number(of list: StatusListRecord) -> Int {
        Int(list.id.split(separator: "-").last ?? "") ?? 0
    }

    private func newList(purpose: String, number: Int) -> StatusListRecord {
        StatusListRecord(
            id: "\(purpose)-\(number)", purpose: purpose, capacity: Self.capacity, allocated: 0,
            bits: Data(count: Self.capacity / 8), signedCredentialJSON: nil, updatedAt: now)
    }

    /// Random probes first; when the list is nearly full, a scan from a random start.
    private func freeIndex(in list: StatusListRecord, transaction: any IssuerTransaction) throws -> Int {
        for _ in 0..<32 {
            let candidate = random.uniform(below: list.capacity)
            if try !transaction.isStatusIndexTaken(list: list.id, index: candidate) { return candidate }
        }
        let start = random.uniform(below: list.capacity)
        for offset in 0..<list.capacity {
            let candidate = (start + offset) % list.capacity
            if try !transaction.isStatusIndexTaken(list: list.id, index: candidate) { return candidate }
        }
        throw IssuerError("statusListFull", "status list \(list.id) has no free index")
    }
}
