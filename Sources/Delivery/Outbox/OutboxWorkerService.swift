import Logging
import ServiceLifecycle

/// The outbox worker as a ServiceLifecycle service: `attest serve` runs it in one group with the
/// HTTP server, `attest deliver --watch` on its own. At graceful shutdown (SIGTERM, Ctrl-C) it
/// finishes and records the message in flight, sends no further one, and returns.
public struct OutboxWorkerService: Service {
    /// The worker whose passes this service runs.
    public let worker: OutboxWorker
    /// How long it waits between passes.
    public let pollInterval: Duration
    /// Where it says that it started and stopped (each message's outcome goes to the configuration's log).
    public let logger: Logger
    private let clock: any Clock<Duration>

    /// A service running `worker` every `pollInterval` of `clock` (tests pass a clock they move by hand).
    public init(
        worker: OutboxWorker, pollInterval: Duration = .seconds(5), clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "attest.outbox")
    ) {
        self.worker = worker
        self.pollInterval = pollInterval
        self.clock = clock
        self.logger = logger
    }

    /// Runs passes until graceful shutdown or cancellation.
    public func run() async throws {
        logger.info("outbox worker started", metadata: ["pollInterval": "\(pollInterval)"])
        let logger = logger
        await withGracefulShutdownHandler {
            await worker.run(pollInterval: pollInterval, clock: clock)
        } onGracefulShutdown: {
            logger.info("outbox worker stopping after the message in flight")
        }
        logger.info("outbox worker stopped")
    }
}
