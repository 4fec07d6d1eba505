import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// The protocol a wallet copy went out by, as the audit names it.
public enum WalletProtocol: String, Sendable, CaseIterable, Codable {
    /// A VC-API / VCALM exchange (`/interactions/{id}`, `/exchanges/{id}`).
    case vcapi
    /// The DCC Learner Credential Wallet request link (`vc_request_url`).
    case lcwRequest = "lcw-request"
    /// OpenID for Verifiable Credential Issuance 1.0.
    case openID4VCI = "openid4vci"
}

/// Makes the copy of an issued credential that a wallet holds: the same credential bound to the
/// holder's DID (`credentialSubject.id`), with the same status entries as the original, so that
/// revoking or suspending the certificate reaches every copy, and a fresh `eddsa-rdfc-2022` proof
/// by the issuer's active key. Each copy is audited (`credential.walletCopy`: holder, protocol).
///
/// A refused copy (unknown or inactive credential, holder that is not an Ed25519 `did:key`)
/// writes nothing. The copy itself is not stored: the original's record, status and audit are the
/// truth, and the copy can be made again at any time.
public struct WalletCopies: Sendable {
    /// The store, clock and keys.
    public let environment: IssuerEnvironment
    /// Who let the wallet in, for the audit trail (`learner:ID`, `api:NAME`, `staff:EMAIL`).
    public let actor: String

    /// Copies made on behalf of `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// The longest holder DID accepted (an Ed25519 `did:key` is 56 characters).
    public static let maximumHolderLength = 200

    /// The public key of an Ed25519 `did:key` holder.
    /// - Throws: ``IssuerError`` `invalidRequest` when `holder` is not a plain Ed25519 `did:key` DID.
    public static func holderKey(_ holder: String) throws -> Ed25519PublicKey {
        guard holder.utf8.count <= maximumHolderLength, holder.hasPrefix("did:key:"), !holder.contains("#") else {
            throw IssuerError(.invalidRequest, "the holder must be an Ed25519 did:key DID (did:key:z6Mk…), without a fragment")
        }
        let document: DIDDocument
        do {
            document = try DIDKey.resolve(holder)
        } catch {
            throw IssuerError(.invalidRequest, "the holder \(holder.prefix(100)) is not an Ed25519 did:key DID: \(error.reason)")
        }
        guard document.id == holder, let method = document.verificationMethods.first else {
            throw IssuerError(.invalidRequest, "the holder \(holder.prefix(100)) is not a plain did:key DID")
        }
        return method.publicKey
    }

    /// The credential `credentialID` bound to `holder` and signed now by the active key, audited
    /// under ``actor`` with `via`. `alsoInTransaction` runs in the same write transaction as the
    /// audit entry (an exchange marks its challenge used there), so a copy is either handed out
    /// and recorded with its side effects, or not at all.
    /// - Throws: ``IssuerError`` `notFound`, `invalidState` (the credential is not active or has
    ///   expired), `invalidRequest` (holder), `noSigningKey`/`keyUnavailable`, or whatever
    ///   `alsoInTransaction` throws.
    public func boundCopy(
        of credentialID: String, holder: String, via walletProtocol: WalletProtocol,
        alsoInTransaction: @escaping @Sendable (any IssuerTransaction) throws -> Void = { _ in }
    ) async throws -> JSONValue {
        _ = try Self.holderKey(holder)
        let now = environment.now()
        guard let record = try await environment.store.read({ try $0.credential(id: credentialID) }) else {
            throw IssuerError(.notFound, "there is no credential \(credentialID)")
        }
        try Self.requireCopyable(record.summary, at: now)
        guard let bytes = record.credentialJSON, let original = try? JSONValue.parse(bytes: Array(bytes)) else {
            throw IssuerError(.invalidState, "credential \(credentialID) is not signed yet")
        }
        let recorder = try await environment.auditRecorder(actor: actor)
        guard let issuer = try await environment.store.read({ try $0.issuer() }) else {
            throw IssuerError(.notInitialized, "the issuer is not set up")
        }
        let copy = try Self.bind(original, to: holder)
        let signed: JSONValue
        do {
            signed = try DataIntegrity().addProof(
                to: copy, suite: EdDSARDFC2022(),
                options: .init(verificationMethod: "\(issuer.did)#\(recorder.keyID)", created: recorder.at), key: recorder.key)
        } catch {
            throw IssuerError(.invalidCredential, "the wallet copy of \(credentialID) cannot be signed: \(error.reason)")
        }
        let proofWasArray = original["proof"]?.arrayValue != nil
        let delivered = proofWasArray ? signed.proofAsArray() : signed
        let digest = Hex.encode(SHA256.hash(Array(delivered.serialized().utf8)))
        try await environment.store.write { transaction in
            // The state is read again inside the transaction: a revocation that landed while the
            // copy was signed wins, and nothing is handed out.
            guard let current = try transaction.credentialSummary(id: credentialID) else {
                throw IssuerError(.notFound, "there is no credential \(credentialID)")
            }
            try Self.requireCopyable(current, at: recorder.at)
            try alsoInTransaction(transaction)
            try recorder.record(
                "credential.walletCopy", subject: credentialID,
                data: [
                    "holder": .string(holder), "protocol": .string(walletProtocol.rawValue), "key": .string(recorder.keyID),
                    "sha256": .string(digest),
                ], in: transaction)
        }
        return delivered
    }

    /// Refuses a credential a wallet may not take: only an active credential within its validity is copied.
    static func requireCopyable(_ summary: CredentialRecordSummary, at now: Date) throws {
        guard summary.state == .active else {
            throw IssuerError(
                .invalidState, "credential \(summary.id) is \(summary.state.rawValue); only an active credential goes into a wallet")
        }
        if let validUntil = summary.validUntil, validUntil <= now {
            throw IssuerError(.invalidState, "credential \(summary.id) expired at \(DateTimeStamp.format(validUntil))")
        }
    }

    /// The original without its proof, `credentialSubject.id` set to the holder; every other member
    /// (status entries included) exactly as issued.
    static func bind(_ original: JSONValue, to holder: String) throws -> JSONValue {
        guard var credential = original.objectValue, var subject = credential["credentialSubject"]?.objectValue else {
            throw IssuerError(.inconsistentStore, "the stored credential has no single credentialSubject object")
        }
        credential["proof"] = nil
        subject["id"] = .string(holder)
        credential["credentialSubject"] = .object(subject)
        return .object(credential)
    }
}
