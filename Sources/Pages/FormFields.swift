import Foundation

/// A submitted HTML form (`application/x-www-form-urlencoded`, as browsers send forms), or a query
/// string: the one parser for the learner portal and the staff console.
public struct FormFields: Sendable {
    /// The fields in the order sent (a name may repeat, as checkboxes do).
    public let fields: [(name: String, value: String)]

    /// The fields of an urlencoded body or query (without `?`); a field that is not UTF-8 is dropped.
    public init(urlencoded bytes: some Collection<UInt8>) {
        var fields: [(name: String, value: String)] = []
        for pair in Array(bytes).split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = parts.count > 1 ? Self.decode(parts[1]) : "" else { continue }
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// The first value of `name`, `nil` when absent.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of `name`.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// The first value of `name` with white space trimmed, `nil` when absent or empty.
    public func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.endIndex,
                    let byte = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                else { return nil }
                output.append(byte)
                index += 2
            default:
                output.append(bytes[index])
            }
            index += 1
        }
        return String(validating: output, as: UTF8.self)
    }
}
