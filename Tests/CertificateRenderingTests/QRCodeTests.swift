import CertificateRendering
import Testing

@Suite struct QRCodeTests {
    @Test func sizeFollowsTheVersion() throws {
        let code = try QRCode(encoding: SampleCertificates.verificationURL)
        #expect(code.size == 17 + 4 * code.version)
        // 44 bytes at level Q need version 4 (ISO 18004 table 7: version 3-Q holds 32 bytes, 4-Q holds 46).
        #expect(code.version == 4)
    }

    @Test func finderPatternsSitInThreeCorners() throws {
        let code = try QRCode(encoding: "https://certs.example.org/c/ABC")
        let last = code.size - 1
        for (x, y) in [(0, 0), (last - 6, 0), (0, last - 6)] {
            // The 7×7 finder: dark outer ring, light ring, dark 3×3 centre.
            #expect(code.isDark(x: x, y: y) && code.isDark(x: x + 6, y: y + 6))
            #expect(!code.isDark(x: x + 1, y: y + 1))
            #expect(code.isDark(x: x + 3, y: y + 3))
        }
        #expect(!code.isDark(x: last - 3, y: last - 3 + 10))  // outside the matrix
    }

    @Test func strongerCorrectionNeedsMoreModules() throws {
        let url = SampleCertificates.verificationURL
        let low = try QRCode(encoding: url, errorCorrection: .low)
        let high = try QRCode(encoding: url, errorCorrection: .high)
        #expect(high.size > low.size)
        #expect(low != high)
    }

    @Test func emptyTextIsRefused() {
        #expect(throws: RenderingError.self) { try QRCode(encoding: "") }
    }

    @Test func tooMuchTextIsRefusedWithLibqrencodesReason() throws {
        // Version 40-Q holds 1663 bytes.
        do {
            _ = try QRCode(encoding: String(repeating: "x", count: 2000), errorCorrection: .quartile)
            Issue.record("2000 bytes fit in a QR code at level Q")
        } catch {
            #expect(error.code == .qrEncodingFailed)
            #expect(error.reason.contains("libqrencode"))
        }
    }
}
