import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the benchmarks that start a real server (`attest serve`, nginx) share: a free loopback
/// port, a check that a set-up command succeeded, and waiting until the server answers.
enum LocalServer {
    /// A port on 127.0.0.1 that nothing listens on right now.
    static func freePort() throws -> Int {
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"])
        guard let port = Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ProcessRunner.Failure(description: "no free port")
        }
        return port
    }

    /// Throws, with the end of what it printed on stderr, when a set-up command (`what`) failed.
    static func check(_ result: ProcessRunner.Result, _ what: String) throws {
        guard result.status == 0 else {
            throw ProcessRunner.Failure(description: "\(what) failed (\(result.status)): \(result.errorOutput.suffix(400))")
        }
    }

    /// Waits until `base`/health answers 200, for at most 60 s.
    static func waitForHealth(base: String) async throws {
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let (_, response) = try? await session.data(from: URL(string: base + "/health")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ProcessRunner.Failure(description: "attest serve at \(base) did not answer /health within 60 s")
    }
}
