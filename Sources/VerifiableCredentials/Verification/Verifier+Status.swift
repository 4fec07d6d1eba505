import CanonicalJSON
import Foundation

extension Verifier {
    /// One check per `credentialStatus` entry, fail-closed: a list that cannot be fetched, is not
    /// signed by the credential's issuer, is expired, too short or malformed makes the entry
    /// indeterminate, never "not revoked".
    func statusChecks(_ credential: JSONValue) async -> [VerificationCheck] {
        guard let entries = credential["credentialStatus"]?.asArray, !entries.isEmpty else {
            return [VerificationCheck("status", .skip, "the credential has no status entry")]
        }
        var checks: [VerificationCheck] = []
        for entryJSON in entries {
            checks.append(await statusCheck(entryJSON, issuer: CredentialSummary(credential).issuer))
        }
        return checks
    }

    private func statusCheck(_ entryJSON: JSONValue, issuer: String?) async -> VerificationCheck {
        let type = entryJSON["type"]?.stringValue ?? "?"
        guard type == "BitstringStatusListEntry" else {
            return VerificationCheck("status", .indeterminate, "status entry type \(type) is not supported (BitstringStatusListEntry only)")
        }
        let entry: BitstringStatusListEntry
        do {
            entry = try BitstringStatusListEntry(json: entryJSON)
        } catch {
            return VerificationCheck("status", .fail, "the status entry is malformed: \(error.reason)")
        }
        let purpose = entry.statusPurpose
        guard let statusLists else {
            return VerificationCheck("status", .indeterminate, "\(purpose) status not checked: no status list available (offline)")
        }
        let listJSON: JSONValue
        do {
            listJSON = try await statusLists.statusListCredential(at: entry.statusListCredential)
        } catch {
            return VerificationCheck("status", .indeterminate, "\(purpose) status unknown: \(error.reason)")
        }
        if let listID = listJSON["id"]?.stringValue, listID != entry.statusListCredential {
            // Another list of the same issuer served in its place would otherwise pass every other check.
            return VerificationCheck(
                "status", .indeterminate, "\(purpose) status unknown: the list at \(entry.statusListCredential) says it is \(listID)")
        }
        let checked = await checkedList(listJSON, issuer: issuer)
        if let problem = checked.proofProblem {
            return VerificationCheck("status", .indeterminate, "\(purpose) status unknown: the status list \(problem)")
        }
        do {
            let list = try checked.list.get()
            let result = try list.status(for: entry)
            if result.valid {
                return VerificationCheck(
                    "status", .pass,
                    "not \(Self.pastTense(purpose)) (\(entry.statusListCredential) checked at index \(entry.statusListIndex))")
            }
            let message = result.message.map { ": \($0)" } ?? ""
            return VerificationCheck("status", .fail, "\(Self.pastTense(purpose))\(message)")
        } catch {
            return VerificationCheck("status", .indeterminate, "\(purpose) status unknown: \(error.reason)")
        }
    }

    /// The list's proof check and decoded list, from the memo when this list was checked before
    /// for this issuer at this moment.
    private func checkedList(_ listJSON: JSONValue, issuer: String?) async -> StatusListMemo.Entry {
        let key = statusListMemo.map { _ in StatusListMemo.Key(listBytes: listJSON.canonicalBytes, issuer: issuer, now: now) }
        if let key, let known = statusListMemo?.entry(key) { return known }
        let problem = await listProofProblem(listJSON, issuer: issuer)
        let list = Result { () throws(CredentialError) in try StatusListCredential(json: listJSON, now: now) }
        let entry = StatusListMemo.Entry(proofProblem: problem, list: list)
        if let key { statusListMemo?.store(entry, for: key) }
        return entry
    }

    /// Why a status list cannot be trusted, or `nil` when its proof verifies with a key of the
    /// credential's own issuer.
    private func listProofProblem(_ listJSON: JSONValue, issuer: String?) async -> String? {
        let listIssuer = CredentialSummary(listJSON).issuer
        guard let issuer, listIssuer == issuer else {
            return "is issued by \(listIssuer ?? "nobody"), not by the credential's issuer \(issuer ?? "(none)")"
        }
        let listVerifier = Verifier(resolver: resolver, trustedIssuers: nil, statusLists: nil, now: now, dataIntegrity: dataIntegrity)
        let proofChecks = await listVerifier.proofChecks(listJSON)
        if let failed = proofChecks.first(where: { $0.outcome != .pass }) {
            return "is not properly signed: \(failed.message)"
        }
        return nil
    }

    static func pastTense(_ purpose: BitstringStatusPurpose) -> String {
        switch purpose {
        case .revocation: "revoked"
        case .suspension: "suspended"
        case .refresh: "due for refresh"
        case .message: "flagged (message)"
        }
    }
}
