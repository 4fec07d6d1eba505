import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerServer
import Testing

extension ServerFixture {
    /// Runs `body` against `server` listening on a real socket on `host` (127.0.0.1 or ::1; the test
    /// framework's live mode always binds `localhost`), with a client that connects to that address
    /// itself; `body` gets the client and the port. Its read timeout is 120 s, not the live mode's fixed 20 s, which a request can miss
    /// while the whole suite runs beside it on two cores (seen in MetricsExpositionTests).
    static func live(
        _ server: IssuerServer, host: String = "127.0.0.1", _ body: @escaping @Sendable (TestClient, _ port: Int) async throws -> Void
    ) async throws {
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: server.router(), configuration: .init(address: .hostname(host, port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let client = TestClient(host: host, port: port, configuration: .init(timeout: .seconds(120)))
            client.connect()
            do {
                try await body(client, port)
            } catch {
                try? await client.shutdown()
                group.cancelAll()
                throw error
            }
            try await client.shutdown()
            group.cancelAll()
        }
    }
}

extension TestClient {
    /// One request, called as the application tester's `execute` is, so a test reads the same either way.
    func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws
        -> TestClient.Response
    {
        try await execute(TestClient.Request(uri, method: method, headers: headers, body: body))
    }
}

extension TestClient.Response {
    /// The body as UTF-8 text (empty without a body).
    var text: String { body.map { String(buffer: $0) } ?? "" }
}
