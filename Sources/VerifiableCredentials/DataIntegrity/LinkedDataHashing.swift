import CanonicalJSON
import Ed25519
import LinkedData

/// The RDF path of the linked-data suites: JSON-LD to RDF with the bundled contexts only,
/// RDFC-1.0, SHA-256. The proof configuration is canonicalized with the document's `@context`.
struct LinkedDataHashing: Sendable {
    let processor: JSONLDProcessor

    /// SHA-256(RDFC(proof configuration)) ‖ SHA-256(RDFC(document)).
    func hashData(document: JSONObject, proofConfiguration: JSONObject) throws(CredentialError) -> [UInt8] {
        var configuration = proofConfiguration
        configuration["@context"] = document["@context"]
        return SHA256.hash(try canonicalUTF8(configuration, what: "proof configuration"))
            + SHA256.hash(try canonicalUTF8(document, what: "document"))
    }

    /// Canonical N-Quads of a JSON-LD object.
    func canonical(_ object: JSONObject, what: String) throws(CredentialError) -> String {
        String(decoding: try canonicalUTF8(object, what: what), as: UTF8.self)
    }

    /// Canonical N-Quads of a JSON-LD object, as UTF-8 (what is hashed).
    func canonicalUTF8(_ object: JSONObject, what: String) throws(CredentialError) -> [UInt8] {
        do {
            return try processor.canonicalNQuadsUTF8(.object(object), canonicalizer: RDFCanonicalizer(hashAlgorithm: .sha256Native))
        } catch where error.code == .dataLoss {
            // VC Data Integrity 1.0 §2.4: what JSON-LD would drop is not covered by the signature.
            let member = error.memberPath.isEmpty ? "" : " \(error.memberPath)"
            throw CredentialError(
                .dataLossDetectionError, "the \(what) member\(member) would not be covered by the signature: \(error.reason)")
        } catch {
            throw CredentialError(.proofTransformationError, "the \(what) cannot be canonicalized: \(error.reason)")
        }
    }
}

extension JSONLDProcessor {
    /// The bundled contexts in safe mode: a term no context defines is an error, not a silent drop,
    /// so nothing in a credential escapes its signature.
    public static let safe: JSONLDProcessor = {
        var options = JSONLDOptions()
        options.safeMode = true
        return JSONLDProcessor(options: options)
    }()
}

extension HashAlgorithm {
    /// SHA-256 from OpenSSL, faster than the pure-Swift default of the LinkedData library.
    static let sha256Native = HashAlgorithm(name: "SHA256") { SHA256.hash($0) }
}

/// A suite that hashes through JSON-LD and RDFC-1.0: the proof carries no `@context` (the
/// document's contexts canonicalize it) and the document is verified as it is.
protocol LinkedDataCryptosuite: Cryptosuite {
    var hashing: LinkedDataHashing { get }
}

extension LinkedDataCryptosuite {
    public func proofConfiguration(options: JSONObject, document: JSONObject) throws(CredentialError) -> JSONObject { options }

    public func unsecuredDocument(_ document: JSONObject, forProof proofOptions: JSONObject) throws(CredentialError) -> JSONObject { document }

    public func hashData(document: JSONObject, proofConfiguration: JSONObject) throws(CredentialError) -> [UInt8] {
        try hashing.hashData(document: document, proofConfiguration: proofConfiguration)
    }
}

/// `eddsa-rdfc-2022` (Data Integrity EdDSA Cryptosuites v1.0 §3.2): RDFC-1.0 canonical N-Quads of
/// the document and of the proof configuration, each hashed with SHA-256, signed with Ed25519.
public struct EdDSARDFC2022: LinkedDataCryptosuite {
    public let proofType = "DataIntegrityProof"
    public let cryptosuiteName: String? = "eddsa-rdfc-2022"
    public let canCreateProofs = true
    let hashing: LinkedDataHashing

    /// The suite, with contexts from `processor` (the bundled contexts in safe mode by default; never the network).
    public init(processor: JSONLDProcessor = .safe) {
        hashing = LinkedDataHashing(processor: processor)
    }
}

/// `Ed25519Signature2020` (the legacy linked-data suite), verify only: the same RDFC and SHA-256
/// hashing as eddsa-rdfc-2022 under its own proof type, for credentials from older wallets.
public struct Ed25519Signature2020: LinkedDataCryptosuite {
    public let proofType = "Ed25519Signature2020"
    public let cryptosuiteName: String? = nil
    public let canCreateProofs = false
    let hashing: LinkedDataHashing

    /// The suite, with contexts from `processor`.
    public init(processor: JSONLDProcessor = .safe) {
        hashing = LinkedDataHashing(processor: processor)
    }
}
