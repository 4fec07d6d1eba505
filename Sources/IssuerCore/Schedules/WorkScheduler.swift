import Foundation

/// Runs inside `attest serve` beside the ``ComplianceScheduler``: every `interval` it does the
/// ``ScheduledWork`` that is due — delayed issuances, follow-up webhooks, expiry reminders and
/// expiry notices. Each piece is marked done in the transaction that queues its outbox rows (or
/// reserves its credential), by a compare-and-set on its state, so a second tick, a restart or a
/// second instance never sends it again. Time comes from the environment's clock.
public struct WorkScheduler: Sendable {
    /// Where time, the store and randomness come from.
    public let environment: IssuerEnvironment
    /// How long it waits between ticks.
    public let interval: Duration
    /// Where it reports a failed piece of work (the server's log).
    public let report: @Sendable (String) -> Void
    /// At most this many pieces of work per tick; the rest wait for the next one.
    public static let batchSize = 500
    /// The name its work is held under in an ``ExclusiveWorkLock``.
    public static let exclusiveWorkName = "work-scheduler"
    /// The actor of its audit entries.
    public static let actor = "work-scheduler"

    /// A scheduler acting as `work-scheduler`.
    public init(environment: IssuerEnvironment, interval: Duration, report: @escaping @Sendable (String) -> Void = { _ in }) {
        self.environment = environment
        self.interval = interval
        self.report = report
    }

    /// What one tick did.
    public struct Tick: Sendable, Equatable {
        /// Work this tick carried out (credentials reserved, messages queued).
        public var done = 0
        /// Work it called off (the completion or credential no longer qualifies).
        public var cancelled = 0
        /// Credentials it issued (delayed issuances).
        public var issuedCredentialIDs: [String] = []

        /// A tick that did nothing.
        public init() {}
    }

    /// One tick: does everything due now, earliest first; a failure of one piece does not stop the others.
    @discardableResult
    public func tick() async -> Tick {
        var result = Tick()
        let due: [ScheduledWork]
        do {
            let now = environment.now()
            due = try await environment.store.read { try $0.scheduledWork(dueBy: now, limit: Self.batchSize) }
        } catch {
            report("schedules: cannot read what is due: \(error)")
            return result
        }
        for work in due {
            if Task.isCancelled { break }
            do {
                // Its own task, so a cancellation arriving now does not cut this piece's writes short.
                let environment = environment
                let outcome = try await Task { try await Self.perform(work, environment: environment) }.value
                switch outcome {
                case .done(let credentialID):
                    result.done += 1
                    if let credentialID { result.issuedCredentialIDs.append(credentialID) }
                case .cancelled: result.cancelled += 1
                case .alreadyTaken: break
                }
            } catch {
                report("schedules: \(work.kind.rawValue) \(work.id) for \(work.subjectID) failed: \(error)")
            }
        }
        return result
    }

    /// Ticks every ``interval`` of `clock` while this instance holds the scheduler's work in `lock`
    /// (with several `attest serve` on one database exactly one ticks), until the task is cancelled.
    public func run<C: Clock<Duration>>(clock: C, lock: any ExclusiveWorkLock) async {
        var holding: Bool?
        while !Task.isCancelled {
            let holds: Bool
            do {
                holds = try await lock.tryAcquire(Self.exclusiveWorkName)
            } catch {
                holds = false
                report("schedules: cannot ask the scheduler's lock, skipping this tick: \(error)")
            }
            if holds != holding {
                report(holds ? "schedules: this instance runs the work scheduler" : "schedules: another instance runs the work scheduler")
                if holds {
                    // Credentials issued before expiry reminders existed get theirs now.
                    do {
                        let planned = try await planMissingExpiries()
                        if planned > 0 { report("schedules: planned expiry reminders for \(planned) earlier credentials") }
                    } catch {
                        report("schedules: cannot plan the expiry reminders of earlier credentials: \(error)")
                    }
                }
                holding = holds
            }
            if holds {
                let tick = await tick()
                if tick.done + tick.cancelled > 0 { report("schedules: \(tick.done) done, \(tick.cancelled) called off") }
            }
            do { try await clock.sleep(for: interval) } catch { break }
        }
        if holding == true { try? await lock.release(Self.exclusiveWorkName) }
    }
}
