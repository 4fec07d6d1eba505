import CanonicalJSON
import Foundation

extension CredentialRecord {
    /// The status purposes the signed credential publishes in its `credentialStatus`.
    ///
    /// Credentials issued before Open Badges conformance carry two entries (revocation and
    /// suspension), later ones one; a change must set the bit a verifier reads, so it goes by what
    /// the signed document says. A record not signed yet is treated as publishing both.
    public var publishedStatusPurposes: Set<StatusPurpose> {
        guard let bytes = credentialJSON, let credential = try? JSONValue.parse(bytes: Array(bytes)),
            let status = credential["credentialStatus"]
        else { return Set(StatusPurpose.allCases) }
        let purposes = status.asArray.compactMap { $0["statusPurpose"]?.stringValue.flatMap(StatusPurpose.init(rawValue:)) }
        return Set(purposes)
    }
}
