import Foundation
import TestSupport
import PDFEmbedding
import Testing

/// Extraction refuses every PDF that does not carry exactly one credential, with a clear code.
@Suite struct PDFCredentialExtractionTests {
    @Test func plainPDFHasNoCredential() throws {
        let code = embeddingErrorCode { try PDFCredentialEmbedder.extractCredential(from: EmbeddingFixtures.load("certificate.pdf")) }
        #expect(code == .noCredential)
    }

    @Test func truncatedPDFIsDamaged() throws {
        let whole = try EmbeddingFixtures.embeddedCertificate()
        for length in [whole.count / 2, whole.count - 40, 200] {
            let code = embeddingErrorCode { try PDFCredentialEmbedder.extractCredential(from: Array(whole.prefix(length))) }
            #expect(code == .damagedPDF, "truncated to \(length) bytes")
        }
    }

    @Test func randomBytesAreNotAPDF() throws {
        var generator = SplitMix64(seed: 2026)
        let noise = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(embeddingErrorCode { try PDFCredentialEmbedder.extractCredential(from: noise) } == .damagedPDF)
        #expect(embeddingErrorCode { try PDFCredentialEmbedder.extractCredential(from: []) } == .damagedPDF)
        // A PDF header followed by noise is still no PDF.
        let fake = Array("%PDF-1.7\n".utf8) + noise
        #expect(embeddingErrorCode { try PDFCredentialEmbedder.extractCredential(from: fake) } == .damagedPDF)
        let embedding = embeddingErrorCode {
            try PDFCredentialEmbedder.embed(credentialJSON: Array("{}".utf8), into: noise, metadata: EmbeddingFixtures.metadata)
        }
        #expect(embedding == .damagedPDF)
    }

    @Test func corruptedStreamIsDamaged() throws {
        // Overwrite bytes inside the compressed embedded file stream: Flate decoding must fail.
        var bytes = try EmbeddingFixtures.embeddedCertificate()
        let marker = Array("/Type /EmbeddedFile".utf8)
        let dictionary = try #require(firstRange(of: marker, in: bytes, after: 0))
        let streamStart = try #require(firstRange(of: Array("stream\n".utf8), in: bytes, after: dictionary))
        for index in (streamStart + 20)..<(streamStart + 60) { bytes[index] = 0x41 }
        #expect(embeddingErrorCode { try PDFCredentialEmbedder.extractCredential(from: bytes) } == .damagedPDF)
    }

    @Test func twoCredentialsAreAmbiguous() throws {
        let folder = try TemporaryDirectory()
        let first = try folder.write(try EmbeddingFixtures.embeddedCertificate(), to: "one.pdf")
        let second = try folder.write(Array("{\"id\":\"second\"}".utf8), to: "second.json")
        let output = folder.path("two.pdf")
        let add = try ExternalTool.run([
            "qpdf", first, "--add-attachment", second, "--mimetype=application/vc", "--", output,
        ])
        #expect(add.status == 0, "\(add.standardError)")
        let twice = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(embeddingErrorCode { try PDFCredentialEmbedder.extractCredential(from: twice) } == .severalCredentials)
        #expect(try PDFCredentialEmbedder.attachments(in: twice).count == 2)
    }

    @Test func attachmentOfAnotherTypeIsNotACredential() throws {
        let folder = try TemporaryDirectory()
        let plain = try folder.write(try EmbeddingFixtures.load("certificate.pdf"), to: "plain.pdf")
        let notes = try folder.write(try EmbeddingFixtures.load("credential.json"), to: "credential.json")
        let output = folder.path("json.pdf")
        let add = try ExternalTool.run(["qpdf", plain, "--add-attachment", notes, "--mimetype=application/json", "--", output])
        #expect(add.status == 0, "\(add.standardError)")
        let pdf = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        do {
            _ = try PDFCredentialEmbedder.extractCredential(from: pdf)
            Issue.record("a JSON attachment without the application/vc type was taken for a credential")
        } catch {
            #expect(error.code == .noCredential)
            #expect(error.reason.contains("credential.json (application/json)"))
        }
    }

    @Test func credentialAddedByQpdfIsFound() throws {
        // Interoperability: a credential attached by another tool with the right type is extracted too.
        let folder = try TemporaryDirectory()
        let plain = try folder.write(try EmbeddingFixtures.load("certificate.pdf"), to: "plain.pdf")
        let credential = try folder.write(try EmbeddingFixtures.load("credential.json"), to: "credential.json")
        let output = folder.path("vc.pdf")
        let add = try ExternalTool.run(["qpdf", plain, "--add-attachment", credential, "--mimetype=application/vc", "--", output])
        #expect(add.status == 0)
        let pdf = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(try PDFCredentialEmbedder.extractCredential(from: pdf) == EmbeddingFixtures.load("credential.json"))
    }
}

func firstRange(of needle: [UInt8], in haystack: [UInt8], after start: Int) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for index in start...(haystack.count - needle.count) where haystack[index..<(index + needle.count)].elementsEqual(needle) {
        return index + needle.count
    }
    return nil
}

/// A small deterministic generator for reproducible noise.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
