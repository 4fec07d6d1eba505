import Foundation
import TestSupport
import PDFEmbedding
import Testing

/// Embeds the credential and checks the result with the real tools a person would use.
@Suite struct PDFCredentialEmbedderTests {
    @Test func qpdfFindsNoErrorsOrWarnings() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(try EmbeddingFixtures.embeddedCertificate(), to: "certificate.pdf")
        let check = try ExternalTool.run(["qpdf", "--check", path])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("No syntax or stream encoding errors found"))
        #expect(!check.standardOutput.localizedCaseInsensitiveContains("warning"))
        #expect(check.standardError.isEmpty)
    }

    @Test func pdfdetachListsAndSavesTheExactBytes() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(try EmbeddingFixtures.embeddedCertificate(), to: "certificate.pdf")
        let list = try ExternalTool.run(["pdfdetach", "-list", path])
        #expect(list.status == 0)
        #expect(list.standardOutput.contains("1 embedded files"))
        #expect(list.standardOutput.contains("1: credential.json"))
        let saved = folder.path("saved.json")
        let save = try ExternalTool.run(["pdfdetach", "-save", "1", "-o", saved, path])
        #expect(save.status == 0, "\(save.standardError)")
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: saved))) == (try EmbeddingFixtures.load("credential.json")))
    }

    @Test func qpdfShowsTheAttachmentWithItsMediaType() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(try EmbeddingFixtures.embeddedCertificate(), to: "certificate.pdf")
        let list = try ExternalTool.run(["qpdf", "--list-attachments", "--verbose", path])
        #expect(list.standardOutput.contains("credential.json"))
        #expect(list.standardOutput.contains("application/vc"))
        #expect(list.standardOutput.contains("mime type: application/vc"))
        let show = try ExternalTool.run(["qpdf", "--show-attachment=credential.json", path])
        #expect(Array(show.standardOutput.utf8) == (try EmbeddingFixtures.load("credential.json")))
    }

    @Test func catalogCarriesAssociatedFilesAndFileSpecification() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(try EmbeddingFixtures.embeddedCertificate(), to: "certificate.pdf")
        let json = try ExternalTool.run(["qpdf", "--json=2", "--json-key=qpdf", path])
        #expect(json.status == 0)
        // The raw objects as qpdf sees them: the catalog's /AF and the file specification's entries.
        let objects = json.standardOutput
        #expect(objects.contains("\"/AF\""))
        #expect(objects.contains("\"/AFRelationship\": \"/Data\""))
        #expect(objects.contains("\"/Subtype\": \"/application/vc\""))
        #expect(objects.contains("\"/UF\""))
        #expect(objects.contains("\"/Desc\""))
        #expect(objects.contains("\"/Size\": \((try EmbeddingFixtures.load("credential.json")).count)"))
        #expect(objects.contains("\"/ModDate\": \"u:D:20261123093000Z\""))
        // The name is escaped in the file itself, as PDF requires for "/" inside a name.
        let raw = try ExternalTool.run(["qpdf", "--qdf", "--object-streams=disable", path, "-"])
        #expect(raw.standardOutput.contains("/Subtype /application#2fvc") || raw.standardOutput.contains("/Subtype /application#2Fvc"))
    }

    @Test func linkAnnotationOpensTheVerificationURL() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(try EmbeddingFixtures.embeddedCertificate(), to: "certificate.pdf")
        let urls = try ExternalTool.run(["pdfinfo", "-url", path])
        #expect(urls.status == 0)
        let rows = urls.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: " ").map(String.init) }
        #expect(rows == [["1", "Annotation", EmbeddingFixtures.verificationURL]])
    }

    @Test func documentInformationIsSet() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(try EmbeddingFixtures.embeddedCertificate(), to: "certificate.pdf")
        let output = try ExternalTool.run(["pdfinfo", "-isodates", path]).standardOutput
        // "Key:   value" lines into a dictionary.
        let info = Dictionary(
            output.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }, uniquingKeysWith: { first, _ in first })
        #expect(info["Title"] == "Certificate of Completion: Food Hygiene and Safety, Level 2")
        #expect(info["Author"] == "Northwind Training Academy")
        #expect(info["Subject"] == "Αλέξανδρος Παπαδόπουλος, Food Hygiene and Safety, Level 2")
        #expect(info["Creator"] == "Attest")
        #expect(info["Keywords"] == "certificate, verifiable credential")
        #expect(info["CreationDate"] == "2026-11-23T09:30:00Z")
        #expect(info["ModDate"] == "2026-11-23T09:30:00Z")
        #expect(info["PDF version"] == "1.7")
    }

    @Test func xmpMetadataRepeatsTheInformationEscaped() throws {
        var metadata = EmbeddingFixtures.metadata
        metadata.author = "Smith & Sons <Training>"
        let pdf = try PDFCredentialEmbedder.embed(
            credentialJSON: EmbeddingFixtures.load("credential.json"), into: EmbeddingFixtures.load("certificate.pdf"),
            metadata: metadata)
        let folder = try TemporaryDirectory()
        let path = try folder.write(pdf, to: "certificate.pdf")
        let xmp = try ExternalTool.run(["pdfinfo", "-meta", path]).standardOutput
        #expect(xmp.contains("<rdf:li>Smith &amp; Sons &lt;Training&gt;</rdf:li>"))
        #expect(xmp.contains("Αλέξανδρος Παπαδόπουλος, Food Hygiene and Safety, Level 2"))
        #expect(xmp.contains("<xmp:CreateDate>2026-11-23T09:30:00Z</xmp:CreateDate>"))
        // Well-formed XML, checked by Python's parser rather than by eye.
        let xmlPath = try folder.write(Array(xmp.utf8), to: "metadata.xml")
        let parse = try ExternalTool.run(["python3", "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", xmlPath])
        #expect(parse.status == 0, "\(parse.standardError)")
        let check = try ExternalTool.run(["qpdf", "--check", path])
        #expect(check.status == 0)
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        #expect(try EmbeddingFixtures.embeddedCertificate() == EmbeddingFixtures.embeddedCertificate())
    }

    @Test func extractionReturnsTheEmbeddedBytes() throws {
        let extracted = try PDFCredentialEmbedder.extractCredential(from: EmbeddingFixtures.embeddedCertificate())
        #expect(extracted == (try EmbeddingFixtures.load("credential.json")))
    }

    @Test func attachmentsAreListedWithTypeAndRelationship() throws {
        let attachments = try PDFCredentialEmbedder.attachments(in: EmbeddingFixtures.embeddedCertificate())
        #expect(attachments.count == 1)
        #expect(attachments.first?.fileName == "credential.json")
        #expect(attachments.first?.mediaType == "application/vc")
        #expect(attachments.first?.relationship == "Data")
    }

    @Test func embeddingTwiceIsRefused() throws {
        let once = try EmbeddingFixtures.embeddedCertificate()
        #expect(throws: PDFEmbeddingError.self) {
            try PDFCredentialEmbedder.embed(
                credentialJSON: Array("{}".utf8), into: once, metadata: EmbeddingFixtures.metadata)
        }
        do {
            _ = try PDFCredentialEmbedder.embed(
                credentialJSON: Array("{}".utf8), into: once, metadata: EmbeddingFixtures.metadata)
        } catch {
            #expect(error.code == .credentialAlreadyEmbedded)
        }
    }

    @Test func emptyCredentialAndBadLinkAreRefused() throws {
        let pdf = try EmbeddingFixtures.load("certificate.pdf")
        #expect(
            throws: PDFEmbeddingError(.invalidInput, "the credential is empty"),
            performing: { try PDFCredentialEmbedder.embed(credentialJSON: [], into: pdf, metadata: EmbeddingFixtures.metadata) })
        let code = embeddingErrorCode {
            try PDFCredentialEmbedder.embed(
                credentialJSON: Array("{}".utf8), into: pdf,
                link: PDFLink(url: "https://x.example/a b", left: 0, bottom: 0, width: 10, height: 10),
                metadata: EmbeddingFixtures.metadata)
        }
        #expect(code == .invalidInput)
    }
}

/// The error code an embedding call threw, or nil if it did not throw.
/// Other errors (a missing fixture) are recorded as test failures.
func embeddingErrorCode(_ body: () throws -> Any, sourceLocation: SourceLocation = #_sourceLocation) -> PDFEmbeddingError.Code? {
    do {
        _ = try body()
        return nil
    } catch let error as PDFEmbeddingError {
        return error.code
    } catch {
        Issue.record(error, sourceLocation: sourceLocation)
        return nil
    }
}
