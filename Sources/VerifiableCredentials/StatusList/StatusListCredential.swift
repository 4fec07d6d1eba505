import CanonicalJSON
import Foundation

/// A `BitstringStatusListCredential` (§2.2), read and checked, with its list decoded once.
///
/// This checks what the Recommendation asks of the list itself: the types, the purposes, a
/// decodable `encodedList` of at least ``BitstringStatusList/minimumEntries`` entries, and the
/// validity window at `now`. It does not check the proof: the ``Verifier`` does that, and a status
/// list without a verified proof must not be trusted.
public struct StatusListCredential: Sendable {
    /// The credential's `id`, when it has one (it MAY equal the entry's `statusListCredential`).
    public let id: String?
    /// The issuer's id, when present.
    public let issuer: String?
    /// The purposes the list serves; an entry's purpose must be one of them.
    public let purposes: [BitstringStatusPurpose]
    /// Start of the validity window, when given.
    public let validFrom: Date?
    /// End of the validity window, when given.
    public let validUntil: Date?
    /// How long, in milliseconds, a fetched copy may be used before refetching (`ttl`).
    public let ttlMilliseconds: Int?
    /// The decoded list, one bit per entry; ``status(for:)`` rereads it with each entry's width.
    public let list: BitstringStatusList

    /// Reads and validates a status list credential.
    /// - Parameters:
    ///   - now: the moment to judge `validFrom` and `validUntil` at.
    ///   - maximumBytes: the most uncompressed bytes `encodedList` may expand to.
    /// - Throws: `STATUS_VERIFICATION_ERROR` for wrong types, unknown purposes or a list outside
    ///   its validity window; `STATUS_LIST_LENGTH_ERROR` for fewer than 131,072 entries;
    ///   `MALFORMED_VALUE_ERROR` for values of the wrong form (including an undecodable list).
    public init(json: JSONValue, now: Date, maximumBytes: Int = BitstringStatusList.defaultMaximumBytes) throws(CredentialError) {
        guard let credential = json.objectValue else { throw Self.malformed("a status list credential must be a JSON object") }
        guard credential["type"]?.asArray.contains("BitstringStatusListCredential") == true else {
            throw Self.verification("the credential's type does not include BitstringStatusListCredential")
        }
        id = credential["id"]?.stringValue
        issuer = credential["issuer"].flatMap { $0.stringValue ?? $0["id"]?.stringValue }

        let subjects = credential["credentialSubject"]?.asArray ?? []
        guard subjects.count == 1, let subject = subjects[0].objectValue else {
            throw Self.malformed("a status list credential must have exactly one credentialSubject object")
        }
        guard subject["type"]?.asArray.contains("BitstringStatusList") == true else {
            throw Self.verification("the credentialSubject's type must be BitstringStatusList")
        }
        purposes = try Self.readPurposes(subject["statusPurpose"])
        (validFrom, validUntil) = try Self.readValidity(credential, now: now)
        if let ttl = subject["ttl"] {
            guard let number = ttl.numberValue, number.rounded() == number, number >= 0, number < 1e15 else {
                throw Self.malformed("ttl must be a whole number of milliseconds")
            }
            ttlMilliseconds = Int(number)
        } else {
            ttlMilliseconds = nil
        }

        guard let encodedList = subject["encodedList"]?.stringValue else { throw Self.malformed("encodedList must be a string") }
        list = try BitstringStatusList(encodedList: encodedList, maximumBytes: maximumBytes)
        guard list.count >= BitstringStatusList.minimumEntries else {
            throw CredentialError(
                .statusListLengthError,
                "the status list has \(list.count) entries, fewer than the \(BitstringStatusList.minimumEntries) needed for group privacy")
        }
    }

