import Foundation

/// One way a credential breaks the W3C Verifiable Credentials Data Model 2.0.
///
/// `rule` is stable and meant for programs and tests (`context.first`, `issuer.missing`,
/// `validity.order`, …; `Spec/data-model-conformance.md` lists them all); `path` says where, as a
/// JSON Pointer (`""` is the credential itself, `/credentialSubject/0` its first subject);
/// `message` is for people.
public struct DataModelViolation: Sendable, Hashable, CustomStringConvertible {
    /// The stable name of the broken rule, `<property>.<problem>`.
    public let rule: String
    /// A JSON Pointer (RFC 6901) to the offending value; empty for the credential as a whole.
    public let path: String
    /// What is wrong, in a sentence a person can act on.
    public let message: String

    /// A violation of `rule` at `path`.
    public init(rule: String, path: String, message: String) {
        self.rule = rule
        self.path = path
        self.message = message
    }

    /// `/path: message [rule]`, the form logs and CLI output use.
    public var description: String { "\(path.isEmpty ? "/" : path): \(message) [\(rule)]" }
}

/// Builds JSON Pointers (RFC 6901): `~` becomes `~0` and `/` becomes `~1` inside a segment.
struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    private(set) var text: String

    /// The pointer to the whole document.
    static let root = JSONPointer(text: "")

    /// The pointer to member `key` of the value this pointer names.
    func appending(_ key: String) -> JSONPointer {
        JSONPointer(text: text + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))
    }

    /// The pointer to element `index` of the array this pointer names.
    func appending(_ index: Int) -> JSONPointer { JSONPointer(text: text + "/" + String(index)) }

    var description: String { text }
}
