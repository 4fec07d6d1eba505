import CanonicalJSON
import Testing

@testable import VerifiableCredentials

@Suite("BitstringStatusListEntry")
struct BitstringStatusListEntryTests {
    @Test("the spec's example entries parse")
    func specExamples() throws {
        let single = try Fixture.json("w3c-vc-bitstring-status-list/spec-example-revocable-credential.json")
        let entry = try BitstringStatusListEntry(json: try #require(single["credentialStatus"]))
        #expect(entry.id == "https://example.com/credentials/status/3#94567")
        #expect(entry.statusPurpose == .revocation)
        #expect(entry.statusListIndex == 94_567)
        #expect(entry.statusListCredential == "https://example.com/credentials/status/3")
        #expect(entry.effectiveStatusSize == 1)

        let pair = try Fixture.json("w3c-vc-bitstring-status-list/spec-example-revocation-and-suspension-entries.json")
        let entries = try (pair["credentialStatus"]?.asArray ?? []).map { json throws(CredentialError) in
            try BitstringStatusListEntry(json: json)
        }
        #expect(entries.map(\.statusPurpose) == [.revocation, .suspension])
        #expect(entries.map(\.statusListIndex) == [94_567, 23_452])
    }

    @Test("json writes the index as a base-10 string and reads back the same entry")
    func jsonRoundTrip() throws {
        let entry = BitstringStatusListEntry(
            id: "https://issuer.example/status/1#42", statusPurpose: .message, statusListIndex: 42,
            statusListCredential: "https://issuer.example/status/1", statusSize: 2,
            statusMessage: [
                .init(status: 0, message: "pending_review"), .init(status: 1, message: "accepted"), .init(status: 2, message: "rejected"),
                .init(status: 3, message: "undefined"),
            ],
            statusReference: ["https://issuer.example/status-dictionary/"])
        #expect(entry.json["statusListIndex"] == "42")
        #expect(entry.json["type"] == "BitstringStatusListEntry")
        #expect(entry.json["statusMessage"]?.arrayValue?[2]["status"] == "0x2")
        #expect(try BitstringStatusListEntry(json: entry.json) == entry)
        #expect(entry.message(for: 2) == "rejected")
    }

    private static let valid: JSONValue = [
        "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "7",
        "statusListCredential": "https://issuer.example/status/1",
    ]

    private static func replacing(_ key: String, with value: JSONValue?) -> JSONValue {
        var members = Array(valid.objectValue!).filter { $0.key != key }.map { ($0.key, $0.value) }
        if let value { members.append((key, value)) }
        return .object(JSONObject(members))
    }

    @Test(
        "malformed entries → MALFORMED_VALUE_ERROR",
        arguments: [
            ("type", "StatusList2021Entry"), ("statusListIndex", 7), ("statusListIndex", "-1"), ("statusListIndex", "0x7"),
            ("statusListIndex", ""), ("statusListIndex", " 7"), ("statusListCredential", nil), ("statusPurpose", nil),
            ("statusSize", 0), ("statusSize", 1.5), ("statusSize", 2), ("statusReference", 5),
            ("statusMessage", [["status": "0x0", "message": "valid"]]),
            ("statusMessage", [["status": "0x0", "message": "valid"], ["status": "0x0", "message": "again"]]),
            ("statusMessage", [["status": "0", "message": "valid"], ["status": "1", "message": "revoked"]]),
        ] as [(String, JSONValue?)])
    func malformed(key: String, value: JSONValue?) {
        let error = #expect(throws: CredentialError.self) { try BitstringStatusListEntry(json: Self.replacing(key, with: value)) }
        #expect(error?.code == .malformedValueError)
    }

    @Test("an unknown purpose → STATUS_VERIFICATION_ERROR; an index past Int → RANGE_ERROR")
    func otherErrors() {
        let purpose = #expect(throws: CredentialError.self) {
            try BitstringStatusListEntry(json: Self.replacing("statusPurpose", with: "randomPurpose"))
        }
        #expect(purpose?.code == .statusVerificationError)
        let range = #expect(throws: CredentialError.self) {
            try BitstringStatusListEntry(json: Self.replacing("statusListIndex", with: "99999999999999999999999999"))
        }
        #expect(range?.code == .rangeError)
    }
}
