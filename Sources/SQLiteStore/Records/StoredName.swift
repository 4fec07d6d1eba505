import GRDB
import IssuerCore

/// The codec of the domain's closed sets of names (states, channels, events, purposes): stored as
/// their raw value, in a column the schema `CHECK`s, and refused by name when read back if this
/// version of Attest does not know it (a file written by a newer Attest, or changed by hand).
enum StoredName {
    /// The value named `name` in column `column` of `owner`, or ``IssuerError`` `storeUnavailable` naming it.
    static func decode<Value: RawRepresentable>(_ name: String, as type: Value.Type, of owner: String, column: String) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: name) else {
            throw IssuerError(.storeUnavailable, "\(owner) has an unknown \(column) \"\(name)\"")
        }
        return value
    }
}

// Query arguments and `Column(…) == value` take the domain's names as they are stored.
extension OutboxState: DatabaseValueConvertible {}
extension OutboxChannel: DatabaseValueConvertible {}
extension OutboxEvent: DatabaseValueConvertible {}
extension StatusPurpose: DatabaseValueConvertible {}
extension CompletionState: DatabaseValueConvertible {}
extension CredentialState: DatabaseValueConvertible {}
