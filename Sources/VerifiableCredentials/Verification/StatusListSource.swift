import CanonicalJSON

/// Where the verifier gets status list credentials: over HTTPS in `attest-verify` (an adapter
/// outside this library), from saved files for offline audits, or from memory in tests.
public protocol StatusListSource: Sendable {
    /// The status list credential published at `url`. Throws `STATUS_RETRIEVAL_ERROR` when it
    /// cannot be had (unreachable, not found, too large, not JSON).
    func statusListCredential(at url: String) async throws(CredentialError) -> JSONValue
}

/// Status list credentials given up front, found by their `id` (or the URL they were saved from).
public struct StaticStatusListSource: StatusListSource {
    public let credentials: [String: JSONValue]

    /// A source of these list credentials, keyed by URL.
    public init(credentials: [String: JSONValue]) {
        self.credentials = credentials
    }

    /// A source of list credentials keyed by their own `id`.
    public init(listCredentials: [JSONValue]) {
        var byID: [String: JSONValue] = [:]
        for credential in listCredentials {
            if let id = credential["id"]?.stringValue { byID[id] = credential }
        }
        credentials = byID
    }

    public func statusListCredential(at url: String) async throws(CredentialError) -> JSONValue {
        guard let credential = credentials[url] else {
            throw CredentialError(.statusRetrievalError, "no saved status list for \(url) (offline: pass it with --status-list)")
        }
        return credential
    }
}
