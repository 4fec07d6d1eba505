import CertificateRendering

/// QR codes as PNG files, for email clients that show an inline image but not SVG.
extension QRCode {
    /// A 1-bit greyscale PNG of the symbol with its quiet zone, `pixelsPerModule` pixels a module.
    ///
    /// The image data is a zlib stream of stored (uncompressed) deflate blocks: a few kilobytes for
    /// a wallet link, and no compressor is needed.
    public func png(pixelsPerModule: Int = 4) -> [UInt8] {
        let scale = max(1, pixelsPerModule)
        let side = (size + 2 * Self.quietZoneModules) * scale
        let rowBytes = (side + 7) / 8
        var raw = [UInt8]()
        raw.reserveCapacity(side * (rowBytes + 1))
        for y in 0..<side {
            raw.append(0)  // filter type None
            var row = [UInt8](repeating: 0xFF, count: rowBytes)  // 1 is light
            for x in 0..<side where isDark(x: x / scale - Self.quietZoneModules, y: y / scale - Self.quietZoneModules) {
                row[x / 8] &= ~(0x80 >> UInt8(x % 8))
            }
            raw += row
        }
        var header = PNGFile.bigEndian(UInt32(side)) + PNGFile.bigEndian(UInt32(side))
        header += [1, 0, 0, 0, 0]  // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + PNGFile.chunk("IHDR", header)
            + PNGFile.chunk("IDAT", PNGFile.storedZlib(raw)) + PNGFile.chunk("IEND", [])
    }
}

/// The few PNG and zlib pieces ``QRCode/png(pixelsPerModule:)`` writes (PNG 3rd edition, RFC 1950/1951).
enum PNGFile {
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// Length, type, data, CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    /// A zlib stream holding `data` in stored deflate blocks of at most 65,535 bytes, with its Adler-32.
    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(start + 65_535, data.count)
            let length = UInt16(end - start)
            out += [end == data.count ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += data[start..<end]
            start = end
        } while start < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + bigEndian(b << 16 | a)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
