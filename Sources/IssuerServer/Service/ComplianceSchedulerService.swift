import IssuerCore
import Logging
import ServiceLifecycle

/// The compliance scheduler as a ServiceLifecycle service, run in one group with the HTTP server
/// by `attest serve`. IssuerCore keeps the loop (and knows nothing of ServiceLifecycle); at graceful
/// shutdown this cancels it, which ends the wait at once or the tick after the evaluation in hand.
public struct ComplianceSchedulerService: Service {
    /// The scheduler whose loop this service runs.
    public let scheduler: ComplianceScheduler
    /// Where it says that it started and stopped (each tick's findings go to the scheduler's report).
    public let logger: Logger
    private let clock: any Clock<Duration>
    /// Which instance ticks when several share a database (one process alone: always this one).
    public let lock: any ExclusiveWorkLock

    /// A service ticking `scheduler` on `clock` while this instance holds its work in `lock`.
    public init(
        scheduler: ComplianceScheduler, clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "attest.compliance"), lock: any ExclusiveWorkLock = InProcessExclusiveWorkLock(registry: .init())
    ) {
        self.scheduler = scheduler
        self.clock = clock
        self.logger = logger
        self.lock = lock
    }

    /// Ticks until graceful shutdown or cancellation.
    public func run() async throws {
        logger.info("compliance scheduler started", metadata: ["interval": "\(scheduler.interval)"])
        await cancelWhenGracefulShutdown { await scheduler.run(clock: clock, lock: lock) }
        logger.info("compliance scheduler stopped")
    }
}
