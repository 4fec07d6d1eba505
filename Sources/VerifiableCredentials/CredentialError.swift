/// Why a credential, key, DID or proof was refused: a stable `code` that programs and tests compare,
/// and a `reason` a person can act on.
///
/// Codes are the names the W3C specifications give where they give one (`INVALID_DID`,
/// `PROOF_VERIFICATION_ERROR`, …) and otherwise a short name of the broken rule.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; compare it (`error.code == .rangeError`), never `reason`.
    public let code: Code
    /// What happened, and where possible what to do about it.
    public let reason: String

    /// An error with a code and a human reason.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The reason with its code in brackets, one line.
    public var description: String { "\(reason) [\(code)]" }

    /// The codes: a struct over a private enum, so the set can grow without breaking callers;
    /// `description` is the specification's spelling (e.g. `PROOF_VERIFICATION_ERROR`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Sendable {
            case malformedValueError = "MALFORMED_VALUE_ERROR"
            case malformedProofError = "MALFORMED_PROOF_ERROR"
            case statusRetrievalError = "STATUS_RETRIEVAL_ERROR"
            case statusVerificationError = "STATUS_VERIFICATION_ERROR"
            case statusListLengthError = "STATUS_LIST_LENGTH_ERROR"
            case rangeError = "RANGE_ERROR"
            case invalidVerificationMethod = "INVALID_VERIFICATION_METHOD"
            case proofVerificationError = "PROOF_VERIFICATION_ERROR"
            case proofGenerationError = "PROOF_GENERATION_ERROR"
            case proofTransformationError = "PROOF_TRANSFORMATION_ERROR"
            case dataLossDetectionError = "DATA_LOSS_DETECTION_ERROR"
            case mismatchedProofPurposeError = "MISMATCHED_PROOF_PURPOSE_ERROR"
            case unsupportedProofType = "unsupported_proof_type"
            case unsupportedPublicKeyType
            case invalidDid
            case invalidPublicKeyLength
            case invalidPublicKey
            case invalidEncoding
            case invalidDidDocument
            case resolverUnavailable
            case notFound
            case methodNotSupported
            case invalidGzip
            case gzipSizeLimitExceeded
            case invalidChallengeError = "INVALID_CHALLENGE_ERROR"
            case invalidDomainError = "INVALID_DOMAIN_ERROR"
            case invalidPresentation
            case invalidBakedBadge = "invalid_baked_badge"
            case bakedBadgeTooLarge = "baked_badge_too_large"
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The specification's spelling, e.g. `RANGE_ERROR`.
        public var description: String { backing.rawValue }

        /// A value is not of the form the specification requires (Bitstring Status List `MALFORMED_VALUE_ERROR`).
        public static let malformedValueError = Code(.malformedValueError)
        /// A proof lacks a member or has one of the wrong form (Data Integrity `MALFORMED_PROOF_ERROR`).
        public static let malformedProofError = Code(.malformedProofError)
        /// A status list could not be fetched or read (Bitstring Status List `STATUS_RETRIEVAL_ERROR`).
        public static let statusRetrievalError = Code(.statusRetrievalError)
        /// A status list or entry does not verify: wrong purpose, type or signature (`STATUS_VERIFICATION_ERROR`).
        public static let statusVerificationError = Code(.statusVerificationError)
        /// A status list is shorter than the minimum of 131,072 entries (`STATUS_LIST_LENGTH_ERROR`).
        public static let statusListLengthError = Code(.statusListLengthError)
        /// A status index is outside its list (Bitstring Status List `RANGE_ERROR`).
        public static let rangeError = Code(.rangeError)
        /// A verification method cannot be used for this proof (Data Integrity `INVALID_VERIFICATION_METHOD`).
        public static let invalidVerificationMethod = Code(.invalidVerificationMethod)
        /// The signature does not verify (Data Integrity `PROOF_VERIFICATION_ERROR`).
        public static let proofVerificationError = Code(.proofVerificationError)
        /// A proof could not be made (Data Integrity `PROOF_GENERATION_ERROR`).
        public static let proofGenerationError = Code(.proofGenerationError)
        /// The document could not be canonicalized for a proof (Data Integrity `PROOF_TRANSFORMATION_ERROR`).
        public static let proofTransformationError = Code(.proofTransformationError)
        /// A member of the document would not be covered by the signature (Data Integrity `DATA_LOSS_DETECTION_ERROR`).
        public static let dataLossDetectionError = Code(.dataLossDetectionError)
        /// The proof was made for another purpose (Data Integrity `MISMATCHED_PROOF_PURPOSE_ERROR`).
        public static let mismatchedProofPurposeError = Code(.mismatchedProofPurposeError)
        /// A proof type or cryptosuite this verifier does not implement: the proof cannot be checked at
        /// all, which is not the same as a failed signature.
        public static let unsupportedProofType = Code(.unsupportedProofType)
        /// A Multikey holds a key of another type than Ed25519.
        public static let unsupportedPublicKeyType = Code(.unsupportedPublicKeyType)
        /// The text is not a DID of a method this library reads (did:key, did:web).
        public static let invalidDid = Code(.invalidDid)
        /// An Ed25519 public key does not have 32 bytes.
        public static let invalidPublicKeyLength = Code(.invalidPublicKeyLength)
        /// A Multikey value is not a multibase-encoded public key.
        public static let invalidPublicKey = Code(.invalidPublicKey)
        /// A multibase value does not decode.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// A DID document does not have the members a verifier needs.
        public static let invalidDidDocument = Code(.invalidDidDocument)
        /// A DID could not be resolved now (the network or the server failed).
        public static let resolverUnavailable = Code(.resolverUnavailable)
        /// A DID is not among the documents the resolver knows.
        public static let notFound = Code(.notFound)
        /// The DID method is not one this resolver handles.
        public static let methodNotSupported = Code(.methodNotSupported)
        /// A status list is not well-formed gzip.
        public static let invalidGzip = Code(.invalidGzip)
        /// A status list would decompress to more than the limit (a possible zip bomb).
        public static let gzipSizeLimitExceeded = Code(.gzipSizeLimitExceeded)
        /// A presentation proof's `challenge` is not the one the verifier gave (Data Integrity `INVALID_CHALLENGE_ERROR`).
        public static let invalidChallengeError = Code(.invalidChallengeError)
        /// A presentation proof's `domain` is not the verifier's (Data Integrity `INVALID_DOMAIN_ERROR`).
        public static let invalidDomainError = Code(.invalidDomainError)
        /// A presentation is not of the form a DID authentication needs (no holder, not a `VerifiablePresentation`, …).
        public static let invalidPresentation = Code(.invalidPresentation)
        /// A baked Open Badges image (PNG or SVG) is malformed or holds no single credential.
        public static let invalidBakedBadge = Code(.invalidBakedBadge)
        /// A baked image, or the credential in it, is larger than the reader accepts.
        public static let bakedBadgeTooLarge = Code(.bakedBadgeTooLarge)
    }
}
