import Foundation
import Testing

/// Ports on 127.0.0.1 for tests that must name one before a server starts.
enum LoopbackPort {
    /// A port nobody listens on right now: the kernel picks it for a socket that is then closed
    /// (the tiny race with other processes is acceptable in a test).
    static func unused() throws -> Int {
        let script = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
        let result = try Executables.runProgram("python3", ["-c", script])
        return try #require(Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)), "\(result.standardError)")
    }
}
