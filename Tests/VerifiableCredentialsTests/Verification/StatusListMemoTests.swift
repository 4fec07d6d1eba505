import CanonicalJSON
import Ed25519
import Foundation
import Testing

@testable import VerifiableCredentials

/// A did:key resolver that counts what it resolves: each count is one proof checked.
final class CountingResolver: DIDResolver, @unchecked Sendable {
    private let lock = NSLock()
    private var resolved = 0
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return resolved
    }

    func resolve(_ did: String) async throws(CredentialError) -> DIDDocument {
        increment()
        return try await DIDKeyResolver().resolve(did)
    }

    private func increment() {
        lock.withLock { resolved += 1 }
    }
}

/// ``StatusListMemo``: a list's signature is checked once per verifier, and a list that differs in
/// any byte, or is checked for another issuer, is checked afresh.
@Suite("Status list memo")
struct StatusListMemoTests {
    let suite: StatusListSuiteTests

    init() throws { suite = try StatusListSuiteTests() }

    func credential(_ name: String) throws -> JSONValue {
        try suite.signed(try Fixture.json("\(StatusListSuiteTests.folder)/\(name).jsonld"))
    }

    @Test("with a memo, the second credential's lists are not checked again, and every verdict is the one without it")
    func sameVerdicts() async throws {
        let names = [
            "sl-purpose-single-ok", "should-be-revoked", "should-be-suspended", "sl-date-expired-fail", "sl-encoded-list-invalid-fail",
        ]
        let lists = StaticStatusListSource(credentials: try suite.lists())
        let memoResolver = CountingResolver()
        var remembering = Verifier(resolver: memoResolver, statusLists: lists, now: StatusListSuiteTests.now)
        remembering.statusListMemo = StatusListMemo()
        let plainResolver = CountingResolver()
        let plain = Verifier(resolver: plainResolver, statusLists: lists, now: StatusListSuiteTests.now)
        for name in names {
            for _ in 0..<2 {
                let credential = try credential(name)
                let expected = await plain.verify(credential)
                let report = await remembering.verify(credential)
                #expect(report.verdict == expected.verdict, "\(name)")
                #expect(report.checks.map(\.message) == expected.checks.map(\.message), "\(name)")
            }
        }
        // Without the memo every status entry checks its list's proof again; with it, each list once.
        #expect(memoResolver.count < plainResolver.count)
        #expect(remembering.statusListMemo?.count ?? 0 > 0)
    }

    @Test("a list changed after it was remembered (revoked, or signed by a stranger) is checked afresh")
    func changedList() async throws {
        let memo = StatusListMemo()
        let url = StatusListSuiteTests.base + "purpose-single-ok.jsonld"
        var lists = try suite.lists()
        var verifier = Verifier(statusLists: StaticStatusListSource(credentials: lists), now: StatusListSuiteTests.now)
        verifier.statusListMemo = memo
        let credential = try credential("sl-purpose-single-ok")
        #expect(await verifier.verify(credential).verdict == .valid)

        // The same list with the credential's bit set, re-signed by the issuer: now revoked.
        let entry = try BitstringStatusListEntry(json: try #require(credential["credentialStatus"]?.asArray.first))
        var revoked = try #require(lists[url]?.objectValue)
        revoked["proof"] = nil
        var subject = try #require(revoked["credentialSubject"]?.objectValue)
        var bits = try BitstringStatusList(encodedList: try #require(subject["encodedList"]?.stringValue))
        try bits.setStatus(1, at: entry.statusListIndex)
        subject["encodedList"] = .string(bits.encodedList)
        revoked["credentialSubject"] = .object(subject)
        lists[url] = try suite.signed(.object(revoked), id: url)
        verifier.statusLists = StaticStatusListSource(credentials: lists)
        #expect(await verifier.verify(credential).verdict == .invalid)

        // The original list's content under a stranger's signature: not trusted, memo or not.
        let stranger = try Ed25519PrivateKey(seed: [UInt8](repeating: 12, count: 32))
        var forged = try #require(try suite.lists()[url]?.objectValue)
        forged["proof"] = nil
        forged["issuer"] = .string(DIDKey.did(for: stranger.publicKey))
        lists[url] = try DataIntegrity().addProof(
            to: .object(forged), suite: EdDSAJCS2022(),
            options: .init(verificationMethod: DIDKey.verificationMethodID(for: stranger.publicKey), created: StatusListSuiteTests.now),
            key: stranger)
        verifier.statusLists = StaticStatusListSource(credentials: lists)
        #expect(await verifier.verify(credential).verdict == .indeterminate)
        #expect(memo.count == 3)
    }
}
