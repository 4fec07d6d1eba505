import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import TestSupport
import Testing
import VerifiableCredentials

/// Every kind of credential the pipeline issues, checked against 1EdTech's Open Badges 3.0 JSON
/// Schema by an independent validator (Python `jsonschema`), and the one-status-entry design.
@Suite("Open Badges 3.0 conformance of issued credentials")
struct OpenBadgesConformanceTests {
    static let achievementProgram = Program(
        id: "first-aid-badge",
        achievement: Achievement(
            name: "First Aid — Badge", description: "Basic life support.", criteria: "Attended and passed.", achievementType: "Badge",
            image: "https://certs.example.org/images/first-aid.png"),
        template: .achievement)
    static let suspendableProgram = Program(
        id: "forklift-licence",
        achievement: Achievement(name: "Forklift licence", description: "Counterbalance trucks.", criteria: "Practical test."),
        validity: ISODuration("P1Y"), statusPurpose: .suspension)

    /// Issues the full variety through the real pipeline and changes: each template, each status
    /// purpose, with and without score, validity, modules and image, a reissue with a new name, a
    /// compliance certificate and its reissue when the required training changes.
    static func issueEveryKind() async throws -> IssuerFixture {
        let fixture = try await IssuerFixture()
        try await fixture.store.write { transaction in
            try transaction.saveProgram(achievementProgram)
            try transaction.saveProgram(suspendableProgram)
        }
        let pipeline = fixture.pipeline()
        var events = [IssuerFixture.event(id: "evt-completion", learner: "u-1")]
        var noScore = IssuerFixture.event(
            id: "evt-badge", learner: "u-2", name: "山田 太郎", email: "taro@example.org", score: nil, modules: [])
        noScore.programID = achievementProgram.id
        events.append(noScore)
        var suspendable = IssuerFixture.event(id: "evt-forklift", learner: "u-3", name: "Ana Lima", email: "ana@example.org", modules: [])
        suspendable.programID = suspendableProgram.id
        events.append(suspendable)
        var issued: [String] = []
        for event in events {
            guard case .issued(_, let id) = try await pipeline.intake(event) else { throw Failure("\(event.eventID) was not issued") }
            try await pipeline.finish(credentialID: id)
            issued.append(id)
        }
        let changes = CredentialChanges(environment: fixture.environment, actor: "test")
        _ = try await changes.reissue(issued[0], newName: "Zoë Å. Nguyễn", reason: "name change")

        let compliance = ComplianceService(environment: fixture.environment, actor: "test")
        var configuration = ComplianceServiceTests.configuration
        try await compliance.saveConfiguration(configuration)
        let worker = try await compliance.worker("W-1001", email: "bo@example.org", name: "Bo Ek")
        try await compliance.join(learnerID: worker.id, configurationID: configuration.id)
        try await compliance.complete(learnerID: worker.id, moduleID: "electrical-safety")
        try await compliance.complete(learnerID: worker.id, moduleID: "live-demo")
        configuration.modules[2].required = true
        try await compliance.saveConfiguration(configuration)
        try await compliance.complete(learnerID: worker.id, moduleID: "confined-spaces")
        return fixture
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test("every credential the pipeline issued (each template and purpose, reissues, compliance) is valid against 1EdTech's schema")
    func everyIssuedCredentialIsSchemaValid() async throws {
        let fixture = try await Self.issueEveryKind()
        let records = try await fixture.store.read { try $0.credentials(filter: CredentialFilter()) }
        let signed = records.filter { $0.credentialJSON != nil }
        // completion, badge, forklift, the reissue, and at least two compliance versions.
        #expect(signed.count >= 6, "\(records.map { ($0.id, $0.programID, $0.state) })")
        #expect(Set(signed.map(\.programID)).count == 4)
        #expect(signed.contains { $0.state == .superseded })
        let problems = try OpenBadgesSchemaCheck.problems(
            in: Dictionary(uniqueKeysWithValues: signed.map { ("\($0.programID)-\($0.id)", Array($0.credentialJSON!)) }))
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("a wallet copy (bound to the holder's did:key, re-signed) of each kind of credential is valid against 1EdTech's schema")
    func walletCopiesAreSchemaValid() async throws {
        let fixture = try await Self.issueEveryKind()
        let active = try await fixture.store.read { try $0.credentials(filter: CredentialFilter(states: [.active])) }
        #expect(active.count >= 4)
        let holder = DIDKey.did(for: try Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32)).publicKey)
        var copies: [String: [UInt8]] = [:]
        for record in active {
            let copy = try await WalletCopies(environment: fixture.environment, actor: "test").boundCopy(
                of: record.id, holder: holder, via: .vcapi)
            #expect(copy["credentialSubject"]?["id"]?.stringValue == holder)
            copies["copy-\(record.programID)-\(record.id)"] = Array(copy.serialized().utf8)
        }
        let problems = try OpenBadgesSchemaCheck.problems(in: copies)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("the schema check can fail: a credential in the earlier shape (two status entries, an object proof) is refused on both counts")
    func legacyShapeIsRefused() async throws {
        let fixture = try await IssuerFixture()
        guard case .issued(_, let id) = try await fixture.pipeline().intake(IssuerFixture.event()) else { throw Failure("not issued") }
        let record = try await fixture.pipeline().finish(credentialID: id)
        let signedBytes = try #require(record.credentialJSON)
        var legacy = try #require(try JSONValue.parse(bytes: signedBytes).objectValue)
        let entry = try #require(legacy["credentialStatus"])
        legacy["credentialStatus"] = [entry, entry]
        legacy["proof"] = try #require(legacy["proof"]?.asArray.first)
        let problems = try OpenBadgesSchemaCheck.problems(in: ["legacy": Array(JSONValue.object(legacy).serialized().utf8)])
        #expect(problems.contains { $0.contains("at credentialStatus") }, "\(problems)")
        #expect(problems.contains { $0.contains("at proof") }, "\(problems)")
    }

    @Test("one status entry, an object, of the program's purpose; the proof is an array of one")
    func oneStatusEntry() async throws {
        let fixture = try await Self.issueEveryKind()
        let records = try await fixture.store.read { try $0.credentials(filter: CredentialFilter()) }.filter { $0.credentialJSON != nil }
        for record in records {
            let credential = try JSONValue.parse(bytes: try #require(record.credentialJSON))
            let entry = try #require(credential["credentialStatus"]?.objectValue, "\(record.id)")
            let expected: StatusPurpose =
                [Self.suspendableProgram.id, ComplianceServiceTests.configuration.programID].contains(record.programID)
                ? .suspension : .revocation
            let program = try #require(try await fixture.store.read { try $0.program(id: record.programID) })
            #expect(program.credentialStatusPurpose == expected, "\(record.programID)")
            #expect(entry["statusPurpose"]?.stringValue == program.credentialStatusPurpose.rawValue)
            let (list, index) =
                program.credentialStatusPurpose == .revocation
                ? (record.revocationList, record.revocationIndex) : (record.suspensionList, record.suspensionIndex)
            #expect(entry["statusListCredential"]?.stringValue == "https://certs.example.org/status/\(list)")
            #expect(entry["statusListIndex"]?.stringValue == String(index))
            #expect(entry["id"]?.stringValue == "https://certs.example.org/status/\(list)#\(index)")
            #expect(credential["proof"]?.arrayValue?.count == 1)
            #expect(record.publishedStatusPurposes == [program.credentialStatusPurpose])
        }
        #expect(records.contains { $0.programID == ComplianceServiceTests.configuration.programID })
    }
}
