import CanonicalJSON
import Ed25519
import Foundation

/// Creating and verifying Data Integrity proofs (W3C VC Data Integrity 1.0) with Ed25519 suites,
/// including proof sets (several proofs) and proof chains (`previousProof`).
public struct DataIntegrity: Sendable {
    /// The suites this instance recognises when verifying.
    public let suites: [any Cryptosuite]

    /// An engine that knows these suites (by default every suite this library implements).
    public init(suites: [any Cryptosuite] = DataIntegrity.allSuites) {
        self.suites = suites
    }

    /// Every suite this library implements.
    public static var allSuites: [any Cryptosuite] { [EdDSAJCS2022(), EdDSARDFC2022(), Ed25519Signature2020()] }

    /// The suite a proof names, or `nil` when it names none we know.
    public func suite(forProof proof: JSONObject) -> (any Cryptosuite)? {
        let type = proof["type"]?.stringValue
        let cryptosuite = proof["cryptosuite"]?.stringValue
        return suites.first { $0.proofType == type && $0.cryptosuiteName == cryptosuite }
    }

    /// The options of a new proof.
    public struct ProofOptions: Sendable {
        /// The key's URL, e.g. `did:key:z6Mk…#z6Mk…` or `did:web:example.com#key-1`.
        public var verificationMethod: String
        /// What the proof is for; credentials use `assertionMethod`.
        public var proofPurpose: String
        /// When the proof was made; `nil` leaves `created` out.
        public var created: Date?
        /// An optional proof `id`, needed to chain later proofs to this one.
        public var id: String?
        /// The ids of earlier proofs this one chains to.
        public var previousProof: [String]

        /// Options for an assertion proof.
        public init(
            verificationMethod: String, proofPurpose: String = "assertionMethod", created: Date? = nil, id: String? = nil,
            previousProof: [String] = []
        ) {
            self.verificationMethod = verificationMethod
            self.proofPurpose = proofPurpose
            self.created = created
            self.id = id
            self.previousProof = previousProof
        }
    }

    /// Adds a proof to a document (appending to any proofs already there: a proof set, or a chain
    /// when `previousProof` is set) and returns the secured document.
    public func addProof(to document: JSONValue, suite: any Cryptosuite, options: ProofOptions, key: Ed25519PrivateKey)
        throws(CredentialError) -> JSONValue
    {
        guard suite.canCreateProofs else {
            throw CredentialError(.proofGenerationError, "\(suite.displayName) proofs can be verified but not created")
        }
        guard var securedDocument = document.objectValue else {
            throw CredentialError(.proofGenerationError, "only a JSON object can be secured")
        }
        let existingProofs = securedDocument["proof"]?.asArray ?? []
        var unsecured = securedDocument
        unsecured["proof"] = nil
        if !options.previousProof.isEmpty {
            unsecured["proof"] = try previousProofs(options.previousProof, among: existingProofs)
        }
        var proofOptions: JSONObject = ["type": .string(suite.proofType)]
        if let name = suite.cryptosuiteName { proofOptions["cryptosuite"] = .string(name) }
        if let id = options.id { proofOptions["id"] = .string(id) }
        if let created = options.created { proofOptions["created"] = .string(DateTimeStamp.format(created)) }
        proofOptions["verificationMethod"] = .string(options.verificationMethod)
        proofOptions["proofPurpose"] = .string(options.proofPurpose)
        if !options.previousProof.isEmpty {
            proofOptions["previousProof"] =
                options.previousProof.count == 1
                ? .string(options.previousProof[0]) : .array(options.previousProof.map(JSONValue.string))
        }
        var proof = try suite.proofConfiguration(options: proofOptions, document: unsecured)
        let hashData = try suite.hashData(document: unsecured, proofConfiguration: proof)
        let signature: [UInt8]
        do {
            signature = try key.signature(for: hashData)
        } catch {
            throw CredentialError(.proofGenerationError, "signing failed: \(error.reason)")
        }
        proof["proofValue"] = .string(Multibase.encode(signature, base: .base58btc))
        let allProofs = existingProofs + [.object(proof)]
        securedDocument["proof"] = allProofs.count == 1 ? allProofs[0] : .array(allProofs)
        return .object(securedDocument)
    }

