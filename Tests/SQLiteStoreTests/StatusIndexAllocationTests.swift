import Foundation
import SQLiteStore
import Synchronization
import Testing

@testable import IssuerCore

/// The narrow status list calls (`statusListUsage`, `incrementStatusListAllocated`) and the
/// allocator built on them: it must hand out exactly the indexes the whole-record allocator did,
/// in the same order, and never one twice, also when a list fills up and the next one opens.
@Suite("Status index allocation")
struct StatusIndexAllocationTests {
    /// Where a file store keeps its file; removed when the test ends.
    let scratch: TemporaryDirectory
    /// A second folder, for the store the reference allocator runs on.
    let referenceScratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
        referenceScratch = try TemporaryDirectory()
    }

    @Test(arguments: StoreKind.allCases)
    func usageSaysHowFullEachListOfAPurposeIs(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try transaction.saveStatusList(Samples.statusList(.revocation, number: 2, allocated: 7))
            try transaction.saveStatusList(Samples.statusList(.suspension, number: 1, allocated: 3))
            try transaction.saveStatusList(Samples.statusList(.revocation, number: 1, allocated: 131_072))
        }
        try await store.read { reading throws in
            #expect(
                try reading.statusListUsage(purpose: .revocation) == [
                    StatusListUsage(id: "revocation-1", capacity: 131_072, allocated: 131_072, isPublished: true),
                    StatusListUsage(id: "revocation-2", capacity: 131_072, allocated: 7, isPublished: false),
                ])
            #expect(try reading.statusListUsage(purpose: .suspension).map(\.allocated) == [3])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func incrementCountsOneIndexAndChangesNothingElse(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let list = Samples.statusList(.revocation, allocated: 41)
        let other = Samples.statusList(.suspension, allocated: 5)
        try await store.write { transaction in
            try transaction.saveStatusList(list)
            try transaction.saveStatusList(other)
        }
        try await store.write { transaction throws in
            try transaction.incrementStatusListAllocated(id: "revocation-1")
            try transaction.incrementStatusListAllocated(id: "revocation-1")
            // A transaction sees its own increments.
            #expect(try transaction.statusListUsage(purpose: .revocation).map(\.allocated) == [43])
        }
        var expected = list
        expected.allocated = 43
        #expect(try await store.read { try $0.statusList(id: "revocation-1") } == expected)
        #expect(try await store.read { try $0.statusList(id: "suspension-1") } == other)

        await #expect(throws: IssuerError(.notFound, "status list revocation-9")) {
            try await store.write { try $0.incrementStatusListAllocated(id: "revocation-9") }
        }
        // A transaction that fails after an increment leaves the count as it was.
        await #expect(throws: DeliberateFailure.self) {
            try await store.write { transaction in
                try transaction.incrementStatusListAllocated(id: "revocation-1")
                throw DeliberateFailure()
            }
        }
        #expect(try await store.read { try $0.statusList(id: "revocation-1")?.allocated } == 43)
    }

    /// Both lists start eight and ten short of full, so both fill up and open their second list
    /// part way through; each index is held by a credential at once, as the pipeline does.
    @Test(arguments: StoreKind.allCases, [RandomKind.seeded, .colliding])
    func allocatorHandsOutTheSameIndexesAsTheWholeRecordAllocator(kind: StoreKind, random: RandomKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let reference = try kind.makeStore(in: referenceScratch)
        for target in [store, reference] {
            try await target.write { transaction in
                try Samples.seed(in: transaction)
                try transaction.saveStatusList(Samples.statusList(.revocation, allocated: StatusIndexAllocator.capacity - 8))
                try transaction.saveStatusList(Samples.statusList(.suspension, allocated: StatusIndexAllocator.capacity - 10))
            }
        }
        let now = Samples.date(500)
        let narrow = StatusIndexAllocator(random: random.source(), now: now)
        let whole = WholeRecordAllocator(random: random.source(), now: now)
        var handedOut: [String] = []
        var referenceHandedOut: [String] = []
        for number in 1...14 {
            handedOut += try await store.write { transaction in
                let revocation = try narrow.allocate(purpose: .revocation, in: transaction)
                let suspension = try narrow.allocate(purpose: .suspension, in: transaction)
                try transaction.insertCredential(
                    Self.credential(number, revocation: (revocation.list, revocation.index), suspension: (suspension.list, suspension.index)))
                return ["\(revocation.list)#\(revocation.index)", "\(suspension.list)#\(suspension.index)"]
            }
            referenceHandedOut += try await reference.write { transaction in
                let revocation = try whole.allocate(purpose: .revocation, in: transaction)
                let suspension = try whole.allocate(purpose: .suspension, in: transaction)
                try transaction.insertCredential(Self.credential(number, revocation: revocation, suspension: suspension))
                return ["\(revocation.list)#\(revocation.index)", "\(suspension.list)#\(suspension.index)"]
            }
        }
        #expect(handedOut == referenceHandedOut)
        #expect(Set(handedOut).count == 28)
        // Revocation-1 takes eight more, then revocation-2 opens; suspension-1 ten more.
        #expect(handedOut.filter { $0.hasPrefix("revocation-1#") }.count == 8)
        #expect(handedOut.filter { $0.hasPrefix("suspension-1#") }.count == 10)
        #expect(handedOut.last?.hasPrefix("suspension-2#") == true)
        for purpose in [StatusPurpose.revocation, .suspension] {
            let usage = try await store.read { try $0.statusListUsage(purpose: purpose) }
            #expect(usage.map(\.allocated) == [StatusIndexAllocator.capacity, purpose == .revocation ? 6 : 4])
            #expect(try await reference.read { try $0.statusListUsage(purpose: purpose) } == usage)
            // A list is opened with empty bits and left unsigned for the pipeline to sign.
            let opened = try #require(try await store.read { try $0.statusList(id: "\(purpose.rawValue)-2") })
            #expect(opened.bits == Data(count: StatusIndexAllocator.capacity / 8) && opened.signedCredentialJSON == nil)
            #expect(opened.updatedAt == now)
        }
        if random == .colliding {
            // Probes only ever name 0…3; any other index came from the scan after 32 failed probes.
            #expect(handedOut.contains { $0.hasPrefix("suspension-1#") && Int($0.split(separator: "#")[1])! > 3 })
        }
    }

    /// A superseded credential (so the one-current-credential rule does not apply) holding these entries.
    static func credential(_ number: Int, revocation: (list: String, index: Int), suspension: (list: String, index: Int))
        -> CredentialRecord
    {
        var credential = Samples.credential("c-\(number)", state: .superseded, revocationIndex: revocation.index)
        credential.revocationList = revocation.list
        credential.suspensionList = suspension.list
        credential.suspensionIndex = suspension.index
        return credential
    }
}

