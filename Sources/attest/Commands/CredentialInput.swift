import CanonicalJSON
import Foundation

/// Reads a credential from a file or standard input, with a size limit and precise errors.
enum CredentialInput {
    /// Larger than any certificate credential, small enough that a wrong file cannot exhaust memory.
    static let maximumBytes = 4 << 20

    /// The parsed credential.
    static func read(_ path: String) throws -> JSONValue {
        try parse(try bytes(path), from: path)
    }

    /// The file's exact bytes (what gets embedded in a PDF).
    static func bytes(_ path: String) throws -> [UInt8] {
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
            throw CLIError("\(name(path)) is \(data.count) bytes; a credential may be at most \(maximumBytes)")
        }
        return Array(data)
    }

    static func parse(_ bytes: [UInt8], from path: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(bytes: bytes)
        } catch {
            throw CLIError("\(name(path)) is not valid JSON: \(error)")
        }
    }

    private static func name(_ path: String) -> String { path == "-" ? "standard input" : path }
}
