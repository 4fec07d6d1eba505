extension Program {
    /// The purpose of the single `credentialStatus` entry this program's credentials carry.
    ///
    /// Open Badges 3.0 allows one status entry per credential, so a program picks one:
    /// `revocation` (the default; what Open Badges verifiers and wallets show as "revoked") or
    /// `suspension` (reversible; compliance certificates, whose state follows the training, use it
    /// by default). A credential carrying a suspension entry is revoked by setting that bit for good.
    /// See `Spec/credential-profile.md`, "Status".
    public var credentialStatusPurpose: StatusPurpose {
        statusPurpose ?? (template == .compliance ? .suspension : .revocation)
    }
}
