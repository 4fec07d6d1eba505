import Foundation
import Testing

/// Ports on 127.0.0.1 for tests that must name one before a server starts. Servers whose port
/// need not be known in advance listen on port 0 and report the port they got (`RunningServer`);
/// this is only for an issuer whose public base URL (fixed at `attest init`) must name the port.
enum LoopbackPort {
    /// A port nobody listens on right now: the kernel picks it for a socket that is then closed.
    /// Another process may take it before the server binds it: use ``withUnusedPort(attempts:_:)``.
    static func unused() throws -> Int {
        let script = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
        let result = try Executables.runProgram("python3", ["-c", script])
        return try #require(Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)), "\(result.standardError)")
    }

    /// Runs `body` with an unused port, and again with a fresh one (at most `attempts` times) when
    /// the server could not bind it because another process took it in between.
    static func withUnusedPort<T>(attempts: Int = 5, _ body: (Int) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try body(try unused())
            } catch let error where attempt < attempts && "\(error)".contains("Address already in use") {
                attempt += 1
            }
        }
    }
}
