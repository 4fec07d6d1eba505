import Foundation
import IssuerCore
import Logging
import Synchronization

/// The public routes' side of ``CredentialEngagement``: every view, download and LinkedIn share
/// is counted in `attest_engagement_total`, and the first of each (credential, kind, UTC day) this
/// process sees goes to the store, which queues the day's one webhook (a second instance that sees
/// the same one finds the row there). Remembering what was sent keeps repeat views off the store;
/// at most ``storeWritesPerMinute`` reach it, so a crawler walking every page cannot turn page
/// views into a write load (what is over the limit is counted in `attest_engagement_dropped_total`
/// and recorded by the next view after the minute).
final class EngagementRecorder: Sendable {
    /// At most this many engagement writes a minute for the whole process.
    static let storeWritesPerMinute = 600
    /// At most this many (credential, kind) pairs remembered for the day; beyond it, repeats go to the store (which dedups).
    static let rememberedPerDay = 100_000

    private struct State {
        var day = ""
        var seen: Set<String> = []
        var minute = 0
        var writes = 0
    }

    private let state = Mutex(State())
    private let environment: IssuerEnvironment
    private let metrics: ServerMetrics
    private let writesPerMinute: Int

    init(environment: IssuerEnvironment, metrics: ServerMetrics, writesPerMinute: Int = storeWritesPerMinute) {
        self.environment = environment
        self.metrics = metrics
        self.writesPerMinute = writesPerMinute
    }

    /// Counts `kind` for the credential and records it unless this process already did today.
    /// Never fails the request: a store error is logged, and a later view tries again.
    func record(_ kind: EngagementKind, credentialID: String, logger: Logger) async {
        metrics.engagement(kind)
        let now = environment.now()
        let day = CredentialEngagement.day(of: now)
        let key = "\(kind.rawValue) \(credentialID)"
        let admitted = state.withLock { state -> Bool in
            if state.day != day { state = State(day: day) }
            guard !state.seen.contains(key) else { return false }
            let minute = Int(now.timeIntervalSince1970 / 60)
            if state.minute != minute { (state.minute, state.writes) = (minute, 0) }
            guard state.writes < writesPerMinute else { return false }
            state.writes += 1
            if state.seen.count < Self.rememberedPerDay { state.seen.insert(key) }
            return true
        }
        guard admitted else {
            if state.withLock({ !$0.seen.contains(key) }) { metrics.engagementDropped() }
            return
        }
        do {
            try await CredentialEngagement(environment: environment).record(kind, credentialID: credentialID)
        } catch {
            state.withLock { _ = $0.seen.remove(key) }
            logger.error("could not record engagement", metadata: ["credential": "\(credentialID)", "kind": "\(kind.rawValue)", "error": "\(error)"])
        }
    }
}
