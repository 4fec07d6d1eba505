import Synchronization

/// An ``ExclusiveWorkLock`` for one instance: the store is not shared with another `attest serve`
/// (SQLite on one machine, a store in memory), so only the tasks of this process compete. Holders
/// are the lock values: a name taken through one ``InProcessExclusiveWorkLock`` is refused to
/// another, and kept until released.
public final class InProcessExclusiveWorkLock: ExclusiveWorkLock {
    /// The names taken, shared by every copy of the holder's value.
    private let registry: Registry
    /// This holder's identity (kept alive, so its identifier is never reused while it holds a name).
    private let token = Token()
    private var holder: ObjectIdentifier { ObjectIdentifier(token) }
    private final class Token: Sendable {}

    /// The names held in one process (or one test), each by one holder.
    public final class Registry: Sendable {
        fileprivate let holders = Mutex<[String: ObjectIdentifier]>([:])

        /// An empty registry.
        public init() {}
    }

    /// A holder of names in `registry` (one per instance in a test; the process-wide
    /// ``Registry`` by default).
    public init(registry: Registry = InProcessExclusiveWorkLock.processRegistry) {
        self.registry = registry
    }

    /// The registry of the whole process.
    public static let processRegistry = Registry()

    /// Whether this holder has `name`: it already did, or nobody did and now it does.
    public func tryAcquire(_ name: String) async throws -> Bool {
        registry.holders.withLock { holders in
            if let current = holders[name] { return current == holder }
            holders[name] = holder
            return true
        }
    }

    /// Frees `name` if this holder has it.
    public func release(_ name: String) async throws {
        registry.holders.withLock { holders in
            if holders[name] == holder { holders[name] = nil }
        }
    }
}
