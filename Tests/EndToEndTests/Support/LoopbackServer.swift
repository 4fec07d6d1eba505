import Foundation
import TestSupport

/// A real HTTP server on 127.0.0.1 (Python's `http.server`, threaded) for the verifier's network
/// tests. It serves the files under ``root``, answers special routes (a status code and headers, a
/// delay, an endless body) set with ``setRoutes(_:headers:)``, and logs every request so tests can
/// count them. It stops in ``stop()``, in `deinit`, and when the test process ends (its standard
/// input closes).
final class LoopbackServer: @unchecked Sendable {
    /// The port the operating system gave it.
    let port: Int
    /// The folder whose files are served (`/status/revocation-1` is `root/status/revocation-1`).
    let root: URL
    private let control: URL
    private let process: Subprocess
    private let standardInput: Pipe

    /// `http://127.0.0.1:PORT`
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts a server on a free port.
    init() throws {
        let folder = try Executables.temporaryDirectory()
        root = folder.appendingPathComponent("site", isDirectory: true)
        control = folder.appendingPathComponent("control", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: control, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("loopback_server.py")
        try Data(Self.script.utf8).write(to: script)

        process = Subprocess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, root.path, control.path]
        standardInput = Pipe()
        let standardOutput = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The server prints its port once it listens.
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = standardOutput.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
        }
        guard let port = Int(String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw ServerFailed(
                description: "the loopback server did not start (python3 printed \(String(decoding: printed, as: UTF8.self)))")
        }
        self.port = port
    }

    deinit { stop() }

    /// Stops the server; its port then refuses connections.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Special answers by path, e.g. `["/status/x": ["status": 302, "headers": ["Location": "file:///etc/passwd"]]]`,
    /// `["delay": 3, …]` or `["stream": 20_000_000]` (that many bytes of body), and headers added to every answer.
    func setRoutes(_ routes: [String: [String: Any]] = [:], headers: [String: String] = [:]) throws {
        let data = try JSONSerialization.data(withJSONObject: ["routes": routes, "headers": headers])
        try data.write(to: control.appendingPathComponent("routes.json"), options: .atomic)
    }

    /// Every request so far: its path and its `Accept` header.
    func requests() -> [(path: String, accept: String)] {
        let log = (try? String(contentsOf: control.appendingPathComponent("requests.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// How many requests asked for `path`.
    func requestCount(_ path: String) -> Int {
        requests().filter { $0.path == path }.count
    }

    struct ServerFailed: Error, CustomStringConvertible {
        let description: String
    }

    private static let script = #"""
        import http.server, json, os, signal, sys, threading, time

        # The test runner's threads block signals and children inherit the mask: unblock SIGTERM.
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        root, control = os.path.abspath(sys.argv[1]), sys.argv[2]
        lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, body, headers):
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                with lock, open(os.path.join(control, "requests.log"), "a") as log:
                    log.write(path + "\t" + self.headers.get("Accept", "") + "\n")
                try:
                    with open(os.path.join(control, "routes.json")) as f:
                        config = json.load(f)
                except (OSError, ValueError):
                    config = {}
                route = config.get("routes", {}).get(path, {})
                headers = dict(config.get("headers", {}))
                headers.update(route.get("headers", {}))
                time.sleep(route.get("delay", 0))
                if "stream" in route:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/vc")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    left = route["stream"]
                    try:
                        while left > 0:
                            self.wfile.write(b" " * min(left, 65536))
                            left -= 65536
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    self.close_connection = True
                    return
                if "status" in route:
                    return self.answer(route["status"], route.get("body", "").encode(), headers)
                file = os.path.normpath(os.path.join(root, path.lstrip("/")))
                if not file.startswith(root + os.sep) or not os.path.isfile(file):
                    return self.answer(404, b"not found", {"Content-Type": "text/plain"})
                with open(file, "rb") as f:
                    body = f.read()
                return self.answer(200, body, {"Content-Type": "application/json", **headers})

        def exit_when_parent_goes():
            sys.stdin.buffer.read()
            os._exit(0)

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=exit_when_parent_goes, daemon=True).start()
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
