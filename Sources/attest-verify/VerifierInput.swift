import CanonicalJSON
import Foundation

/// Input the verifier cannot work with at all: unreadable, not JSON, or not a credential.
struct UnusableInput: Error {
    let reason: String
}

/// Reads what the user handed the verifier.
enum VerifierInput {
    /// Larger than any certificate credential, small enough that a wrong file cannot exhaust memory.
    static let maximumBytes = 4 << 20

    static func read(_ path: String) -> Result<JSONValue, UnusableInput> {
        Result { () throws(UnusableInput) in try parse(path) }
    }

    private static func parse(_ path: String) throws(UnusableInput) -> JSONValue {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else if let contents = FileManager.default.contents(atPath: path) {
            data = contents
        } else {
            throw UnusableInput(reason: "cannot read \(path): no such file or not readable")
        }
        guard data.count <= maximumBytes else {
            throw UnusableInput(reason: "the input is \(data.count) bytes; a credential may be at most \(maximumBytes)")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: data)
        } catch {
            throw UnusableInput(reason: "not valid JSON: \(error)")
        }
        guard let object = value.objectValue else {
            throw UnusableInput(reason: "not a credential: the JSON is \(value.typeName == "array" ? "an" : "a") \(value.typeName), not an object")
        }
        let types = object["type"]?.asArray.compactMap(\.stringValue) ?? []
        guard object["@context"] != nil || types.contains("VerifiableCredential") else {
            throw UnusableInput(reason: "not a credential: it has neither @context nor the type VerifiableCredential")
        }
        return value
    }
}
