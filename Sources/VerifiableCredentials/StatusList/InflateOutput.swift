/// The growing output of an inflate run, which refuses to grow past `limit` bytes.
///
/// Back-references copy whole runs with `update(from:count:)` instead of appending byte by byte:
/// a highly compressed status list is almost all back-references, and a zip bomb is nothing else.
struct InflateOutput {
    private var storage: [UInt8] = []
    /// Bytes written so far.
    private(set) var count = 0
    /// The most bytes this output may hold.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The bytes written, trimmed to `count`.
    var bytes: [UInt8] { Array(storage[0..<count]) }

    /// The bytes written from `start` on, for the gzip trailer's checks.
    func bytes(from start: Int) -> ArraySlice<UInt8> { storage[start..<count] }

    private mutating func reserve(_ additional: Int) throws(CredentialError) {
        guard additional <= limit - count else {
            throw CredentialError(
                Gzip.sizeLimitCode, "the decompressed data would exceed the limit of \(limit) bytes; refused as a possible zip bomb")
        }
        let needed = count + additional
        if needed > storage.count {
            // Grow by doubling; copy with one memcpy-like call, which stays fast in debug builds
            // where appending a sequence would go byte by byte.
            var grown = [UInt8](repeating: 0, count: min(limit, max(needed, storage.count * 2, 4096)))
            let written = count
            if written > 0 {
                grown.withUnsafeMutableBufferPointer { destination in
                    storage.withUnsafeBufferPointer { source in
                        destination.baseAddress!.update(from: source.baseAddress!, count: written)
                    }
                }
            }
            storage = grown
        }
    }

    /// Appends one literal byte.
    mutating func append(_ byte: UInt8) throws(CredentialError) {
        try reserve(1)
        storage[count] = byte
        count += 1
    }

    /// Appends the bytes of a stored block.
    mutating func append(contentsOf bytes: ArraySlice<UInt8>) throws(CredentialError) {
        try reserve(bytes.count)
        storage.replaceSubrange(count..<count + bytes.count, with: bytes)
        count += bytes.count
    }

    /// Appends `length` bytes copied from `distance` bytes back (RFC 1951 §3.2.3); the caller has
    /// checked that `distance` does not reach before the start of the current stream.
    mutating func copy(distance: Int, length: Int) throws(CredentialError) {
        try reserve(length)
        let source = count - distance
        let destination = count
        storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // An overlapping copy repeats the last `distance` bytes. Copy in chunks that never
            // overlap: each chunk is a whole number of periods, so it may start again at `source`,
            // and the span available doubles with every chunk.
            var written = 0
            while written < length {
                let chunk = min(length - written, distance + written)
                (base + destination + written).update(from: base + source, count: chunk)
                written += chunk
            }
        }
        count += length
    }
}
