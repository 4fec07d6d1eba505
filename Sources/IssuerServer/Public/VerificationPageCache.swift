import CanonicalJSON
import Ed25519
import Foundation
import Hummingbird
import Synchronization

/// Verification pages as rendered, kept per credential id for at most `lifetime`, so a page that
/// many people open at once (a link shared widely, a cohort's certificates sent the same hour) is
/// read and written once per `lifetime` instead of once per request.
///
/// A page shows the live state (revoked, suspended, expired, superseded, the live training
/// section), read from the store when it is rendered, so a kept page may show a state up to
/// `lifetime` old: a revocation made now, by this instance or any other process or instance on the
/// same store, shows on the page within `lifetime` (``defaultLifetime``, one second). The signed
/// status lists, which verifiers use, are not affected; they have their own `ttl`.
///
/// - Warning: `lifetime` is how stale a verdict may be. Keep it short; zero turns the cache off.
final class VerificationPageCache: Sendable {
    /// A rendered page: its bytes (shared, never copied per request) and its strong validator.
    struct Page: Sendable {
        let body: ByteBuffer
        let etag: String
        let renderedAt: ContinuousClock.Instant
    }

    /// The lifetime `attest serve` uses unless told otherwise.
    static let defaultLifetime: Duration = .seconds(1)

    let lifetime: Duration
    /// Pages kept at most (about 6 KB each): when full, expired pages are dropped, and if none had
    /// expired the cache starts again (each page then costs one render more).
    let capacity: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let pages = Mutex<[String: Page]>([:])

    /// A cache keeping pages for `lifetime` (zero: none), timed by `now` (a monotonic clock, so
    /// that setting the wall clock back cannot stretch a page's life).
    init(lifetime: Duration, capacity: Int = 2_000, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
    }

    /// The page of credential `id` if it was rendered less than `lifetime` ago.
    func page(id: String) -> Page? {
        guard lifetime > .zero else { return nil }
        let now = now()
        return pages.withLock { pages in
            guard let page = pages[id], page.renderedAt <= now, now - page.renderedAt < lifetime else { return nil }
            return page
        }
    }

    /// `html` as the page of `id`, rendered now, with its validator; kept when the cache is on.
    func remember(id: String, html: [UInt8]) -> Page {
        let page = Page(body: ByteBuffer(bytes: html), etag: Self.etag(of: html), renderedAt: now())
        guard lifetime > .zero else { return page }
        let lifetime = lifetime
        pages.withLock { pages in
            if pages.count >= capacity {
                pages = pages.filter { $0.value.renderedAt <= page.renderedAt && page.renderedAt - $0.value.renderedAt < lifetime }
                if pages.count >= capacity { pages.removeAll(keepingCapacity: true) }
            }
            pages[id] = page
        }
        return page
    }

    /// A strong validator of the page's bytes: any change in what it shows changes it.
    static func etag(of html: [UInt8]) -> String {
        "\"" + Hex.encode(SHA256.hash(html).prefix(16)) + "\""
    }
}