    /// Looks up one entry (§3.2 steps 5 and 9–15).
    /// - Throws: `STATUS_VERIFICATION_ERROR` when the entry's purpose is not one of this list's,
    ///   `STATUS_LIST_LENGTH_ERROR` when the list holds fewer than the minimum entries of the
    ///   entry's width, `RANGE_ERROR` when the index lies outside the list.
    public func status(for entry: BitstringStatusListEntry) throws(CredentialError) -> StatusResult {
        guard purposes.contains(entry.statusPurpose) else {
            throw Self.verification(
                "the entry's purpose \"\(entry.statusPurpose.rawValue)\" is not among the list's purposes \(purposes.map(\.rawValue))")
        }
        let sized = list.reinterpreted(statusSize: entry.effectiveStatusSize)
        guard sized.count >= BitstringStatusList.minimumEntries else {
            throw CredentialError(
                .statusListLengthError,
                "the status list has \(sized.count) entries of \(entry.effectiveStatusSize) bits, fewer than \(BitstringStatusList.minimumEntries)"
            )
        }
        let status = try sized.status(at: entry.statusListIndex)
        return StatusResult(status: status, purpose: entry.statusPurpose, message: entry.message(for: status))
    }

    /// Builds an unsigned `BitstringStatusListCredential` for an issuer to sign and publish.
    ///
    /// The subject's id is `id#list`. `ttlMilliseconds` should match the HTTP cache lifetime the
    /// server sends with it.
    public static func unsigned(
        id: String, issuer: String, purpose: BitstringStatusPurpose, list: BitstringStatusList, validFrom: Date, validUntil: Date?,
        ttlMilliseconds: Int?
    ) -> JSONValue {
        var subject: [(String, JSONValue)] = [
            ("id", .string(id + "#list")), ("type", "BitstringStatusList"), ("statusPurpose", .string(purpose.rawValue)),
            ("encodedList", .string(list.encodedList)),
        ]
        if let ttlMilliseconds { subject.append(("ttl", .number(Double(ttlMilliseconds)))) }
        var members: [(String, JSONValue)] = [
            ("@context", ["https://www.w3.org/ns/credentials/v2"]), ("id", .string(id)),
            ("type", ["VerifiableCredential", "BitstringStatusListCredential"]), ("issuer", .string(issuer)),
            ("validFrom", .string(DateTimeStamp.format(validFrom))),
        ]
        if let validUntil { members.append(("validUntil", .string(DateTimeStamp.format(validUntil)))) }
        members.append(("credentialSubject", .object(JSONObject(subject))))
        return .object(JSONObject(members))
    }

    private static func readPurposes(_ json: JSONValue?) throws(CredentialError) -> [BitstringStatusPurpose] {
        guard let json else { throw malformed("statusPurpose is missing") }
        let values = json.asArray
        let names = values.compactMap(\.stringValue)
        guard !names.isEmpty, names.count == values.count else {
            throw malformed("statusPurpose must be a string or an array of strings")
        }
        let purposes = names.compactMap(BitstringStatusPurpose.init(rawValue:))
        let unknown = names.filter { BitstringStatusPurpose(rawValue: $0) == nil }
        guard unknown.isEmpty else {
            throw verification(
                "unknown status purpose \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); known: revocation, suspension, refresh, message"
            )
        }
        return purposes
    }

    private static func readValidity(_ credential: JSONObject, now: Date) throws(CredentialError) -> (Date?, Date?) {
        var dates: [Date?] = []
        for name in ["validFrom", "validUntil"] {
            guard let value = credential[name] else {
                dates.append(nil)
                continue
            }
            guard let text = value.stringValue, let date = DateTimeStamp.parse(text) else {
                throw malformed("\(name) must be an XML Schema dateTimeStamp, e.g. 2025-01-01T00:00:00Z")
            }
            dates.append(date)
        }
        let at = DateTimeStamp.format(now)
        if let validFrom = dates[0], now < validFrom {
            throw verification("the status list is not valid yet: valid from \(DateTimeStamp.format(validFrom)), judged at \(at)")
        }
        if let validUntil = dates[1], now > validUntil {
            throw verification("the status list has expired: valid until \(DateTimeStamp.format(validUntil)), judged at \(at)")
        }
        return (dates[0], dates[1])
    }

    private static func malformed(_ reason: String) -> CredentialError { CredentialError(.malformedValueError, reason) }
    private static func verification(_ reason: String) -> CredentialError { CredentialError(.statusVerificationError, reason) }
}
