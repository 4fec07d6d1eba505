/// What a status list says about the credentials in it (Bitstring Status List §2.1
/// `statusPurpose`): the four purposes the Recommendation defines; any other is refused by name.
public enum BitstringStatusPurpose: String, Sendable, Hashable, CaseIterable {
    /// A set status means the credential is revoked, for good.
    case revocation
    /// A set status means the credential is suspended, until reinstated.
    case suspension
    /// A set status means the holder should fetch a refreshed credential.
    case refresh
    /// The status selects one of the entry's `statusMessage`s.
    case message
}
