import IssuerCore
import Logging
import ServiceLifecycle

/// The ``WorkScheduler`` (delayed issuances, follow-ups, expiry reminders) as a ServiceLifecycle
/// service, run by `attest serve` in the server's service group beside the compliance scheduler,
/// under the same ``ExclusiveWorkLock``: with several instances on one database one of them ticks.
public struct WorkSchedulerService: Service {
    /// The scheduler whose loop this service runs.
    public let scheduler: WorkScheduler
    /// Where it says that it started and stopped.
    public let logger: Logger
    private let clock: any Clock<Duration>
    /// Which instance ticks when several share a database.
    public let lock: any ExclusiveWorkLock

    /// A service ticking `scheduler` on `clock` while this instance holds its work in `lock`.
    public init(
        scheduler: WorkScheduler, clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "attest.schedules"),
        lock: any ExclusiveWorkLock = InProcessExclusiveWorkLock(registry: .init())
    ) {
        self.scheduler = scheduler
        self.clock = clock
        self.logger = logger
        self.lock = lock
    }

    /// Ticks until graceful shutdown or cancellation.
    public func run() async throws {
        logger.info("work scheduler started", metadata: ["interval": "\(scheduler.interval)"])
        await cancelWhenGracefulShutdown { await scheduler.run(clock: clock, lock: lock) }
        logger.info("work scheduler stopped")
    }
}
