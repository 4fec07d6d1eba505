import CanonicalJSON
import Ed25519
import Foundation

/// A public key published by a controller, as a DID document or controller document lists it.
public struct VerificationMethod: Sendable, Hashable {
    /// The absolute URL of the method, usually `did:…#fragment`.
    public let id: String
    /// `Multikey`, `Ed25519VerificationKey2020` or `JsonWebKey`.
    public let type: String
    /// Who controls the key: the DID (or URL) that may speak with it.
    public let controller: String
    /// The Ed25519 key itself.
    public let publicKey: Ed25519PublicKey
    /// When the key was revoked (Controlled Identifiers 1.0 `revoked`, Security Vocabulary
    /// `sec:revoked`): no proof made at or after this moment is to be accepted. Attest's issuer
    /// sets it to the moment a compromised key leaked.
    public let revoked: Date?

    /// A method from its parts.
    public init(id: String, type: String = "Multikey", controller: String, publicKey: Ed25519PublicKey, revoked: Date? = nil) {
        self.id = id
        self.type = type
        self.controller = controller
        self.publicKey = publicKey
        self.revoked = revoked
    }

    /// Reads a verification method object; relative ids (`#key-1`) resolve against `documentID`.
    public init(json: JSONValue, documentID: String) throws(CredentialError) {
        guard let object = json.objectValue else {
            throw CredentialError(.invalidVerificationMethod, "a verification method must be an object")
        }
        guard let rawID = object["id"]?.stringValue else {
            throw CredentialError(.invalidVerificationMethod, "a verification method has no id")
        }
        guard let type = object["type"]?.stringValue else {
            throw CredentialError(.invalidVerificationMethod, "verification method \(rawID) has no type")
        }
        id = VerificationMethod.absolute(rawID, documentID: documentID)
        self.type = type
        controller = object["controller"]?.stringValue.map { VerificationMethod.absolute($0, documentID: documentID) } ?? documentID
        if let text = object["revoked"] {
            guard let stamp = text.stringValue, let date = DateTimeStamp.parse(stamp) else {
                throw CredentialError(
                    .invalidVerificationMethod, "verification method \(rawID) has a revoked that is not a dateTimeStamp")
            }
            revoked = date
        } else {
            revoked = nil
        }
        switch type {
        case "Multikey", "Ed25519VerificationKey2020":
            guard let multibase = object["publicKeyMultibase"]?.stringValue else {
                throw CredentialError(.invalidVerificationMethod, "verification method \(id) has no publicKeyMultibase")
            }
            publicKey = try Multikey.decodePublicKey(multibase)
        case "JsonWebKey", "JsonWebKey2020":
            guard let jwk = object["publicKeyJwk"]?.objectValue, jwk["kty"]?.stringValue == "OKP",
                jwk["crv"]?.stringValue == "Ed25519", let x = jwk["x"]?.stringValue, let raw = Base64URL.decode(x)
            else {
                throw CredentialError(.unsupportedPublicKeyType, "verification method \(id) is not an Ed25519 OKP JSON Web Key")
            }
            do {
                publicKey = try Ed25519PublicKey(rawRepresentation: raw)
            } catch {
                throw CredentialError(.invalidPublicKeyLength, "verification method \(id): \(error.reason)")
            }
        default:
            throw CredentialError(.unsupportedPublicKeyType, "verification method type \(type) is not supported (Ed25519 only)")
        }
    }

    /// The method as a `Multikey` JSON object.
    public var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "type": "Multikey", "controller": .string(controller),
            "publicKeyMultibase": .string(Multikey.encode(publicKey)),
        ]
        if let revoked { object["revoked"] = .string(DateTimeStamp.format(revoked)) }
        return .object(object)
    }

    static func absolute(_ reference: String, documentID: String) -> String {
        reference.hasPrefix("#") ? documentID + reference : reference
    }
}
