/// A W3C Bitstring Status List v1.0: `count` entries of `statusSize` bits each, packed most
/// significant bit first (entry 0 starts at bit 0x80 of byte 0), published as `encodedList`:
/// multibase `u` + base64url (no padding) of the gzip of the bits (§2.2, §3.3, §3.4).
///
/// A value type: setting a status changes this copy only. Encoding is deterministic.
public struct BitstringStatusList: Sendable, Hashable {
    /// The fewest entries a list may have (§3.2 step 2): 131,072, i.e. 16 KiB at one bit each.
    /// Smaller lists give holders too little group privacy.
    public static let minimumEntries = 131_072
    /// The default cap on a decoded list: 16 MiB of bits, over a thousand times the minimum.
    public static let defaultMaximumBytes = 16 * 1024 * 1024
    /// The widest status this library handles: `statusMessage` lists 2^statusSize messages.
    public static let maximumStatusSize = 16

    /// Bits per entry.
    public let statusSize: Int
    /// The number of entries.
    public let count: Int
    /// The uncompressed bitstring.
    private var bytes: [UInt8]

    /// A list with every status 0.
    ///
    /// - Precondition: `entries > 0` and `statusSize` in `1...maximumStatusSize`; an issuer picks
    ///   these, so other values are programming errors. Use ``minimumEntries`` or more when
    ///   publishing.
    public init(entries: Int = minimumEntries, statusSize: Int = 1) {
        precondition(entries > 0, "a status list needs at least one entry")
        precondition((1...Self.maximumStatusSize).contains(statusSize), "statusSize must be 1...\(Self.maximumStatusSize)")
        self.statusSize = statusSize
        self.count = entries
        self.bytes = [UInt8](repeating: 0, count: (entries * statusSize + 7) / 8)
    }

    /// Decodes a published `encodedList` (§3.4).
    ///
    /// Accepts the multibase form the Recommendation requires (`u` + base64url) and, for the
    /// draft W3C test-suite fixtures that omit it, bare base64url of gzip (which always starts
    /// `H4sI`, never `u`, so the two cannot be confused). ``encodedList`` always writes `u`.
    /// Does not check ``minimumEntries``: the caller decides (see ``meetsMinimumLength``).
    /// - Parameter maximumBytes: the most uncompressed bytes to accept; the zip-bomb guard.
    /// - Throws: `MALFORMED_VALUE_ERROR` for text that is not base64url, gzip that is corrupt or
    ///   too large, or a `statusSize` outside `1...maximumStatusSize`.
    public init(encodedList: String, statusSize: Int = 1, maximumBytes: Int = defaultMaximumBytes) throws(CredentialError) {
        guard (1...Self.maximumStatusSize).contains(statusSize) else {
            throw CredentialError(.malformedValueError, "statusSize \(statusSize) is outside 1...\(Self.maximumStatusSize)")
        }
        let body = encodedList.hasPrefix("u") ? String(encodedList.dropFirst()) : encodedList
        guard !body.isEmpty, let compressed = Base64URL.decode(body) else {
            throw CredentialError(.malformedValueError, "encodedList is not multibase base64url ('u' followed by unpadded base64url)")
        }
        let bits: [UInt8]
        do {
            bits = try Gzip.decompress(compressed, maximumBytes: maximumBytes)
        } catch {
            throw CredentialError(.malformedValueError, "encodedList does not decompress: \(error.reason)")
        }
        guard bits.count * 8 >= statusSize else {
            throw CredentialError(
                .malformedValueError, "encodedList holds \(bits.count * 8) bits, not even one entry of \(statusSize) bits")
        }
        self.init(bytes: bits, statusSize: statusSize)
    }

