import Foundation
import VerifiableCredentials

extension IssuerProfile {
    /// The issuer's `did:web` document: every key, current and retired, is a verification method
    /// and an assertion method, so credentials signed by a retired key keep verifying.
    public func didDocument(keys: [SigningKeyRecord]) throws -> DIDDocument {
        var methods: [VerificationMethod] = []
        for key in keys {
            methods.append(
                VerificationMethod(id: "\(did)#\(key.id)", controller: did, publicKey: try Multikey.decodePublicKey(key.publicKeyMultibase))
            )
        }
        let ids = methods.map(\.id)
        return DIDDocument(id: did, verificationMethods: methods, assertionMethod: ids, authentication: ids)
    }

    /// `did:web:<host>` (with `%3A` before a port, and `:`-separated path segments) for a base URL.
    public static func didWeb(forBaseURL baseURL: String) throws(IssuerError) -> String {
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme, ["https", "http"].contains(scheme),
            let host = components.host, !host.isEmpty
        else {
            throw IssuerError("invalidBaseURL", "\(baseURL) is not an http(s) URL with a host, e.g. https://certs.example.org")
        }
        var did = "did:web:" + host.lowercased()
        if let port = components.port { did += "%3A\(port)" }
        let segments = components.path.split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
        }
        if !segments.isEmpty { did += ":" + segments.joined(separator: ":") }
        return did
    }
}
