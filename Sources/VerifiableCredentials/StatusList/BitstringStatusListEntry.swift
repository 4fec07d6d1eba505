import CanonicalJSON

/// A `credentialStatus` entry of type `BitstringStatusListEntry` (§2.1): where in which list a
/// credential's status lives, and what the status means.
public struct BitstringStatusListEntry: Sendable, Hashable {
    /// One meaning of a status value (§2.1 `statusMessage`).
    public struct StatusMessage: Sendable, Hashable {
        /// The status value, written in JSON as hexadecimal with `0x`.
        public let status: Int
        /// A developer-facing description; not meant to be shown to end users.
        public let message: String

        /// A message for one status value.
        public init(status: Int, message: String) {
            self.status = status
            self.message = message
        }
    }

    /// The names of the status purposes the Recommendation defines; other purposes are refused.
    public static let knownPurposes = Set(BitstringStatusPurpose.allCases.map(\.rawValue))

    /// An optional URL for this entry (never the list's URL).
    public var id: String?
    /// What the status means.
    public var statusPurpose: BitstringStatusPurpose
    /// The entry's position in the list.
    public var statusListIndex: Int
    /// The URL of the `BitstringStatusListCredential`.
    public var statusListCredential: String
    /// Bits per status; `nil` means 1.
    public var statusSize: Int?
    /// The meaning of each status value; required when `statusSize` is above 1.
    public var statusMessage: [StatusMessage]?
    /// URLs of material explaining the statuses.
    public var statusReference: [String]?

    /// The width that applies: `statusSize`, or 1 when absent.
    public var effectiveStatusSize: Int { statusSize ?? 1 }

    /// An entry; `json` writes it out.
    public init(
        id: String? = nil, statusPurpose: BitstringStatusPurpose, statusListIndex: Int, statusListCredential: String,
        statusSize: Int? = nil, statusMessage: [StatusMessage]? = nil, statusReference: [String]? = nil
    ) {
        self.id = id
        self.statusPurpose = statusPurpose
        self.statusListIndex = statusListIndex
        self.statusListCredential = statusListCredential
        self.statusSize = statusSize
        self.statusMessage = statusMessage
        self.statusReference = statusReference
    }

    /// Reads and checks an entry.
    /// - Throws: `MALFORMED_VALUE_ERROR` when a property breaks a MUST of §2.1 (wrong type, index
    ///   not a base-10 string, `statusSize` above 1 without a matching `statusMessage`, …),
    ///   `STATUS_VERIFICATION_ERROR` for a purpose this library does not know, `RANGE_ERROR` for
    ///   an index too large for any list.
    public init(json: JSONValue) throws(CredentialError) {
        guard let object = json.objectValue else { throw Self.malformed("a status entry must be a JSON object, found \(json.typeName)") }
        guard object["type"]?.asArray.contains("BitstringStatusListEntry") == true else {
            throw Self.malformed("the status entry's type must be BitstringStatusListEntry")
        }
        if let id = object["id"] {
            guard let text = id.stringValue else { throw Self.malformed("the status entry's id must be a string") }
            self.id = text
        }
        guard let name = object["statusPurpose"]?.stringValue else { throw Self.malformed("statusPurpose must be a string") }
        guard let purpose = BitstringStatusPurpose(rawValue: name) else {
            throw CredentialError(
                .statusVerificationError, "status purpose \"\(name)\" is not one of revocation, suspension, refresh, message")
        }
        statusPurpose = purpose
        guard let indexText = object["statusListIndex"]?.stringValue else {
            throw Self.malformed("statusListIndex must be a string of base-10 digits")
        }
        statusListIndex = try Self.parseIndex(indexText)
        guard let credential = object["statusListCredential"]?.stringValue, !credential.isEmpty else {
            throw Self.malformed("statusListCredential must be the URL of a status list credential")
        }
        statusListCredential = credential
        if let size = object["statusSize"] {
            guard let number = size.numberValue, number.rounded() == number, number >= 1 else {
                throw Self.malformed("statusSize must be an integer greater than zero")
            }
            guard number <= Double(BitstringStatusList.maximumStatusSize) else {
                throw Self.malformed(
                    "statusSize \(Int(number)) is larger than this library supports (\(BitstringStatusList.maximumStatusSize))")
            }
            statusSize = Int(number)
        }
        if let messages = object["statusMessage"] {
            statusMessage = try Self.parseMessages(messages, statusSize: statusSize ?? 1)
        } else if (statusSize ?? 1) > 1 {
            throw Self.malformed("statusMessage must be present when statusSize is greater than 1")
        }
        if let reference = object["statusReference"] {
            let urls = reference.asArray.compactMap(\.stringValue)
            guard !urls.isEmpty, urls.count == reference.asArray.count else {
                throw Self.malformed("statusReference must be a URL or an array of URLs")
            }
            statusReference = urls
        }
    }

