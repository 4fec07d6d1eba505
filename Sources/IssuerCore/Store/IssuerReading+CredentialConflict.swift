extension IssuerReading {
    /// Which rule a credential a database refused broke, checked in the order the in-memory store
    /// checks them, so every store answers the same ``IssuerError`` for the same conflict: a status
    /// index another credential holds (`indexHolder` says which credential holds a list's index),
    /// a second current credential for the learner and program, then a learner, program or
    /// completion that is not stored. `nil` when none of them is the cause.
    public func credentialConflict(
        _ credential: CredentialRecord, indexHolder: (_ list: String, _ index: Int) throws -> String?
    ) throws -> IssuerError? {
        for (list, index) in [
            (credential.revocationList, credential.revocationIndex), (credential.suspensionList, credential.suspensionIndex),
        ] {
            if let holder = try indexHolder(list, index), holder != credential.id {
                return IssuerError(.duplicate, "a status index of credential \(credential.id) is taken")
            }
        }
        if credential.state != .superseded,
            let current = try currentCredentialSummary(learnerID: credential.learnerID, programID: credential.programID),
            current.id != credential.id
        {
            return IssuerError(.duplicate, "learner \(credential.learnerID) already holds a credential for \(credential.programID)")
        }
        if try learner(id: credential.learnerID) == nil {
            return IssuerError(.notFound, "credential \(credential.id) names learner \(credential.learnerID), who is not stored")
        }
        if try program(id: credential.programID) == nil {
            return IssuerError(.notFound, "credential \(credential.id) names program \(credential.programID), which is not stored")
        }
        if try completion(id: credential.completionID) == nil {
            return IssuerError(.notFound, "credential \(credential.id) names completion \(credential.completionID), which is not stored")
        }
        return nil
    }
}
