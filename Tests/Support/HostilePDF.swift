import Foundation

/// Small PDFs that attack a reader of embedded files, built at test time with python3's zlib so that
/// nothing large is kept on disk: decompression bombs, too many embedded files, long filter chains,
/// object streams that inflate without limit.
public enum HostilePDF {
    /// A PDF whose one `application/vc` file is `layers` times Flate-compressed spaces inflating to `inflatedBytes`.
    public static func bomb(inflatedBytes: Int, layers: Int = 2) throws -> [UInt8] {
        try make(["bomb", String(inflatedBytes), String(layers)])
    }

    /// A PDF embedding `count` small files (the first `application/vc`, the others `text/plain`).
    public static func manyFiles(_ count: Int) throws -> [UInt8] {
        try make(["files", String(count)])
    }

    /// A PDF whose `application/vc` file (a small JSON object) is Flate-compressed `filters` times, each listed in `/Filter`.
    public static func filterChain(_ filters: Int) throws -> [UInt8] {
        try make(["chain", String(filters)])
    }

    /// A PDF 1.5 whose catalog sits in an object stream that inflates (Flate twice) to `inflatedBytes`.
    public static func objectStreamBomb(inflatedBytes: Int) throws -> [UInt8] {
        try make(["objstm", String(inflatedBytes)])
    }

    private static func make(_ arguments: [String]) throws -> [UInt8] {
        let folder = try TemporaryDirectory()
        let script = try folder.write(generator, to: "hostile.py")
        let output = folder.path("hostile.pdf")
        let result = try ExternalTool.run(["python3", script, output] + arguments)
        guard result.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "hostile.py failed: \(result.standardError)"])
        }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    /// python3 hostile.py OUT MODE ARGS…: writes the PDF (classic cross-reference table unless objstm).
    static let generator = #"""
        import struct, sys, zlib

        def deflate_spaces(total, compressor=None):
            compressor = compressor or zlib.compressobj(9)
            parts, block, left = [], b" " * (1 << 20), total
            while left > 0:
                n = min(len(block), left)
                parts.append(compressor.compress(block[:n]))
                left -= n
            return parts, compressor

        def layered(total, layers):
            parts, compressor = deflate_spaces(total)
            data = b"".join(parts) + compressor.flush()
            for _ in range(layers - 1):
                data = zlib.compress(data, 9)
            return data

        def build(files):
            objects, names, associated, number = {}, [], [], 4
            for i, (media_type, data, filters) in enumerate(files):
                spec, stream = number, number + 1
                number += 2
                names.append(b"(file-%03d.json) %d 0 R" % (i, spec))
                associated.append(b"%d 0 R" % spec)
                objects[spec] = b"<< /Type /Filespec /F (file-%03d.json) /UF (file-%03d.json) /AFRelationship /Data /EF << /F %d 0 R >> >>" % (i, i, stream)
                chain = b" /Filter [" + b" ".join(b"/" + f for f in filters) + b"]" if filters else b""
                objects[stream] = (b"<< /Type /EmbeddedFile /Subtype /" + media_type.replace(b"/", b"#2F") + chain
                    + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
            objects[1] = b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [" + b" ".join(names) + b"] >> >> /AF [" + b" ".join(associated) + b"] >>"
            objects[2] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
            objects[3] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
            out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), {}
            for key in sorted(objects):
                offsets[key] = len(out)
                out += b"%d 0 obj\n" % key + objects[key] + b"\nendobj\n"
            xref, size = len(out), max(objects) + 1
            out += b"xref\n0 %d\n0000000000 65535 f \n" % size
            for key in range(1, size):
                out += b"%010d 00000 n \n" % offsets[key]
            out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
            return bytes(out)

        def object_stream_bomb(total):
            catalog, pages = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
            page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
            header = b"1 0 2 %d 3 %d " % (len(catalog) + 1, len(catalog) + len(pages) + 2)
            compressor = zlib.compressobj(9)
            first = compressor.compress(header + catalog + b" " + pages + b" " + page + b" ")
            parts, compressor = deflate_spaces(total, compressor)
            data = zlib.compress(first + b"".join(parts) + compressor.flush(), 9)
            out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
            stream_offset = len(out)
            out += (b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter [/FlateDecode /FlateDecode] /Length %d >>\nstream\n"
                % (len(header), len(data)) + data + b"\nendstream\nendobj\n")
            xref_offset = len(out)
            rows = [(0, 0, 65535), (2, 4, 0), (2, 4, 1), (2, 4, 2), (1, stream_offset, 0), (1, xref_offset, 0)]
            table = zlib.compress(b"".join(struct.pack(">BIH", *row) for row in rows))
            out += (b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
                % len(table) + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset)
            return bytes(out)

        out, mode = sys.argv[1], sys.argv[2]
        if mode == "bomb":
            layers = int(sys.argv[4])
            pdf = build([(b"application/vc", layered(int(sys.argv[3]), layers), [b"FlateDecode"] * layers)])
        elif mode == "files":
            pdf = build([(b"application/vc" if i == 0 else b"text/plain", zlib.compress(b'{"file":%d}' % i), [b"FlateDecode"])
                for i in range(int(sys.argv[3]))])
        elif mode == "chain":
            data = b'{"@context":["https://www.w3.org/ns/credentials/v2"]}'
            for _ in range(int(sys.argv[3])):
                data = zlib.compress(data)
            pdf = build([(b"application/vc", data, [b"FlateDecode"] * int(sys.argv[3]))])
        elif mode == "objstm":
            pdf = object_stream_bomb(int(sys.argv[3]))
        open(out, "wb").write(pdf)
        """#
}
