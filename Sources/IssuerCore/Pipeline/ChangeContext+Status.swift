extension ChangeContext {
    /// Sets the bits that make `record` read as revoked wherever it is verified: its revocation bit
    /// and, when its signed credential carries only a suspension entry, that bit too, for good (the
    /// record's state, never reinstated, says it is revoked).
    func markRevoked(_ record: CredentialRecord) throws {
        try setBit(list: record.revocationList, index: record.revocationIndex, to: true)
        if !record.publishedStatusPurposes.contains(.revocation) {
            try setBit(list: record.suspensionList, index: record.suspensionIndex, to: true)
        }
    }

    /// Sets or clears the suspension bit; refused for a credential whose one status entry is a
    /// revocation entry, as no verifier could see the suspension.
    func markSuspended(_ record: CredentialRecord, _ suspended: Bool) throws {
        guard record.publishedStatusPurposes.contains(.suspension) else {
            throw IssuerError(
                .invalidState,
                "credential \(record.id) carries a revocation status entry only (its program's statusPurpose is revocation), "
                    + "so a suspension could not be seen by verifiers; revoke it, or set the program's statusPurpose to suspension "
                    + "for credentials issued from now on")
        }
        try setBit(list: record.suspensionList, index: record.suspensionIndex, to: suspended)
    }
}
