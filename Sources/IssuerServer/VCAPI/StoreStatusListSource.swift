import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// Status lists read from the issuer's own store: the server vouches only for its own lists and
/// never fetches a URL a caller put in a credential (no server-side request forgery).
struct StoreStatusListSource: StatusListSource {
    let store: any IssuerStore
    /// `BASE/status/`: the only URLs this source answers.
    let prefix: String

    func statusListCredential(at url: String) async throws(CredentialError) -> JSONValue {
        guard url.hasPrefix(prefix), case let listID = String(url.dropFirst(prefix.count)), PublicRoutes.isPlainIdentifier(listID) else {
            throw CredentialError(
                .statusRetrievalError, "\(url) is not a status list of this issuer; only its own lists are checked here")
        }
        let bytes: Data?
        do {
            bytes = try await store.read { try $0.statusList(id: listID)?.signedCredentialJSON }
        } catch {
            throw CredentialError(.statusRetrievalError, "the status list \(listID) could not be read")
        }
        guard let bytes, let json = try? JSONValue.parse(bytes: Array(bytes)) else {
            throw CredentialError(.statusRetrievalError, "there is no published status list \(listID)")
        }
        return json
    }
}

extension IssuerServer {
    /// Every check of the ``VerifiableCredentials/Verifier`` on any credential: this issuer's keys
    /// (current and retired) and `did:key` resolve, status comes from this issuer's own lists.
    func verifyAnyCredential(_ credential: JSONValue) async throws -> VerificationReport {
        let keys = try await environment.store.read { try $0.signingKeys() }
        let document = try issuer.didDocument(keys: keys)
        let verifier = Verifier(
            resolver: StaticDIDResolver(documents: [document], fallback: DIDKeyResolver()),
            statusLists: StoreStatusListSource(store: environment.store, prefix: issuer.baseURL + "/status/"), now: environment.now())
        return await verifier.verify(credential)
    }
}
