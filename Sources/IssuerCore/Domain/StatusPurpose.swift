import VerifiableCredentials

/// What a status list of the issuer says about a credential (Bitstring Status List
/// `statusPurpose`); every credential holds one index in a list of each purpose.
public enum StatusPurpose: String, Codable, Sendable, CaseIterable {
    /// A set bit means the credential is revoked, for good.
    case revocation
    /// A set bit means the credential is suspended until reinstated.
    case suspension
}

extension StatusPurpose {
    /// The same purpose as the Bitstring Status List names it.
    var bitstringPurpose: BitstringStatusPurpose {
        switch self {
        case .revocation: .revocation
        case .suspension: .suspension
        }
    }
}
