import Ed25519
import Foundation

/// Reading and writing private key files with the permissions a private key deserves.
enum KeyFile {
    /// Writes a new file with mode 0600, refusing to replace an existing one.
    static func writeNew(_ pem: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw CLIError("\(path) already exists; choose another --out or remove it first") }
            throw CLIError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(pem.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    /// Loads a private key, refusing a file that other users can read.
    static func load(_ path: String, passphrase: String?) throws -> Ed25519PrivateKey {
        var status = stat()
        guard stat(path, &status) == 0 else { throw CLIError("cannot read the key file \(path): \(String(cString: strerror(errno)))") }
        if status.st_mode & 0o077 != 0 {
            throw CLIError(
                "the key file \(path) is readable by other users (mode \(String(status.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the key file \(path)") }
        do {
            return try Ed25519PrivateKey(pemRepresentation: String(decoding: data, as: UTF8.self), passphrase: passphrase)
        } catch {
            throw CLIError("\(path): \(error.reason)")
        }
    }
}
