extension IssuerError {
    /// A stable identifier of what went wrong; its `description` is the spelling clients see.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// Every code the issuer throws, for an exhaustive `switch` at an edge (the HTTP status
        /// mapping); the raw value is the wire spelling.
        public enum Kind: String, Sendable, CaseIterable {
            case notFound, duplicate, invalidState, alreadyInitialized, duplicateKey, staleProgram, activeKey
            case invalidRequest, invalidEvent, unknownProgram, invalidProgram, invalidCSV, invalidBaseURL
            case invalidConfiguration, invalidCredential, invalidAuditHead, passcodeMismatch
            case statusListFull, noSigningKey, keyUnavailable, notInitialized, documentsUnavailable, storeUnavailable
            case inconsistentStore, unprintableCredential, secretUnsealable
            case invalidPresentation, challengeUsed, exchangeExpired
        }

        /// Which code this is.
        public let kind: Kind

        private init(_ kind: Kind) { self.kind = kind }

        /// The wire spelling, e.g. `notFound`.
        public var description: String { kind.rawValue }

        // MARK: The caller named something that is not there, or that is there already

        /// Nothing by that name (credential, learner, program, key, list, page).
        public static let notFound = Code(.notFound)
        /// The store refused a write that a uniqueness rule forbids; the reason names the rule.
        public static let duplicate = Code(.duplicate)
        /// The record is not in a state that allows this (revoking a revoked credential, …).
        public static let invalidState = Code(.invalidState)
        /// The issuer is set up already.
        public static let alreadyInitialized = Code(.alreadyInitialized)
        /// A key with that id exists.
        public static let duplicateKey = Code(.duplicateKey)
        /// A program is stored at that version already with other content; raise its `version`.
        public static let staleProgram = Code(.staleProgram)
        /// The key is the active signing key; rotate first.
        public static let activeKey = Code(.activeKey)

        // MARK: The caller sent something unusable

        /// The request is malformed.
        public static let invalidRequest = Code(.invalidRequest)
        /// A completion event breaks a rule (empty field, bad score, …).
        public static let invalidEvent = Code(.invalidEvent)
        /// The event names a program that is not defined.
        public static let unknownProgram = Code(.unknownProgram)
        /// A program definition breaks a rule; the reason names it.
        public static let invalidProgram = Code(.invalidProgram)
        /// A CSV import is not usable; the reason names the row or column.
        public static let invalidCSV = Code(.invalidCSV)
        /// The base URL cannot carry a did:web or verification links.
        public static let invalidBaseURL = Code(.invalidBaseURL)
        /// A training configuration breaks a rule; the reason names the first fault.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// A credential to sign is not usable (not an object, already signed, …).
        public static let invalidCredential = Code(.invalidCredential)
        /// An audit head is not of the form `sequence:hash`.
        public static let invalidAuditHead = Code(.invalidAuditHead)
        /// The passcode does not open the credential.
        public static let passcodeMismatch = Code(.passcodeMismatch)
        /// A wallet's presentation does not authenticate its holder (bad signature, wrong challenge
        /// or domain, a holder that is not a `did:key`); nothing was issued.
        public static let invalidPresentation = Code(.invalidPresentation)
        /// A wallet exchange's challenge was used already: a replayed presentation is refused.
        public static let challengeUsed = Code(.challengeUsed)
        /// A wallet exchange has expired or is unknown; start a new one.
        public static let exchangeExpired = Code(.exchangeExpired)

        // MARK: The deployment cannot do it now

        /// A status list has no free index left.
        public static let statusListFull = Code(.statusListFull)
        /// No signing key is active.
        public static let noSigningKey = Code(.noSigningKey)
        /// A key file cannot be read, written or decrypted.
        public static let keyUnavailable = Code(.keyUnavailable)
        /// The issuer is not set up yet (`attest init`).
        public static let notInitialized = Code(.notInitialized)
        /// This issuer draws no certificate documents, so it cannot print one.
        public static let documentsUnavailable = Code(.documentsUnavailable)
        /// The database could not be opened, migrated or written (the reason says why, for logs;
        /// HTTP clients get a generic detail).
        public static let storeUnavailable = Code(.storeUnavailable)

        // MARK: Something is broken inside

        /// Stored records contradict each other.
        public static let inconsistentStore = Code(.inconsistentStore)
        /// A credential lacks what a printed certificate needs.
        public static let unprintableCredential = Code(.unprintableCredential)
        /// A sealed secret does not open with this sealing key.
        public static let secretUnsealable = Code(.secretUnsealable)
    }
}