/// Which randomness the allocators draw from.
enum RandomKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    /// The production kind of sequence, reproducible.
    case seeded
    /// 0, 1, 2, 3, 0, 1, …: random probes soon collide and the scan takes over, from a start that
    /// depends on how many numbers were drawn before.
    case colliding

    var testDescription: String { rawValue }

    func source() -> any RandomSource {
        switch self {
        case .seeded: SeededRandomSource(seed: 2026)
        case .colliding: CyclingRandomSource(period: 4)
        }
    }
}

/// 0, 1, …, period − 1, then again.
final class CyclingRandomSource: RandomSource {
    private let drawn = Mutex<UInt64>(0)
    let period: UInt64

    init(period: UInt64) {
        self.period = period
    }

    func next() -> UInt64 {
        drawn.withLock { drawn in
            defer { drawn += 1 }
            return drawn % period
        }
    }
}

/// The allocator as it was before the narrow store calls, kept verbatim as the reference: it reads
/// every list record of the purpose and saves the chosen one back with `allocated + 1`.
struct WholeRecordAllocator {
    let random: any RandomSource
    let now: Date

    func allocate(purpose: StatusPurpose, in transaction: any IssuerTransaction) throws -> (list: String, index: Int) {
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

    private func newList(purpose: StatusPurpose, number: Int) -> StatusListRecord {
        StatusListRecord(
            id: "\(purpose.rawValue)-\(number)", purpose: purpose, capacity: StatusIndexAllocator.capacity, allocated: 0,
            bits: Data(count: StatusIndexAllocator.capacity / 8), signedCredentialJSON: nil, updatedAt: now)
    }

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
        throw IssuerError(.statusListFull, "status list \(list.id) has no free index")
    }
}
