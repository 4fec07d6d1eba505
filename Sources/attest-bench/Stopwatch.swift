import Foundation

/// Times work with `ContinuousClock`: a warm-up first, then several runs, and the median of them,
/// so one run disturbed by another process on the shared machine does not decide a figure.
struct Stopwatch: Sendable {
    /// How many timed runs each figure is the median of.
    let runs: Int

    private static let clock = ContinuousClock()

    /// Median seconds per iteration of `work`, over `runs` runs of `iterations` iterations each.
    func secondsPerIteration(iterations: Int, _ work: () throws -> Void) rethrows -> Double {
        for _ in 0..<max(1, iterations / 10) { try work() }
        var samples: [Double] = []
        for _ in 0..<runs {
            let elapsed = try Self.clock.measure { for _ in 0..<iterations { try work() } }
            samples.append(elapsed.seconds / Double(iterations))
        }
        return samples.median
    }

    /// Two pieces of work timed side by side: each run times `first` then `second`, so both see
    /// the same machine load. Returns the median seconds per iteration of each and the median of
    /// the per-run ratios second ÷ first.
    func sideBySide(
        iterations: Int, _ first: () throws -> Void, _ second: () throws -> Void
    ) rethrows -> (first: Double, second: Double, ratio: Double) {
        for _ in 0..<max(1, iterations / 10) {
            try first()
            try second()
        }
        var firstSamples: [Double] = []
        var secondSamples: [Double] = []
        var ratios: [Double] = []
        for _ in 0..<runs {
            let firstTime = try Self.clock.measure { for _ in 0..<iterations { try first() } }.seconds / Double(iterations)
            let secondTime = try Self.clock.measure { for _ in 0..<iterations { try second() } }.seconds / Double(iterations)
            firstSamples.append(firstTime)
            secondSamples.append(secondTime)
            ratios.append(secondTime / firstTime)
        }
        return (firstSamples.median, secondSamples.median, ratios.median)
    }

    /// Seconds `work` takes once.
    static func seconds(_ work: () async throws -> Void) async rethrows -> Double {
        let start = clock.now
        try await work()
        return (clock.now - start).seconds
    }

    /// The current instant, for latencies measured across tasks.
    static var now: ContinuousClock.Instant { clock.now }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Array where Element == Double {
    /// The median (the mean of the middle two for an even count); 0 for no samples.
    var median: Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The value below which `fraction` of the samples lie (nearest rank).
    func percentile(_ fraction: Double) -> Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.min(Swift.max(rank, 0), sorted.count - 1)]
    }
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never)
func keep<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
