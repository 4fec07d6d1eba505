import Foundation
import IssuerCore
import Testing

/// What intake does to the status lists: it counts the indexes it hands out and signs a list only
/// when it opens it. A list's `updatedAt` is when it was last signed, which is what renewal of
/// stale lists goes by; an intake that moved it without re-signing would let a list in daily use
/// expire unrenewed.
@Suite("Status lists at intake")
struct StatusListIntakeTests {
    @Test("intake counts indexes without re-signing the lists or moving their updatedAt")
    func intakeCountsWithoutResigning() async throws {
        let fixture = try await IssuerFixture(seed: 11)
        _ = try await fixture.pipeline().intake(IssuerFixture.event(id: "e0", learner: "u0"))
        let opened = try await fixture.store.read { try $0.statusLists(purpose: nil) }
        #expect(opened.map(\.id) == ["revocation-1", "suspension-1"])
        #expect(opened.allSatisfy { $0.signedCredentialJSON != nil && $0.updatedAt == IssuerFixture.start && $0.allocated == 1 })

        for number in 1..<6 {
            fixture.clock.advance(by: 3600)
            _ = try await fixture.pipeline().intake(IssuerFixture.event(id: "e\(number)", learner: "u\(number)"))
        }
        let after = try await fixture.store.read { try $0.statusLists(purpose: nil) }
        for (before, now) in zip(opened, after) {
            var expected = before
            expected.allocated = 6
            #expect(now == expected)
        }
        let usage = try await fixture.store.read { try $0.statusListUsage(purpose: .revocation) }
        #expect(usage == [StatusListUsage(id: "revocation-1", capacity: 131_072, allocated: 6, isPublished: true)])
    }
}
