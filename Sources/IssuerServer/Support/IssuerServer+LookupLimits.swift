import Foundation

extension IssuerServer {
    /// Refuses a `/c/{id}` lookup with 429 when the client has asked for too many unknown ids
    /// lately (or everybody has, and this client among them). Decided before the lookup, so a
    /// refused client cannot tell a known id from an unknown one.
    func admitCredentialLookup(_ context: IssuerRequestContext) async throws {
        if let wait = await credentialMissLimiter.admit(client: context.clientAddress, now: environment.now()) {
            throw Problem(
                .tooManyRequests, "tooManyRequests", "too many unknown certificate addresses from here; try again in \(wait) seconds",
                retryAfter: wait)
        }
    }

    /// Counts a lookup of an id that names no credential against the client and everybody.
    func chargeCredentialMiss(_ context: IssuerRequestContext) async {
        await credentialMissLimiter.charge(client: context.clientAddress, now: environment.now())
    }
}
