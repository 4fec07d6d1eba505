import Synchronization

/// A `Clock` that moves only when the test calls ``advance(by:)``: loops that sleep on it are
/// driven step by step, with no real waiting. Cancelling a sleeper wakes it with `CancellationError`.
public final class ManualClock: Clock, Sendable {
    /// A point on the manual clock: the time advanced since it was made.
    public struct Instant: InstantProtocol {
        /// The time advanced since the clock was made.
        public var offset: Duration
        /// An instant `offset` after the clock was made.
        public init(offset: Duration) { self.offset = offset }
        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Whether `lhs` comes first.
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        let id: Int
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Sleeper] = []
        var sleepCalls = 0
    }

    private let state = Mutex(State())

    /// A clock at offset zero with nobody waiting.
    public init() {}

    /// The instant the clock has been advanced to.
    public var now: Instant { state.withLock { $0.now } }
    /// Zero: the clock moves only when told.
    public var minimumResolution: Duration { .zero }
    /// How many times anything has started to sleep on this clock.
    public var sleepCalls: Int { state.withLock { $0.sleepCalls } }
    /// How many sleepers wait for the clock to move.
    public var waiting: Int { state.withLock { $0.sleepers.count } }

    /// Returns once the clock has been advanced to `deadline`, or throws when cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            state.sleepCalls += 1
            return state.sleepCalls
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let now: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return nil
                }
                if let now { continuation.resume(with: now) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock on and wakes every sleeper whose deadline has come (before returning).
    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}

/// Waits (polling) until `condition` holds; fails the test if it never does. The deadline is a
/// hang guard, not a bound: while the whole suite runs on 2 cores, the end-to-end tests' blocking
/// process waits can hold the concurrency pool's threads for a minute and more.
public func eventually(
    _ what: String, within seconds: Double = 300, _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw TimedOut(what: what)
}

/// What ``eventually(_:within:_:)`` throws when the condition never held.
public struct TimedOut: Error, CustomStringConvertible {
    /// The condition that never held.
    public let what: String
    /// What the test output shows.
    public var description: String { "timed out waiting until \(what)" }
}
