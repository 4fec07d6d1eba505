import Foundation
import VerifiableCredentials

extension IssuerProfile {
    /// The issuer's `did:web` document: every key, current and retired, is a verification method
    /// and an assertion method, so credentials signed by a retired key keep verifying.
    ///
    /// A compromised key stays a verification method, with `revoked` set to the moment it leaked
    /// (so a verifier can say why it no longer counts), and leaves `assertionMethod` and
    /// `authentication`: whoever holds it can put any `created` date in a proof, so nothing it
    /// signed can be told apart from a forgery, and every verifier that checks `assertionMethod`
    /// (the VC Data Integrity algorithm does) refuses all of it. What it legitimately signed before
    /// the leak is reissued under the active key (``IssuerAdministration/retireCompromisedKey(_:since:)``).
    public func didDocument(keys: [SigningKeyRecord]) throws -> DIDDocument {
        var methods: [VerificationMethod] = []
        var trusted: [String] = []
        for key in keys {
            let id = "\(did)#\(key.id)"
            methods.append(
                VerificationMethod(
                    id: id, controller: did, publicKey: try Multikey.decodePublicKey(key.publicKeyMultibase), revoked: key.compromisedSince)
            )
            if key.compromisedSince == nil { trusted.append(id) }
        }
        return DIDDocument(id: did, verificationMethods: methods, assertionMethod: trusted, authentication: trusted)
    }

    /// `did:web:<host>` (with `%3A` before a port, and `:`-separated path segments) for a base URL.
    public static func didWeb(forBaseURL baseURL: String) throws(IssuerError) -> String {
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme, ["https", "http"].contains(scheme),
            let host = components.host, !host.isEmpty
        else {
            throw IssuerError(.invalidBaseURL, "\(baseURL) is not an http(s) URL with a host, e.g. https://certs.example.org")
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
