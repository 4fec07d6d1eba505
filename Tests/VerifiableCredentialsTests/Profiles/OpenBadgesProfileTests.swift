import CanonicalJSON
import Testing

@testable import VerifiableCredentials

/// The Open Badges 3.0 profile rules beyond the VC data model, on 1EdTech's own example.
@Suite("Open Badges 3.0 profile")
struct OpenBadgesProfileTests {
    static func example() throws -> JSONObject {
        try #require(try Fixture.json("1edtech-openbadges-v3p0/basic-openbadgecredential-example.json").objectValue)
    }

    static func withSubject(_ change: (inout JSONObject) -> Void) throws -> JSONValue {
        var credential = try example()
        var subject = try #require(credential["credentialSubject"]?.objectValue)
        change(&subject)
        credential["credentialSubject"] = .object(subject)
        return .object(credential)
    }

    @Test("1EdTech's basic example conforms (its subject has an id)")
    func exampleConforms() throws {
        #expect(OpenBadgesProfile.violations(in: .object(try Self.example())).isEmpty)
    }

    @Test(
        "a subject needs an id or at least one identifier (B.1.3)",
        arguments: [
            ("no id, no identifier", false, JSONValue?.none),
            ("no id, an empty identifier list", false, JSONValue.array([])),
            (
                "no id, one IdentityObject", true,
                JSONValue.array([
                    ["type": "IdentityObject", "identityType": "emailAddress", "hashed": false, "identityHash": "a@example.org"]
                ])
            ),
        ])
    func subjectIdentity(name: String, conforms: Bool, identifier: JSONValue?) throws {
        let credential = try Self.withSubject {
            $0["id"] = nil
            $0["identifier"] = identifier
        }
        let violations = OpenBadgesProfile.violations(in: credential)
        #expect(violations.isEmpty == conforms, "\(name): \(violations)")
        if !conforms {
            #expect(violations == ["credentialSubject needs an id or an identifier (Open Badges 3.0 B.1.3)"])
        }
    }
}
