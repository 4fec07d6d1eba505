import IssuerCore
import Logging

extension IssuerServer {
    /// The portal's one claim call site: a download through a verified magic link is the
    /// learner's own, so it counts as their claim (`learnerPage`). Never fails the download: a
    /// claim that cannot be recorded now is logged, and the next download tries again.
    func recordPortalClaim(credentialID: String, logger: Logger) async {
        do {
            _ = try await CredentialClaims(environment: environment).recordClaim(credentialID: credentialID, via: .learnerPage)
        } catch {
            logger.error("could not record a claim", metadata: ["credential": "\(credentialID)", "error": "\(error)"])
        }
    }
}
