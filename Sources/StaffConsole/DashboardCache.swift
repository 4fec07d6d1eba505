import Foundation
import IssuerCore

/// The dashboard's figures, computed at most once per ``maximumAge`` per store: computing them
/// sorts the month's times to credential (tens of milliseconds on 20,000 credentials), while the
/// page is opened by every member of staff many times a day. The page says when the figures
/// were measured.
///
/// Entries hold their store weakly: a store that is gone (or another at the same address) never
/// gets another store's figures.
actor DashboardCache {
    /// How old figures may be before the next request computes them again.
    static let maximumAge: TimeInterval = 30

    /// The one cache of the process.
    static let shared = DashboardCache()

    private struct Entry {
        weak var store: AnyObject?
        var figures: DashboardFigures
    }

    private var entries: [ObjectIdentifier: Entry] = [:]

    /// The figures of `environment`'s store as of `now`, from the cache when they were measured
    /// less than ``maximumAge`` before `now` (and not after it).
    func figures(for environment: IssuerEnvironment, now: Date) async throws -> DashboardFigures {
        let store = environment.store as AnyObject
        let key = ObjectIdentifier(store)
        entries = entries.filter { $0.value.store != nil }
        if let entry = entries[key], entry.store === store {
            let age = now.timeIntervalSince(entry.figures.measuredAt)
            if age >= 0 && age < Self.maximumAge { return entry.figures }
        }
        let figures = try await environment.store.read { try DashboardFigures.compute(from: $0, now: now) }
        entries[key] = Entry(store: store, figures: figures)
        return figures
    }
}
