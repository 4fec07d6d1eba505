extension ComplianceScheduler {
    /// The name the scheduler's work is held under in an ``ExclusiveWorkLock``.
    public static let exclusiveWorkName = "compliance-scheduler"

    /// Like ``run(clock:)``, but each tick runs only while this instance holds the scheduler's work
    /// in `lock`: with several `attest serve` on one database exactly one of them ticks, and when it
    /// dies another takes the work at its next tick (within one ``interval``). Asking the lock
    /// fails when the database is unreachable; that round is skipped. The lock is given back when
    /// the loop ends (a clean shutdown), so another instance takes over at once.
    public func run<C: Clock<Duration>>(clock: C, lock: any ExclusiveWorkLock) async {
        var holding: Bool?
        while !Task.isCancelled {
            let holds: Bool
            do {
                holds = try await lock.tryAcquire(Self.exclusiveWorkName)
            } catch {
                holds = false
                report("compliance: cannot ask the scheduler's lock, skipping this tick: \(error)")
            }
            if holds != holding {
                report(holds ? "compliance: this instance runs the scheduler" : "compliance: another instance runs the scheduler")
                holding = holds
            }
            if holds {
                for outcome in await tick() where outcome.action != .none {
                    report("compliance: \(outcome.state.learnerID) in \(outcome.state.configurationID): \(outcome.action)")
                }
            }
            do { try await clock.sleep(for: interval) } catch { break }
        }
        if holding == true { try? await lock.release(Self.exclusiveWorkName) }
    }
}
