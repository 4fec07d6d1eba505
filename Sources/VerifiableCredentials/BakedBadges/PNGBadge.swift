internal import Zlib

/// Open Badges 3.0 baking for PNG (§5.3.1): the signed credential as the text of one `iTXt` chunk
/// with the keyword `openbadgecredential`, uncompressed, before `IEND`.
public enum PNGBadge {
    /// The iTXt keyword Open Badges 3.0 names.
    public static let keyword = "openbadgecredential"
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Whether `bytes` start like a PNG file.
    public static func looksLikePNG(_ bytes: some Collection<UInt8>) -> Bool { bytes.starts(with: signature) }

    /// `png` with `credential` (the signed JSON, UTF-8) baked in; an earlier `openbadgecredential`
    /// chunk is replaced, every other chunk kept byte for byte.
    public static func bake(_ credential: [UInt8], into png: [UInt8]) throws(CredentialError) -> [UInt8] {
        let chunks = try read(png, limits: BakedBadgeLimits(maximumImageBytes: Int.max, maximumPNGChunks: Int.max))
        var data = Array(keyword.utf8)
        data += [0, 0, 0]  // keyword terminator, compression flag 0 (uncompressed), compression method 0
        data += [0, 0]  // empty language tag and translated keyword, each terminated
        data += credential
        var output = signature
        for chunk in chunks where !(chunk.type == "iTXt" && chunk.isBadgeCredential) {
            if chunk.type == "IEND" { output += encode(type: "iTXt", data: data) }
            output += png[chunk.range]
        }
        return output
    }

    /// The credential baked into `png`, as its UTF-8 bytes.
    /// - Throws: `bakedBadgeTooLarge` when the file or the credential is over `limits`;
    ///   `invalidBakedBadge` when it is not a well-formed PNG (signature, chunk lengths, CRCs, IHDR
    ///   first, IEND last), has no or several `openbadgecredential` chunks, or a compressed one.
    public static func credential(in png: [UInt8], limits: BakedBadgeLimits = BakedBadgeLimits()) throws(CredentialError) -> [UInt8] {
        let chunks = try read(png, limits: limits)
        let baked = chunks.filter { $0.type == "iTXt" && $0.isBadgeCredential }
        guard baked.count == 1, let chunk = baked.first else {
            throw CredentialError(
                .invalidBakedBadge,
                baked.isEmpty ? "the PNG holds no openbadgecredential iTXt chunk" : "the PNG holds \(baked.count) credentials")
        }
        let data = Array(png[chunk.dataRange])
        // keyword \0 flag method language \0 translated \0 text
        var index = keyword.utf8.count + 1
        guard data.count >= index + 2 else { throw CredentialError(.invalidBakedBadge, "the openbadgecredential chunk is truncated") }
        guard data[index] == 0 else {
            // Refused rather than inflated: a small chunk could otherwise expand without bound.
            throw CredentialError(.invalidBakedBadge, "the openbadgecredential chunk is compressed; Attest reads only uncompressed ones")
        }
        index += 2
        for _ in 0..<2 {
            guard let end = data[index...].firstIndex(of: 0) else {
                throw CredentialError(.invalidBakedBadge, "the openbadgecredential chunk is truncated")
            }
            index = end + 1
        }
        let text = Array(data[index...])
        guard text.count <= limits.maximumCredentialBytes else {
            throw CredentialError(
                .bakedBadgeTooLarge, "the baked credential has \(text.count) bytes; at most \(limits.maximumCredentialBytes) are read")
        }
        return text
    }

    /// The width and height in IHDR.
    public static func size(of png: [UInt8]) throws(CredentialError) -> (width: Int, height: Int) {
        guard png.count >= 24, looksLikePNG(png), Array(png[12..<16]) == Array("IHDR".utf8) else {
            throw CredentialError(.invalidBakedBadge, "not a PNG image")
        }
        return (Int(bigEndian: png, at: 16), Int(bigEndian: png, at: 20))
    }

    struct Chunk {
        let type: String
        let range: Range<Int>
        let dataRange: Range<Int>
        let isBadgeCredential: Bool
    }

    /// Every chunk, each length bounded by the file and each CRC checked.
    static func read(_ png: [UInt8], limits: BakedBadgeLimits) throws(CredentialError) -> [Chunk] {
        guard png.count <= limits.maximumImageBytes else {
            throw CredentialError(.bakedBadgeTooLarge, "the PNG has \(png.count) bytes; at most \(limits.maximumImageBytes) are read")
        }
        guard looksLikePNG(png) else { throw CredentialError(.invalidBakedBadge, "not a PNG image") }
        var chunks: [Chunk] = []
        var offset = signature.count
        while offset < png.count {
            guard chunks.count < limits.maximumPNGChunks else {
                throw CredentialError(.bakedBadgeTooLarge, "the PNG has more than \(limits.maximumPNGChunks) chunks")
            }
            guard png.count - offset >= 12 else { throw CredentialError(.invalidBakedBadge, "the PNG ends inside a chunk header") }
            let length = Int(bigEndian: png, at: offset)
            guard length <= png.count - offset - 12 else {
                throw CredentialError(.invalidBakedBadge, "a PNG chunk claims \(length) bytes, more than the file holds")
            }
            let typeBytes = Array(png[(offset + 4)..<(offset + 8)])
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw CredentialError(.invalidBakedBadge, "a PNG chunk has a malformed type")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let dataRange = (offset + 8)..<(offset + 8 + length)
            let crc = UInt32(Int(bigEndian: png, at: dataRange.upperBound))
            guard CRC32.checksum(Array(png[(offset + 4)..<dataRange.upperBound])) == crc else {
                throw CredentialError(.invalidBakedBadge, "the PNG chunk \(type) has a wrong CRC (the file was altered or damaged)")
            }
            let prefix = Array((keyword + "\0").utf8)
            let isBadge = type == "iTXt" && png[dataRange].starts(with: prefix)
            chunks.append(Chunk(type: type, range: offset..<(dataRange.upperBound + 4), dataRange: dataRange, isBadgeCredential: isBadge))
            offset = dataRange.upperBound + 4
            if type == "IEND" { break }
        }
        guard chunks.first?.type == "IHDR", chunks.last?.type == "IEND" else {
            throw CredentialError(.invalidBakedBadge, "the PNG does not start with IHDR and end with IEND")
        }
        return chunks
    }

    static func encode(type: String, data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var chunk = UInt32(data.count).bigEndianBytes + typeBytes + data
        chunk += CRC32.checksum(typeBytes + data).bigEndianBytes
        return chunk
    }
}

extension Int {
    /// The 32-bit big-endian unsigned number at `offset`.
    init(bigEndian bytes: [UInt8], at offset: Int) {
        self = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }
}

extension UInt32 {
    var bigEndianBytes: [UInt8] { [UInt8(self >> 24), UInt8(self >> 16 & 0xFF), UInt8(self >> 8 & 0xFF), UInt8(self & 0xFF)] }
}
