import Foundation
import Testing

/// Open Badges baked images from the real pipeline: `attest credentials export` writes the
/// credential baked into a PNG and an SVG, an independent reader (Python) finds the same bytes in
/// them, and the real `attest-verify` extracts and verifies it — and refuses altered or hostile images.
@Suite("Baked badges through attest and attest-verify")
struct BakedBadgeTests {
    /// An issuer with one credential, exported; returns the workspace, the id and the JSON path.
    static func exported() throws -> (IssuerWorkspace, String, String) {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let issued = try workspace.attest([
            "issue", "--program", IssuerWorkspace.programID, "--learner-id", "badge-1", "--email", "badge1@example.org",
            "--name", "Zoë Åkesson-Nguyễn", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds",
            "--module", "harness",
        ])
        let id = try #require(
            issued.standardOutput.hasPrefix("issued ")
                ? issued.standardOutput.split(separator: " ").dropFirst().first.map(String.init) : nil,
            "issue: \(issued.standardOutput)\(issued.standardError)")
        return (workspace, id, try workspace.export(id))
    }

    static let independentReader = """
        import json, struct, sys, xml.etree.ElementTree as ET
        png = open(sys.argv[1], 'rb').read()
        assert png[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
        offset, found = 8, []
        while offset < len(png):
            length, kind = struct.unpack('>I4s', png[offset:offset + 8])
            data = png[offset + 8:offset + 8 + length]
            if kind == b'iTXt' and data.startswith(b'openbadgecredential\\x00'):
                keyword, rest = data.split(b'\\x00', 1)
                assert rest[0] == 0 and rest[1] == 0
                language, rest = rest[2:].split(b'\\x00', 1)
                translated, text = rest.split(b'\\x00', 1)
                found.append(text)
            offset += 12 + length
        svg = ET.parse(sys.argv[2]).getroot()
        elements = svg.findall('{https://purl.imsglobal.org/ob/v3p0}credential')
        original = open(sys.argv[3], 'rb').read()
        assert found == [original], 'png'
        assert len(elements) == 1 and elements[0].text.encode() == original, 'svg'
        print('same')
        """

    @Test("export writes .badge.png and .badge.svg; an independent reader finds the exported credential byte for byte in each")
    func exportedImagesHoldTheCredential() throws {
        let (workspace, id, json) = try Self.exported()
        let png = workspace.path("exported/\(id).badge.png")
        let svg = workspace.path("exported/\(id).badge.svg")
        let checked = try Executables.runProgram("python3", ["-c", Self.independentReader, png, svg, json])
        #expect(checked.status == 0 && checked.standardOutput.contains("same"), "\(checked.standardOutput)\(checked.standardError)")
    }

    @Test("attest-verify reads both images: VALID, the same credential; after revocation both are INVALID: revoked")
    func verifyBothImagesThenRevoke() throws {
        let (workspace, id, _) = try Self.exported()
        for suffix in ["badge.png", "badge.svg"] {
            let result = try workspace.verifyOffline(workspace.path("exported/\(id).\(suffix)"))
            #expect(result.status == 0, "\(suffix): \(result.standardOutput)\(result.standardError)")
            #expect(result.standardOutput.contains("VALID"), "\(suffix): \(result.standardOutput)")
            #expect(result.standardOutput.contains(id), "\(suffix): \(result.standardOutput)")
        }
        #expect(try workspace.attest(["revoke", id, "--reason", "issued in error"]).status == 0)
        for suffix in ["badge.png", "badge.svg"] {
            let result = try workspace.verifyOffline(workspace.path("exported/\(id).\(suffix)"), exportDIDDocument: false)
            #expect(result.status == 1, "\(suffix): \(result.standardOutput)")
            #expect(result.standardOutput.contains("INVALID: revoked"), "\(suffix): \(result.standardOutput)")
        }
    }

    @Test("an altered credential inside either image is INVALID (the signature fails); a damaged PNG chunk is unusable")
    func tamperedImages() throws {
        let (workspace, id, _) = try Self.exported()
        let svgPath = workspace.path("exported/\(id).badge.svg")
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        try workspace.write(svg.replacingOccurrences(of: "Zoë Åkesson-Nguyễn", with: "Mallory Impostor"), "tampered.svg")
        let forgedSVG = try workspace.verifyOffline(workspace.path("tampered.svg"))
        #expect(forgedSVG.status == 1, "\(forgedSVG.standardOutput)")
        #expect(forgedSVG.standardOutput.contains("INVALID"), "\(forgedSVG.standardOutput)")

        // The same edit in the PNG with the chunk's CRC fixed up (a careful forger): the proof fails.
        let fixedUp = """
            import sys, struct, zlib
            png = bytearray(open(sys.argv[1], 'rb').read())
            offset = 8
            while offset < len(png):
                length, kind = struct.unpack('>I4s', png[offset:offset + 8])
                if kind == b'iTXt':
                    data = bytes(png[offset + 8:offset + 8 + length]).replace('Zoë Åkesson-Nguyễn'.encode(), 'Mallory Impostor'.encode())
                    chunk = struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
                    png[offset:offset + 12 + length] = chunk
                    break
                offset += 12 + length
            open(sys.argv[2], 'wb').write(png)
            """
        let pngPath = workspace.path("exported/\(id).badge.png")
        #expect(try Executables.runProgram("python3", ["-c", fixedUp, pngPath, workspace.path("forged.png")]).status == 0)
        let forgedPNG = try workspace.verifyOffline(workspace.path("forged.png"), exportDIDDocument: false)
        #expect(forgedPNG.status == 1, "\(forgedPNG.standardOutput)")
        #expect(forgedPNG.standardOutput.contains("INVALID"), "\(forgedPNG.standardOutput)")

        var damaged = try Data(contentsOf: URL(fileURLWithPath: pngPath))
        let at = try #require(damaged.range(of: Data("Zo".utf8))).lowerBound
        damaged[at] = UInt8(ascii: "X")
        try damaged.write(to: URL(fileURLWithPath: workspace.path("damaged.png")))
        let unusable = try workspace.verifyOffline(workspace.path("damaged.png"), exportDIDDocument: false)
        #expect(unusable.status == 2, "\(unusable.standardOutput)")
        #expect(
            (unusable.standardOutput + unusable.standardError).contains("wrong CRC"), "\(unusable.standardOutput)\(unusable.standardError)")
    }

    @Test("hostile images are refused before any credential is read: oversized, an XML entity (XXE), too many chunks")
    func hostileImages() throws {
        let workspace = try IssuerWorkspace()
        var oversized = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        oversized.append(Data(count: 17 << 20))
        try oversized.write(to: URL(fileURLWithPath: workspace.path("huge.png")))
        let huge = try Executables.run("attest-verify", ["--offline", workspace.path("huge.png")])
        #expect(huge.status == 2, "\(huge.standardOutput)")
        #expect((huge.standardOutput + huge.standardError).contains("at most"), "\(huge.standardOutput)\(huge.standardError)")

        let secret = workspace.path("secret.json")
        try workspace.write(#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"]}"#, "secret.json")
        try workspace.write(
            """
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file://\(secret)">]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
            <openbadges:credential>&xxe;</openbadges:credential></svg>
            """, "xxe.svg")
        let xxe = try Executables.run("attest-verify", ["--offline", workspace.path("xxe.svg")])
        #expect(xxe.status == 2, "\(xxe.standardOutput)")
        #expect((xxe.standardOutput + xxe.standardError).contains("document type"), "\(xxe.standardOutput)\(xxe.standardError)")

        let manyChunks = """
            import struct, sys, zlib
            def chunk(kind, data): return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
            body = chunk(b'IHDR', bytes([0,0,0,1,0,0,0,1,8,6,0,0,0])) + chunk(b'tEXt', b'a\\x00b') * 5000 + chunk(b'IEND', b'')
            open(sys.argv[1], 'wb').write(b'\\x89PNG\\r\\n\\x1a\\n' + body)
            """
        #expect(try Executables.runProgram("python3", ["-c", manyChunks, workspace.path("chunks.png")]).status == 0)
        let chunks = try Executables.run("attest-verify", ["--offline", workspace.path("chunks.png")])
        #expect(chunks.status == 2, "\(chunks.standardOutput)")
        #expect(
            (chunks.standardOutput + chunks.standardError).contains("more than 4096 chunks"),
            "\(chunks.standardOutput)\(chunks.standardError)")
    }
}
