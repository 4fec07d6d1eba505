import Foundation
import PDFEmbedding
import TestSupport
import Testing

/// PDFs built to exhaust a reader (issue 14, point 1): decompression bombs, long filter chains, too many
/// embedded files, object streams qpdf would inflate itself. Each is refused with its own code before the
/// work is done; a real certificate still reads.
@Suite struct PDFExtractionLimitsTests {
    /// The attack: a 2.5 KB PDF whose credential is Flate-compressed twice and inflates to 1 GiB.
    /// Before the limits, qpdf decoded all of it into memory (2.1 GiB, 19.5 s).
    @Test func decompressionBombIsRefusedWhileInflating() throws {
        let bomb = try HostilePDF.bomb(inflatedBytes: 1 << 30)
        #expect(bomb.count < 4096)
        let before = try PeakMemory.kibibytes()
        let error = #expect(throws: PDFEmbeddingError.self) { try PDFCredentialEmbedder.extractCredential(from: bomb) }
        #expect(error?.code == .tooLarge)
        #expect(error?.reason.contains("more than 4194304 bytes") == true, "\(String(describing: error))")
        // A sanity bound, not a measurement: the GiB was never allocated.
        let grown = try PeakMemory.kibibytes() - before
        #expect(grown < 256 * 1024, "peak memory grew by \(grown) KiB")
    }

    @Test func singleLayerBombAndAttachmentsListAreRefusedToo() throws {
        let bomb = try HostilePDF.bomb(inflatedBytes: 64 << 20, layers: 1)
        #expect(embeddingErrorCode { try PDFCredentialEmbedder.extractCredential(from: bomb) } == .tooLarge)
        #expect(embeddingErrorCode { try PDFCredentialEmbedder.attachments(in: bomb) } == .tooLarge)
    }

    @Test func limitsAreParameters() throws {
        let small = try HostilePDF.bomb(inflatedBytes: 100_000)
        let code = embeddingErrorCode {
            try PDFCredentialEmbedder.extractCredential(from: small, limits: PDFExtractionLimits(maximumFileBytes: 50_000))
        }
        #expect(code == .tooLarge)
        // Within the limit it decodes, spaces and all (not JSON, but that is for the caller to say).
        #expect(try PDFCredentialEmbedder.extractCredential(from: small) == [UInt8](repeating: 0x20, count: 100_000))
        let total = embeddingErrorCode {
            try PDFCredentialEmbedder.extractCredential(from: small, limits: PDFExtractionLimits(maximumTotalBytes: 50_000))
        }
        #expect(total == .tooLarge)
        let input = embeddingErrorCode {
            try PDFCredentialEmbedder.extractCredential(from: small, limits: PDFExtractionLimits(maximumInputBytes: 100))
        }
        #expect(input == .tooLarge)
    }

    @Test func longFilterChainIsRefused() throws {
        let two = try HostilePDF.filterChain(2)
        #expect(
            try PDFCredentialEmbedder.extractCredential(from: two) == Array(#"{"@context":["https://www.w3.org/ns/credentials/v2"]}"#.utf8))
        let five = try HostilePDF.filterChain(5)
        let error = #expect(throws: PDFEmbeddingError.self) { try PDFCredentialEmbedder.extractCredential(from: five) }
        #expect(error?.code == .unsupportedFilter)
        #expect(error?.reason.contains("chain of 5 filters; at most 2") == true, "\(String(describing: error))")
    }

    @Test func tooManyEmbeddedFilesAreRefused() throws {
        #expect(try PDFCredentialEmbedder.attachments(in: HostilePDF.manyFiles(16)).count == 16)
        let many = try HostilePDF.manyFiles(17)
        let error = #expect(throws: PDFEmbeddingError.self) { try PDFCredentialEmbedder.extractCredential(from: many) }
        #expect(error?.code == .tooManyFiles)
        #expect(error?.reason.contains("at most 16") == true, "\(String(describing: error))")
    }

    /// qpdf inflates object streams itself, without limit, when an object in them is read (measured:
    /// 2.2 KB → 2.1 GiB of memory, 9.6 s for `qpdf --check`); PDFs of unknown origin are read without them.
    @Test func objectStreamBombIsRefusedBeforeQpdfInflatesIt() throws {
        let bomb = try HostilePDF.objectStreamBomb(inflatedBytes: 1 << 30)
        let before = try PeakMemory.kibibytes()
        let error = #expect(throws: PDFEmbeddingError.self) { try PDFCredentialEmbedder.extractCredential(from: bomb) }
        #expect(error?.code == .unsupportedPDF)
        #expect(error?.reason.contains("object streams") == true, "\(String(describing: error))")
        #expect(try PeakMemory.kibibytes() - before < 256 * 1024)
    }

    @Test func certificatesStillRead() throws {
        let certificate = try EmbeddingFixtures.embeddedCertificate()
        #expect(try PDFCredentialEmbedder.extractCredential(from: certificate) == EmbeddingFixtures.load("credential.json"))
    }
}

/// The process's peak resident memory (`VmHWM` in /proc/self/status), as a sanity bound in tests.
enum PeakMemory {
    static func kibibytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }
}
