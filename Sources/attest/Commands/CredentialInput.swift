import CanonicalJSON
import Foundation

/// Reads a credential from a file or standard input, with a size limit and precise errors.
enum CredentialInput {
    /// Larger than any certificate credential, small enough that a wrong file cannot exhaust memory.
    static let maximumBytes = 4 << 20

    static func read(_ path: String) throws -> JSONValue {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read \(path): no such file or not readable")
            }
            data = contents
        }
        guard data.count <= maximumBytes else {
            throw CLIError("\(path == "-" ? "standard input" : path) is \(data.count) bytes; a credential may be at most \(maximumBytes)")
        }
        do {
            return try JSONValue.parse(bytes: data)
        } catch {
            throw CLIError("\(path == "-" ? "standard input" : path) is not valid JSON: \(error)")
        }
    }
}
