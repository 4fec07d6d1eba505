import IssuerCore

extension IntakeOutcome {
    /// The credential id when the outcome is `.issued`, else `nil`: tests `#require` it, so an
    /// outcome other than `.issued` fails the test instead of ending it early.
    var issuedCredentialID: String? {
        if case .issued(_, let credentialID) = self { return credentialID }
        return nil
    }
}
