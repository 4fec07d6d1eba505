import Foundation

/// A ZIP archive (APPNOTE 6.3) of stored, uncompressed entries, written in memory: what the
/// staff console's "download the PDFs" sends. PDFs are compressed already, so storing them costs
/// little and keeps the writer small; the CRC-32 of each entry is zlib's (``CRC32``).
///
/// No ZIP64: the archive refuses an entry or a total past 4 GiB minus a margin, and more than
/// 65,535 entries, with ``ZlibError/Code/tooLarge``; callers bound their exports well below.
public struct StoredZipArchive: Sendable {
    /// The most bytes an archive may hold (the 32-bit offsets of plain ZIP, with room for the directory).
    public static let maximumBytes = Int(UInt32.max) - 16 * 1_024 * 1_024
    /// The most entries an archive may hold (the 16-bit counts of plain ZIP).
    public static let maximumEntries = Int(UInt16.max)

    /// The archive so far: local headers and data (the central directory is added by ``finish()``).
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var entryCount = 0
    private var names: Set<String> = []

    /// An empty archive.
    public init() {}

    /// How many entries were added.
    public var count: Int { entryCount }

    /// Adds a file named `name` (a relative path with `/` separators, UTF-8) holding `bytes`, last
    /// modified at `modified` (UTC, to the 2 seconds ZIP keeps). Throws ``ZlibError/Code/tooLarge``
    /// past the limits above, and ``ZlibError/Code/corrupt`` for a name that is empty, absolute,
    /// names a parent folder, holds a backslash or a control character, or was added already.
    public mutating func add(name: String, bytes: [UInt8], modified: Date) throws {
        let nameBytes = Array(name.utf8)
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, nameBytes.count <= Int(UInt16.max), !name.hasPrefix("/"), !parts.contains(".."), !parts.contains(""),
            !name.contains("\\"), !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }), !names.contains(name)
        else { throw ZlibError(.corrupt, "a ZIP entry cannot be named \"\(name)\"") }
        guard entryCount < Self.maximumEntries else {
            throw ZlibError(.tooLarge, "a ZIP archive holds at most \(Self.maximumEntries) files")
        }
        let offset = body.count
        guard offset + 30 + nameBytes.count + bytes.count + directory.count + 46 + nameBytes.count + 22 <= Self.maximumBytes else {
            throw ZlibError(.tooLarge, "a ZIP archive holds at most \(Self.maximumBytes) bytes")
        }
        let (time, date) = Self.dosTimeAndDate(modified)
        let crc = CRC32.checksum(bytes)
        let size = UInt32(bytes.count)
        // Bit 11: the name is UTF-8. Method 0: stored. Version 2.0.
        var local: [UInt8] = []
        local.append32(0x0403_4B50)
        local.append16(20)
        local.append16(0x0800)
        local.append16(0)
        local.append16(time)
        local.append16(date)
        local.append32(crc)
        local.append32(size)
        local.append32(size)
        local.append16(UInt16(nameBytes.count))
        local.append16(0)
        body += local
        body += nameBytes
        body += bytes

        directory.append32(0x0201_4B50)
        directory.append16(0x0314)  // made by: Unix, 2.0
        directory.append16(20)
        directory.append16(0x0800)
        directory.append16(0)
        directory.append16(time)
        directory.append16(date)
        directory.append32(crc)
        directory.append32(size)
        directory.append32(size)
        directory.append16(UInt16(nameBytes.count))
        directory.append16(0)  // extra
        directory.append16(0)  // comment
        directory.append16(0)  // disk
        directory.append16(0)  // internal attributes
        directory.append32(0o100644 << 16)  // a regular file, rw-r--r--
        directory.append32(UInt32(offset))
        directory += nameBytes
        entryCount += 1
        names.insert(name)
    }

    /// The whole archive: the entries, the central directory and its end record.
    public func finish() -> [UInt8] {
        var out = body
        out += directory
        out.append32(0x0605_4B50)
        out.append16(0)
        out.append16(0)
        out.append16(UInt16(entryCount))
        out.append16(UInt16(entryCount))
        out.append32(UInt32(directory.count))
        out.append32(UInt32(body.count))
        out.append16(0)
        return out
    }

    /// MS-DOS time and date fields (UTC); dates before 1980 are written as 1 January 1980.
    static func dosTimeAndDate(_ date: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        guard let year = parts.year, year >= 1980, year <= 2107 else { return (0, (0 << 9) | (1 << 5) | 1) }
        let time = UInt16(parts.hour! << 11 | parts.minute! << 5 | parts.second! / 2)
        let day = UInt16((year - 1980) << 9 | parts.month! << 5 | parts.day!)
        return (time, day)
    }
}

extension [UInt8] {
    fileprivate mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