    /// The entry as JSON, with `statusListIndex` as a base-10 string as §2.1 requires.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", .string(id))) }
        members.append(("type", "BitstringStatusListEntry"))
        members.append(("statusPurpose", .string(statusPurpose.rawValue)))
        members.append(("statusListIndex", .string(String(statusListIndex))))
        members.append(("statusListCredential", .string(statusListCredential)))
        if let statusSize { members.append(("statusSize", .number(Double(statusSize)))) }
        if let statusMessage {
            let messages = statusMessage.map { message -> JSONValue in
                ["status": .string("0x" + String(message.status, radix: 16)), "message": .string(message.message)]
            }
            members.append(("statusMessage", .array(messages)))
        }
        if let statusReference {
            members.append(
                (
                    "statusReference",
                    statusReference.count == 1 ? .string(statusReference[0]) : .array(statusReference.map(JSONValue.string))
                ))
        }
        return .object(JSONObject(members))
    }

    /// The message for a status value, when `statusMessage` names one.
    public func message(for status: Int) -> String? {
        statusMessage?.first { $0.status == status }?.message
    }

    private static func malformed(_ reason: String) -> CredentialError {
        CredentialError(.malformedValueError, reason)
    }

    private static func parseIndex(_ text: String) throws(CredentialError) -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw malformed("statusListIndex \"\(text.prefix(24))\" is not a base-10 integer of 0 or more")
        }
        // Any size is legal, but an index that overflows Int lies beyond every list we can hold.
        guard let index = Int(text) else {
            throw CredentialError(.rangeError, "statusListIndex \(text.prefix(24))… is beyond any status list")
        }
        return index
    }

    /// §2.1: an array of exactly 2^statusSize objects, each with `status` ("0x…") and `message`.
    private static func parseMessages(_ json: JSONValue, statusSize: Int) throws(CredentialError) -> [StatusMessage] {
        guard let array = json.arrayValue else { throw malformed("statusMessage must be an array") }
        let possibleValues = 1 << statusSize
        guard array.count == possibleValues else {
            throw malformed("statusMessage has \(array.count) messages; statusSize \(statusSize) needs exactly \(possibleValues)")
        }
        var messages: [StatusMessage] = []
        var seen = Set<Int>()
        for element in array {
            guard let status = element["status"]?.stringValue, let message = element["message"]?.stringValue else {
                throw malformed("each statusMessage element needs a string status and a string message")
            }
            guard status.hasPrefix("0x"), status.dropFirst(2).allSatisfy(\.isHexDigit), let value = Int(status.dropFirst(2), radix: 16),
                value >= 0, value < possibleValues,
                seen.insert(value).inserted
            else {
                throw malformed(
                    "statusMessage status \"\(status)\" is not a distinct hexadecimal value below \(possibleValues) prefixed with 0x")
            }
            messages.append(StatusMessage(status: value, message: message))
        }
        return messages
    }
}
