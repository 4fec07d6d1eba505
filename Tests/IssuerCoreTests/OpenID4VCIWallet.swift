import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

/// A wallet's side of OpenID4VCI for the tests: a did:key holder that signs `jwt` key proofs
/// (JOSE compact serialization, EdDSA) and `di_vp` presentations, built from the specification's
/// text rather than from the issuer's code.
struct OpenID4VCIWallet {
    let key: Ed25519PrivateKey
    var did: String { DIDKey.did(for: key.publicKey) }
    var kid: String { DIDKey.verificationMethodID(for: key.publicKey) }

    init(seed: UInt8 = 9) throws {
        key = try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32))
    }

    /// A `jwt` key proof; every part can be spoiled by a test.
    func jwt(
        audience: JSONValue = "https://certs.example.org", issuedAt: Date, nonce: String?, type: String = "openid4vci-proof+jwt",
        algorithm: String = "EdDSA", kid: String? = nil, extraHeader: JSONObject = [:], signingKey: Ed25519PrivateKey? = nil
    ) throws -> String {
        var header: JSONObject = ["typ": .string(type), "alg": .string(algorithm), "kid": .string(kid ?? self.kid)]
        for (name, value) in extraHeader { header[name] = value }
        var payload: JSONObject = ["aud": audience, "iat": .number(issuedAt.timeIntervalSince1970.rounded(.down))]
        if let nonce { payload["nonce"] = .string(nonce) }
        let input =
            Base64URL.encode(Array(JSONValue.object(header).serialized().utf8)) + "."
            + Base64URL.encode(Array(JSONValue.object(payload).serialized().utf8))
        let signature = try (signingKey ?? key).signature(for: Array(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }

    /// A `di_vp` key proof: a presentation with an `eddsa-rdfc-2022` authentication proof.
    func presentation(challenge: String, domain: String = "https://certs.example.org") throws -> JSONValue {
        let suite = EdDSARDFC2022()
        let document: JSONObject = [
            "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"], "holder": .string(did),
        ]
        var proof: JSONObject = [
            "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-11-23T09:00:00Z",
            "verificationMethod": .string(kid), "proofPurpose": "authentication", "challenge": .string(challenge),
            "domain": .string(domain),
        ]
        let signature = try key.signature(for: try suite.hashData(document: document, proofConfiguration: proof))
        proof["proofValue"] = .string(Multibase.encode(signature, base: .base58btc))
        var signed = document
        signed["proof"] = .object(proof)
        return .object(signed)
    }

    /// A credential request body with one proof.
    static func request(jwt: String) -> JSONValue {
        ["credential_configuration_id": .string(OpenID4VCIIssuance.configurationID), "proofs": ["jwt": [.string(jwt)]]]
    }
}

extension IssuerFixture {
    /// A verifier that also knows the issuer's signed status lists, as a wallet's verifier fetches them.
    func verifierWithStatus() async throws -> Verifier {
        let keys = try await store.read { try $0.signingKeys() }
        let lists = try await store.read { try $0.statusLists(purpose: nil) }
        let source = StaticStatusListSource(
            listCredentials: try lists.compactMap { try $0.signedCredentialJSON.map { try JSONValue.parse(bytes: Array($0)) } })
        return Verifier(
            resolver: StaticDIDResolver(documents: [try issuer.didDocument(keys: keys)]), trustedIssuers: [issuer.did], statusLists: source,
            now: clock.now)
    }
}

/// Runs `work` and records an issue unless it is refused with the OpenID4VCI error `code`.
func expectOpenID4VCIRefusal(
    _ code: OpenID4VCIError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ work: () async throws -> Void
) async {
    do {
        try await work()
        Issue.record("expected \(code.rawValue), nothing was refused", sourceLocation: sourceLocation)
    } catch let error as OpenID4VCIError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
}
