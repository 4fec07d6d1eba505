import Hummingbird
import IssuerCore
import Logging

extension IssuerServer {
    /// Records the learner's first view or download when the link carries a valid claim token.
    /// Never fails the page: a claim that cannot be recorded now (e.g. the signing key is not
    /// available) is logged, and the next visit with the token tries again.
    func recordClaimIfValid(_ request: Request, credential: CredentialRecord, via channel: ClaimChannel, logger: Logger) async {
        // HEAD is what link checkers send; only a real GET opens the credential.
        guard request.method == .get, let token = request.uri.queryParameters.get("claim"), credential.claimedAt == nil else { return }
        do {
            let outcome = try await CredentialClaims(environment: environment).recordClaim(
                credentialID: credential.id, token: token, via: channel)
            if case .recorded = outcome { metrics.credentialClaimed() }
        } catch {
            logger.error("could not record a claim", metadata: ["credential": "\(credential.id)", "error": "\(error)"])
        }
    }

    /// Records a claim that other code has vouched for (a learner page reached by magic link),
    /// and counts it in `attest_credentials_claimed_total`.
    public func recordClaim(credentialID: String, via channel: ClaimChannel) async throws -> ClaimOutcome {
        let outcome = try await CredentialClaims(environment: environment).recordClaim(credentialID: credentialID, via: channel)
        if case .recorded = outcome { metrics.credentialClaimed() }
        return outcome
    }
}
