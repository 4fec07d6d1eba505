import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `attest serve` of a workspace, on 127.0.0.1 (a free port unless one is given), its
/// standard output and standard error kept apart so tests can read the structured logs.
final class RunningServer {
    let process: BackgroundProcess
    /// `http://127.0.0.1:PORT`, as the server printed it once it listened.
    let address: String
    /// The first line the server printed: `attest serves NAME at ADDRESS`.
    let bannerLine: String

    /// Starts `attest serve` (with `environment` added to this process's own) and waits (at most
    /// `timeout` seconds) until it prints its address.
    init(
        _ workspace: IssuerWorkspace, port: Int = 0, arguments: [String] = [], name: String = "serve", timeout: Double = 60,
        environment: [String: String] = [:]
    ) throws {
        process = try BackgroundProcess(
            "attest", ["serve", "--port", "\(port)", "--data", workspace.data] + arguments, logsIn: workspace.folder, name: name,
            separateErrors: true, environment: environment)
        let deadline = Date().addingTimeInterval(timeout)
        var found: (line: String, address: String)?
        while found == nil {
            found = Self.announcedAddress(in: process.output)
            guard found == nil else { break }
            guard process.isRunning, Date() < deadline else {
                process.kill()
                throw StartFailed(description: "attest serve did not start: \(process.output)\n\(process.errorOutput)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        (bannerLine, address) = (found!.line, found!.address)
    }

    deinit { process.kill() }

    /// The line `attest serves … at http://HOST:PORT` and its address, once printed.
    static func announcedAddress(in output: String) -> (line: String, address: String)? {
        for line in output.split(separator: "\n") where line.hasPrefix("attest serves ") {
            guard let range = line.range(of: " at http://", options: .backwards) else { continue }
            return (String(line), "http://" + line[range.upperBound...])
        }
        return nil
    }

    /// Waits (at most `timeout` seconds, generous for a loaded machine) until standard error holds `text`; whether it came.
    func waitForLog(_ text: String, timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !process.errorOutput.contains(text) {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    /// The port the server listens on.
    var port: Int { Int(address.split(separator: ":").last ?? "") ?? 0 }

    /// SIGTERM, then waits for the exit: the status and how long it took. A server still running
    /// after a generous `deadline` is killed, which the caller sees as `wasKilled`.
    func stop(deadline: Double = 120) -> (status: Int32, seconds: Double, wasKilled: Bool) {
        let began = Date()
        process.terminate()
        while process.isRunning, Date().timeIntervalSince(began) < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.kill() }
        let status = process.wait()
        return (status, Date().timeIntervalSince(began), process.wasKilled)
    }

    struct StartFailed: Error, CustomStringConvertible {
        let description: String
    }
}

/// One HTTP exchange over a real socket (URLSession), with redirects not followed so tests see
/// exactly what the server answered.
struct HTTPExchange {
    let status: Int
    let headers: [String: String]
    let body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (throws when it is not one).
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw NotJSON(description: "not a JSON object: \(text)")
        }
        return object
    }

    /// A header by name, case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Sends one request and returns the answer, whatever its status.
    static func send(_ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil) async throws -> HTTPExchange {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: 30)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw NotJSON(description: "no HTTP response from \(url)") }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields["\(name)"] = "\(value)" }
        return HTTPExchange(status: http.statusCode, headers: fields, body: data)
    }

    struct NotJSON: Error, CustomStringConvertible {
        let description: String
    }

    private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }
}
