import Foundation

/// The colours a person actually sees in a browser screenshot, counted per pixel by a small PNG
/// reader in Python's standard library (zlib), so no image library is needed.
enum ScreenshotColours {
    /// `#rrggbb` colours by how many pixels have them, most frequent first.
    static func histogram(of png: String) throws -> [(colour: String, pixels: Int)] {
        let result = try Executables.runProgram("python3", ["-c", script, png])
        guard result.status == 0 else { throw PageChecks.Unreadable(description: "reading \(png): \(result.standardError)") }
        return result.standardOutput.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let count = Int(parts[1]) else { return nil }
            return (String(parts[0]), count)
        }
    }

    /// The most frequent colour in a ``histogram(of:)`` that is not the page's white background nor its body text.
    static func dominantColour(in histogram: [(colour: String, pixels: Int)], ignoring ignored: Set<String> = ["#ffffff", "#1a1a1a"])
        -> String?
    {
        histogram.first { !ignored.contains($0.colour) }?.colour
    }

    /// 8-bit RGB or RGBA, non-interlaced (what Chromium writes); prints "#rrggbb count" lines.
    private static let script = #"""
        import struct, sys, zlib
        from collections import Counter
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        position, idat = 8, b""
        while position < len(data):
            length, kind = struct.unpack(">I4s", data[position:position + 8])
            body = data[position + 8:position + 8 + length]
            if kind == b"IHDR":
                width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            elif kind == b"IDAT":
                idat += body
            position += 12 + length
        assert depth == 8 and colour_type in (2, 6) and interlace == 0, "only 8-bit RGB(A), not interlaced"
        step = 3 if colour_type == 2 else 4
        raw, stride = zlib.decompress(idat), width * step
        previous, counts, offset = bytearray(stride), Counter(), 0
        for _ in range(height):
            kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
            offset += 1 + stride
            for i in range(stride):
                left = line[i - step] if i >= step else 0
                up = previous[i]
                corner = previous[i - step] if i >= step else 0
                if kind == 1: line[i] = (line[i] + left) & 255
                elif kind == 2: line[i] = (line[i] + up) & 255
                elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
                elif kind == 4:
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
            counts.update(bytes(line[i:i + 3]) for i in range(0, stride, step))
            previous = line
        for colour, count in counts.most_common(12):
            print("#" + colour.hex(), count)
        """#
}
