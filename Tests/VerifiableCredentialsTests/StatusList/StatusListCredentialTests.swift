import CanonicalJSON
import Foundation
import Testing

@testable import VerifiableCredentials

@Suite("StatusListCredential: reading, validating and looking up")
struct StatusListCredentialTests {
    private static let now = Date(timeIntervalSince1970: 1_763_900_000)  // 2025-11-23
    private static let suite = "w3c-vc-bitstring-status-list-test-suite/fixtures/"

    @Test("the spec's example status list credential parses: minimum size, nothing set")
    func specExample() throws {
        let credential = try StatusListCredential(
            json: try Fixture.json("w3c-vc-bitstring-status-list/spec-example-status-list-credential.json"), now: Self.now)
        #expect(credential.id == "https://example.com/credentials/status/3")
        #expect(credential.issuer == "did:example:12345")
        #expect(credential.purposes == [.revocation])
        #expect(credential.validFrom == DateTimeStamp.parse("2021-04-05T14:27:40Z"))
        #expect(credential.list.count == 131_072)
        let entry = try BitstringStatusListEntry(
            json: try #require(try Fixture.json("w3c-vc-bitstring-status-list/spec-example-revocable-credential.json")["credentialStatus"]))
        #expect(try credential.status(for: entry) == StatusResult(status: 0, purpose: .revocation))
        #expect(try credential.status(for: entry).valid)
    }

    @Test(
        "test-suite lists that must be accepted: bits 201, 57444 and 94023 set",
        arguments: ["status-credentials/single-purpose-ok.jsonld", "status-credentials/multi-purpose-ok.jsonld"])
    func suiteAccepted(path: String) throws {
        let credential = try StatusListCredential(json: try Fixture.json(Self.suite + path), now: Self.now)
        #expect(credential.list.count == 200_000)
        #expect(credential.list.indexesWithNonZeroStatus() == [201, 57_444, 94_023])
        #expect(credential.purposes.contains(.revocation))
    }

    @Test(
        "test-suite lists that must be rejected",
        arguments: [
            ("status-credentials/single-purpose-fail.jsonld", .statusVerificationError),
            ("status-credentials/multi-purpose-fail.jsonld", .statusVerificationError),
            ("status-credentials/short-encoded-list-fail.jsonld", .statusListLengthError),
        ] as [(String, CredentialError.Code)])
    func suiteRejected(path: String, code: CredentialError.Code) throws {
        let json = try Fixture.json(Self.suite + path)
        let error = #expect(throws: CredentialError.self) { try StatusListCredential(json: json, now: Self.now) }
        #expect(error?.code == code)
    }

    @Test(
        "test-suite credentials' entries against those lists: revoked, suspended, valid",
        arguments: [
            ("should-be-revoked.jsonld", "status-credentials/single-purpose-ok.jsonld", 1),
            ("should-be-suspended.jsonld", "status-credentials/multi-purpose-ok.jsonld", 1),
            ("sl-purpose-single-ok.jsonld", "status-credentials/single-purpose-ok.jsonld", 0),
            ("sl-purpose-multi-ok.jsonld", "status-credentials/multi-purpose-ok.jsonld", 0),
        ])
    func suiteEntries(credentialPath: String, listPath: String, expected: Int) throws {
        let entry = try BitstringStatusListEntry(json: try #require(try Fixture.json(Self.suite + credentialPath)["credentialStatus"]))
        let list = try StatusListCredential(json: try Fixture.json(Self.suite + listPath), now: Self.now)
        let result = try list.status(for: entry)
        #expect(result.status == expected)
        #expect(result.valid == (expected == 0))
        #expect(result.purpose == entry.statusPurpose)
    }

    @Test("an entry whose purpose the list does not serve → STATUS_VERIFICATION_ERROR")
    func purposeMismatch() throws {
        let entry = try BitstringStatusListEntry(
            json: try #require(try Fixture.json(Self.suite + "should-be-suspended.jsonld")["credentialStatus"]))
        let list = try StatusListCredential(
            json: try Fixture.json(Self.suite + "status-credentials/single-purpose-ok.jsonld"), now: Self.now)
        let error = #expect(throws: CredentialError.self) { try list.status(for: entry) }
        #expect(error?.code == .statusVerificationError)
    }

    private static func published(
        _ list: BitstringStatusList, purpose: BitstringStatusPurpose = .revocation, validUntil: Date? = nil
    ) -> JSONValue {
        StatusListCredential.unsigned(
            id: "https://issuer.example/status/1", issuer: "did:web:issuer.example", purpose: purpose, list: list,
            validFrom: Date(timeIntervalSince1970: 1_700_000_000), validUntil: validUntil, ttlMilliseconds: 300_000)
    }

    private static func entry(_ index: Int, purpose: BitstringStatusPurpose = .revocation) -> BitstringStatusListEntry {
        BitstringStatusListEntry(statusPurpose: purpose, statusListIndex: index, statusListCredential: "https://issuer.example/status/1")
    }

    @Test("unsigned() builds a credential that reads back with its list, dates and ttl")
    func unsignedRoundTrip() throws {
        var list = BitstringStatusList()
        try list.setStatus(1, at: 94_567)
        let json = Self.published(list, validUntil: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(json["type"] == ["VerifiableCredential", "BitstringStatusListCredential"])
        #expect(json["validFrom"] == "2023-11-14T22:13:20Z")
        #expect(json["credentialSubject"]?["id"] == "https://issuer.example/status/1#list")
        #expect(json["credentialSubject"]?["ttl"] == 300_000)
        let credential = try StatusListCredential(json: json, now: Self.now)
        #expect(credential.ttlMilliseconds == 300_000)
        #expect(credential.validUntil == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try credential.status(for: Self.entry(94_567)).status == 1)
        #expect(try credential.status(for: Self.entry(94_566)).status == 0)
    }

    @Test("index outside the list → RANGE_ERROR", arguments: [131_072, 1_000_000])
    func indexOutOfRange(index: Int) throws {
        let credential = try StatusListCredential(json: Self.published(BitstringStatusList()), now: Self.now)
        let error = #expect(throws: CredentialError.self) { try credential.status(for: Self.entry(index)) }
        #expect(error?.code == .rangeError)
    }

    @Test("expired and not-yet-valid lists are refused with STATUS_VERIFICATION_ERROR")
    func validityWindow() throws {
        let expired = Self.published(BitstringStatusList(), validUntil: Date(timeIntervalSince1970: 1_750_000_000))
        let error = #expect(throws: CredentialError.self) { try StatusListCredential(json: expired, now: Self.now) }
        #expect(error?.code == .statusVerificationError)
        #expect(error?.reason.contains("expired") == true)
        // The same list was fine before it expired.
        #expect(throws: Never.self) { try StatusListCredential(json: expired, now: Date(timeIntervalSince1970: 1_740_000_000)) }
        let early = #expect(throws: CredentialError.self) {
            try StatusListCredential(json: Self.published(BitstringStatusList()), now: Date(timeIntervalSince1970: 1_600_000_000))
        }
        #expect(early?.code == .statusVerificationError)
        #expect(early?.reason.contains("not valid yet") == true)
    }

    @Test("statusSize 2 with statusMessage: the message of the value is reported")
    func statusMessages() throws {
        var list = BitstringStatusList(entries: 131_072, statusSize: 2)
        try list.setStatus(2, at: 49_284)
        let credential = try StatusListCredential(json: Self.published(list, purpose: .message), now: Self.now)
        let messages: [BitstringStatusListEntry.StatusMessage] = [
            .init(status: 0, message: "pending_review"), .init(status: 1, message: "accepted"), .init(status: 2, message: "rejected"),
            .init(status: 3, message: "undefined"),
        ]
        var entry = BitstringStatusListEntry(
            statusPurpose: .message, statusListIndex: 49_284, statusListCredential: "https://issuer.example/status/1", statusSize: 2,
            statusMessage: messages)
        #expect(try credential.status(for: entry) == StatusResult(status: 2, purpose: .message, message: "rejected"))
        entry.statusListIndex = 0
        #expect(try credential.status(for: entry) == StatusResult(status: 0, purpose: .message, message: "pending_review"))
        // A 131,072-bit list holds only 65,536 two-bit entries: too few for herd privacy.
        let short = try StatusListCredential(json: Self.published(BitstringStatusList(), purpose: .message), now: Self.now)
        let error = #expect(throws: CredentialError.self) { try short.status(for: entry) }
        #expect(error?.code == .statusListLengthError)
    }

    private static func withSubject(_ key: String, _ value: JSONValue?, type: JSONValue? = nil) -> JSONValue {
        let base = Self.published(BitstringStatusList()).objectValue!
        var subject = Array(base["credentialSubject"]!.objectValue!).filter { $0.key != key }.map { ($0.key, $0.value) }
        if let value { subject.append((key, value)) }
        var members = Array(base).filter { $0.key != "credentialSubject" && (type == nil || $0.key != "type") }.map { ($0.key, $0.value) }
        if let type { members.append(("type", type)) }
        members.append(("credentialSubject", .object(JSONObject(subject))))
        return .object(JSONObject(members))
    }

    @Test(
        "malformed or wrong credentials are refused with the spec's codes",
        arguments: [
            (withSubject("encodedList", "u!!!"), .malformedValueError),
            (withSubject("encodedList", "uH4sIAAAAAAAAA"), .malformedValueError),
            (withSubject("encodedList", 5), .malformedValueError),
            (withSubject("ttl", "soon"), .malformedValueError),
            (withSubject("statusPurpose", []), .malformedValueError),
            (withSubject("statusPurpose", ["revocation", "randomPurpose"]), .statusVerificationError),
            (withSubject("type", "StatusList2021"), .statusVerificationError),
            (withSubject("ttl", nil, type: ["VerifiableCredential"]), .statusVerificationError),
            (withSubject("ttl", nil, type: ["VerifiableCredential", "StatusList2021Credential"]), .statusVerificationError),
            ("not an object", .malformedValueError),
        ] as [(JSONValue, CredentialError.Code)])
    func refused(json: JSONValue, code: CredentialError.Code) {
        let error = #expect(throws: CredentialError.self) { try StatusListCredential(json: json, now: Self.now) }
        #expect(error?.code == code)
    }

    @Test("a gzip bomb as encodedList is refused quickly with MALFORMED_VALUE_ERROR", .timeLimit(.minutes(1)))
    func bomb() throws {
        let script = "import gzip, sys; sys.stdout.buffer.write(gzip.compress(bytes(100 * 1024 * 1024), 9, mtime=0))"
        let bomb = try StatusListTestSupport.runSucceeding(["python3", "-c", script])
        let json = Self.withSubject("encodedList", .string("u" + Base64URL.encode(bomb)))
        let error = #expect(throws: CredentialError.self) { try StatusListCredential(json: json, now: Self.now) }
        #expect(error?.code == .malformedValueError)
    }
}