    /// The proofs of a secured document, each as an object; `MALFORMED_PROOF_ERROR` when there are none
    /// or one is not an object.
    public func proofs(of document: JSONValue) throws(CredentialError) -> [JSONObject] {
        guard let proofValue = document["proof"] else {
            throw CredentialError(.malformedProofError, "the document has no proof")
        }
        var proofs: [JSONObject] = []
        for entry in proofValue.asArray {
            guard let proof = entry.objectValue else {
                throw CredentialError(.malformedProofError, "a proof must be a JSON object")
            }
            proofs.append(proof)
        }
        guard !proofs.isEmpty else { throw CredentialError(.malformedProofError, "the document's proof list is empty") }
        return proofs
    }

    /// Checks the form of a proof before any key is looked up: required members, a
    /// dateTimeStamp `created`, the expected purpose, a known suite. Returns the suite.
    public func checkProofForm(_ proof: JSONObject, expectedPurpose: String = "assertionMethod") throws(CredentialError) -> any Cryptosuite
    {
        // The type decides which members a proof has (Ed25519Signature2018 carries `jws`, not
        // `proofValue`), so a type this verifier lacks is named as such before anything else.
        if let type = proof["type"]?.stringValue, suite(forProof: proof) == nil,
            type != "DataIntegrityProof" || proof["cryptosuite"] != nil
        {
            let name = proof["cryptosuite"]?.stringValue.map { "\(type) with cryptosuite \($0)" } ?? type
            throw CredentialError(
                .unsupportedProofType,
                "unsupported proof type \(name): this verifier checks \(suites.map(\.displayName).joined(separator: ", ")) only")
        }
        for member in ["type", "verificationMethod", "proofPurpose", "proofValue"] where proof[member]?.stringValue == nil {
            throw CredentialError(.malformedProofError, "the proof has no \(member) string")
        }
        if let created = proof["created"] {
            guard let text = created.stringValue, DateTimeStamp.parse(text) != nil else {
                throw CredentialError(.malformedProofError, "the proof's created is not an XML Schema dateTimeStamp")
            }
        }
        guard proof["proofPurpose"]?.stringValue == expectedPurpose else {
            throw CredentialError(
                .mismatchedProofPurposeError,
                "the proof purpose is \(proof["proofPurpose"]?.stringValue ?? "?"), \(expectedPurpose) was expected")
        }
        guard let suite = suite(forProof: proof) else {
            throw CredentialError(.malformedProofError, "a DataIntegrityProof must name its cryptosuite")
        }
        return suite
    }

    /// Verifies one proof of a secured document with the key its verification method names.
    /// Throws the Data Integrity error that says what failed; returns normally only when the
    /// signature is valid over this document.
    public func verifyProof(
        _ proof: JSONObject, of securedDocument: JSONValue, publicKey: Ed25519PublicKey, expectedPurpose: String = "assertionMethod"
    ) throws(CredentialError) {
        let suite = try checkProofForm(proof, expectedPurpose: expectedPurpose)
        guard let document = securedDocument.objectValue else {
            throw CredentialError(.proofVerificationError, "the secured document is not a JSON object")
        }
        var unsecured = document
        unsecured["proof"] = nil
        let previous = proof["previousProof"]?.asArray.compactMap(\.stringValue) ?? []
        if !previous.isEmpty {
            unsecured["proof"] = try previousProofs(previous, among: try proofs(of: securedDocument).map(JSONValue.object))
        }
        var proofOptions = proof
        proofOptions["proofValue"] = nil
        let signature = try Multibase.decode(proof["proofValue"]!.stringValue!, expected: .base58btc)
        guard signature.count == 64 else {
            throw CredentialError(.proofVerificationError, "an Ed25519 proofValue is 64 bytes, this one is \(signature.count)")
        }
        let transformed = try suite.unsecuredDocument(unsecured, forProof: proofOptions)
        let hashData = try suite.hashData(document: transformed, proofConfiguration: proofOptions)
        guard publicKey.isValidSignature(signature, for: hashData) else {
            throw CredentialError(
                .proofVerificationError,
                "the \(suite.displayName) signature does not match the document: it was altered after signing, or signed with another key")
        }
    }

    private func previousProofs(_ ids: [String], among proofs: [JSONValue]) throws(CredentialError) -> JSONValue {
        var matched: [JSONValue] = []
        for id in ids {
            guard let proof = proofs.first(where: { $0["id"]?.stringValue == id }) else {
                throw CredentialError(.proofVerificationError, "previousProof \(id) is not among the document's proofs")
            }
            matched.append(proof)
        }
        return matched.count == 1 ? matched[0] : .array(matched)
    }
}