    /// A list over a stored, uncompressed bitstring (as kept in a database), entry 0 in the most
    /// significant bit of the first byte. Trailing bits that do not fill an entry are ignored.
    /// - Precondition: `statusSize` in `1...maximumStatusSize`.
    public init(uncompressedBits: [UInt8], statusSize: Int = 1) {
        precondition((1...Self.maximumStatusSize).contains(statusSize), "statusSize must be 1...\(Self.maximumStatusSize)")
        self.init(bytes: uncompressedBits, statusSize: statusSize)
    }

    /// A list over already decompressed bits; trailing bits that do not fill an entry are ignored.
    init(bytes: [UInt8], statusSize: Int) {
        self.statusSize = statusSize
        self.count = bytes.count * 8 / statusSize
        self.bytes = bytes
    }

    /// The same bits read with another entry width, as each `BitstringStatusListEntry` names its
    /// own `statusSize`.
    func reinterpreted(statusSize: Int) -> BitstringStatusList {
        BitstringStatusList(bytes: bytes, statusSize: statusSize)
    }

    /// The published form: `u` + base64url of gzip (modification time 0, so deterministic).
    public var encodedList: String {
        Multibase.encode(Gzip.compress(bytes), base: .base64url)
    }

    /// The uncompressed bitstring, for storage; ``init(uncompressedBits:statusSize:)`` reads it back.
    public var uncompressedBits: [UInt8] { bytes }

    /// The length of the uncompressed bitstring in bits.
    public var bitCount: Int { bytes.count * 8 }

    /// Whether the list has at least ``minimumEntries`` entries, as §3.2 step 9 requires.
    public var meetsMinimumLength: Bool { count >= Self.minimumEntries }

    /// The status of entry `index`: its `statusSize` bits read most significant first.
    /// - Throws: `RANGE_ERROR` when `index` is outside `0..<count`.
    public func status(at index: Int) throws(CredentialError) -> Int {
        try checkIndex(index)
        var value = 0
        let first = index * statusSize
        for bit in first..<first + statusSize {
            value = value << 1 | Int(bytes[bit >> 3] >> (7 - UInt8(bit & 7)) & 1)
        }
        return value
    }

    /// Sets the status of entry `index`.
    /// - Throws: `RANGE_ERROR` when `index` is outside `0..<count` or `value` does not fit in
    ///   `statusSize` bits.
    public mutating func setStatus(_ value: Int, at index: Int) throws(CredentialError) {
        try checkIndex(index)
        guard value >= 0, value < 1 << statusSize else {
            throw CredentialError(.rangeError, "status \(value) does not fit in \(statusSize) bit\(statusSize == 1 ? "" : "s")")
        }
        let first = index * statusSize
        for offset in 0..<statusSize {
            let bit = first + offset
            let mask = UInt8(0x80) >> UInt8(bit & 7)
            if value >> (statusSize - 1 - offset) & 1 == 1 { bytes[bit >> 3] |= mask } else { bytes[bit >> 3] &= ~mask }
        }
    }

    /// The indexes whose status is not 0, in increasing order; skips zero bytes, so it is cheap
    /// on a mostly clear list.
    public func indexesWithNonZeroStatus() -> [Int] {
        var indexes: [Int] = []
        for (byteIndex, byte) in bytes.enumerated() where byte != 0 {
            // The entries with a bit in this byte; an entry may span two bytes, so skip one the
            // previous byte already reported.
            let firstEntry = byteIndex * 8 / statusSize
            let lastEntry = min(count - 1, (byteIndex * 8 + 7) / statusSize)
            guard firstEntry <= lastEntry else { continue }  // bits after the last whole entry
            for entry in firstEntry...lastEntry where indexes.last.map({ $0 < entry }) ?? true {
                if let status = try? status(at: entry), status != 0 { indexes.append(entry) }
            }
        }
        return indexes
    }

    private func checkIndex(_ index: Int) throws(CredentialError) {
        guard index >= 0, index < count else {
            throw CredentialError(.rangeError, "status list index \(index) is outside the list's \(count) entries")
        }
    }
}
