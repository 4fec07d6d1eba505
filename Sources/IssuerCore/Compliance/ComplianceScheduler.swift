import Foundation

/// Runs inside `attest serve`: every `interval` it evaluates each worker whose training state is
/// due to change (an expiry, the start of a reminder window), so a certificate's suspension bit
/// follows an expiry within one tick. Time comes from the environment's clock; the interval is
/// only how often it looks.
public struct ComplianceScheduler: Sendable {
    /// The service each tick evaluates with (actor `compliance-scheduler`).
    public let service: ComplianceService
    /// How long it waits between ticks.
    public let interval: Duration
    /// Where it reports a failed tick (the server's log).
    public let report: @Sendable (String) -> Void

    /// A scheduler acting as `compliance-scheduler`.
    public init(environment: IssuerEnvironment, interval: Duration, report: @escaping @Sendable (String) -> Void = { _ in }) {
        service = ComplianceService(environment: environment, actor: "compliance-scheduler")
        self.interval = interval
        self.report = report
    }

    /// One tick: evaluates everyone due now; a failure for one worker does not stop the others.
    @discardableResult
    public func tick() async -> [ComplianceOutcome] {
        let due: [ComplianceWatch]
        do {
            let now = service.environment.now()
            due = try await service.environment.store.read { try $0.complianceWatches(dueBy: now) }
        } catch {
            report("compliance: cannot read who is due: \(error)")
            return []
        }
        var outcomes: [ComplianceOutcome] = []
        let service = service
        for watch in due {
            // Stopping ends the tick between workers, never inside one evaluation.
            if Task.isCancelled { break }
            do {
                // Its own task, so a cancellation arriving now does not cut this evaluation's writes short.
                let evaluation = Task {
                    try await service.evaluate(learnerID: watch.learnerID, configurationID: watch.configurationID)
                }
                outcomes.append(try await evaluation.value)
            } catch {
                report("compliance: evaluating \(watch.learnerID) in \(watch.configurationID) failed: \(error)")
            }
        }
        return outcomes
    }

    /// Ticks every ``interval`` of `clock` until the task is cancelled (the server stopping);
    /// cancellation ends the wait at once and a tick between evaluations. Tests pass a clock they
    /// move by hand.
    public func run<C: Clock<Duration>>(clock: C) async {
        while !Task.isCancelled {
            for outcome in await tick() where outcome.action != .none {
                report("compliance: \(outcome.state.learnerID) in \(outcome.state.configurationID): \(outcome.action)")
            }
            do { try await clock.sleep(for: interval) } catch { return }
        }
    }
}
