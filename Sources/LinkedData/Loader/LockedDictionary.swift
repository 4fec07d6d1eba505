import Foundation

/// A dictionary shared between threads behind a lock, for the caches of parsed and processed
/// contexts.
///
/// `NSLock` rather than `Synchronization.Mutex` because the package still supports macOS 14.
/// Every access to `storage` goes through `lock`, which is what makes the `@unchecked` claim true.
final class LockedDictionary<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Key: Value] = [:]
    private let capacity: Int

    /// A dictionary that stops accepting new keys once it holds `capacity` entries, so hostile
    /// input cannot grow it without bound.
    init(capacity: Int = .max) { self.capacity = capacity }

    subscript(key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return storage[key]
    }

    /// Stores `value` unless the dictionary is full; returns the value now stored for `key`.
    @discardableResult
    func insert(_ value: Value, for key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        if let existing = storage[key] { return existing }
        guard storage.count < capacity else { return nil }
        storage[key] = value
        return value
    }

    /// Replaces the value at `key` with `transform(old)` atomically and returns it.
    func modify(_ key: Key, _ transform: (Value?) -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        let value = transform(storage[key])
        storage[key] = value
        return value
    }
}
