import CanonicalJSON

/// The outcome of one check.
public enum CheckOutcome: String, Sendable, Codable {
    /// The check ran and the credential passed it.
    case pass
    /// The check ran and the credential failed it: the credential is invalid.
    case fail
    /// The check does not apply (for example, no status entry to check).
    case skip
    /// The check could not be completed: the credential cannot be called valid.
    case indeterminate
}

/// The overall verdict: valid only when no check failed and none was left undecided.
public enum Verdict: String, Sendable, Codable {
    case valid, invalid, indeterminate
}

/// One check the verifier ran, with what it found in words.
public struct VerificationCheck: Sendable, Hashable {
    /// A stable check name: `data-model`, `proof`, `key-binding`, `issuer-trust`, `validity-period`, `status`, `passcode`.
    public let check: String
    /// What the check concluded.
    public let outcome: CheckOutcome
    /// Why, in one sentence.
    public let message: String

    /// A check result.
    public init(_ check: String, _ outcome: CheckOutcome, _ message: String) {
        self.check = check
        self.outcome = outcome
        self.message = message
    }
}

/// Everything a verification found: each check, the verdict, and what the credential says.
public struct VerificationReport: Sendable {
    /// The checks in the order they ran.
    public var checks: [VerificationCheck]
    /// A short description of the credential.
    public let credential: CredentialSummary

    /// `invalid` if any check failed, else `indeterminate` if any could not be decided, else `valid`.
    public var verdict: Verdict {
        if checks.contains(where: { $0.outcome == .fail }) { return .invalid }
        if checks.contains(where: { $0.outcome == .indeterminate }) { return .indeterminate }
        return .valid
    }

    /// The first check that keeps the credential from being valid, for one-line explanations.
    public var decisiveCheck: VerificationCheck? {
        checks.first { $0.outcome == .fail } ?? checks.first { $0.outcome == .indeterminate }
    }

    /// The report as the JSON object `attest-verify --json` prints.
    public var json: JSONValue {
        [
            "verdict": .string(verdict.rawValue),
            "checks": .array(
                checks.map { ["check": .string($0.check), "outcome": .string($0.outcome.rawValue), "message": .string($0.message)] }),
            "credential": credential.json,
        ]
    }
}

/// What a person needs to know about a credential at a glance.
public struct CredentialSummary: Sendable, Hashable {
    public let id: String?
    public let issuer: String?
    public let issuerName: String?
    public let types: [String]
    public let subjectName: String?
    public let achievementName: String?
    public let validFrom: String?
    public let validUntil: String?

    /// Reads the summary from a credential; absent or odd members become `nil`.
    public init(_ credential: JSONValue) {
        id = credential["id"]?.stringValue
        let issuerValue = credential["issuer"]
        issuer = issuerValue?.stringValue ?? issuerValue?["id"]?.stringValue
        issuerName = issuerValue?["name"].flatMap(LanguageMap.displayText)
        types = credential["type"]?.asArray.compactMap(\.stringValue) ?? []
        let subject = credential["credentialSubject"]?.asArray.first
        subjectName = subject?["name"].flatMap(LanguageMap.displayText)
        achievementName = subject?["achievement"]?["name"].flatMap(LanguageMap.displayText)
        validFrom = credential["validFrom"]?.stringValue
        validUntil = credential["validUntil"]?.stringValue
    }

    /// The JSON form used in reports; absent members are left out.
    public var json: JSONValue {
        var object: JSONObject = ["types": .array(types.map(JSONValue.string))]
        let optional: [(String, String?)] = [
            ("id", id), ("issuer", issuer), ("issuerName", issuerName), ("subjectName", subjectName),
            ("achievementName", achievementName), ("validFrom", validFrom), ("validUntil", validUntil),
        ]
        for (key, value) in optional { if let value { object[key] = .string(value) } }
        return .object(object)
    }
}
