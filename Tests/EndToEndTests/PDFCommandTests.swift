import Foundation
import Testing

/// `attest sign --suite eddsa-rdfc-2022`, `attest pdf` and `attest-verify` on the PDF, with the real tools.
@Suite("attest pdf and rdfc signing end to end")
struct PDFCommandTests {
    let folder: URL
    let key: String

    init() throws {
        folder = try Executables.temporaryDirectory()
        key = folder.appendingPathComponent("test-key.pem").path
        #expect(try Executables.run("attest", ["keys", "generate", "--out", key]).status == 0)
    }

    func signedCredential(suite: String) throws -> String {
        let signed = try Executables.run(
            "attest", ["sign", "--key", key, "--suite", suite, Executables.fixture("unsigned-credential.json").path])
        #expect(signed.status == 0, "\(signed.standardError)")
        let path = folder.appendingPathComponent("signed-\(suite).json").path
        try Data(signed.standardOutput.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("an eddsa-rdfc-2022 credential verifies and the report names the suite")
    func rdfcSigning() throws {
        let path = try signedCredential(suite: "eddsa-rdfc-2022")
        let verified = try Executables.run("attest-verify", [path])
        #expect(verified.status == 0, "\(verified.standardOutput)")
        #expect(verified.standardOutput.contains("eddsa-rdfc-2022 signature verified"))
        #expect(verified.standardOutput.contains("conforms to the Open Badges 3.0 credential profile"))
    }

    @Test("attest pdf draws a certificate that qpdf accepts, that carries the credential byte for byte, and whose QR decodes to its URL")
    func pdfFromCredential() throws {
        let credential = try signedCredential(suite: "eddsa-jcs-2022")
        let pdf = folder.appendingPathComponent("certificate.pdf").path
        let png = folder.appendingPathComponent("certificate.png").path
        let made = try Executables.run("attest", ["pdf", credential, "--out", pdf, "--png", png, "--template", "achievement"])
        #expect(made.status == 0, "\(made.standardError)")
        let passcodeRange = try #require(made.standardOutput.range(of: #"passcode [0-9A-Z]{5}-[0-9A-Z]{5}"#, options: .regularExpression))
        let passcode = String(made.standardOutput[passcodeRange].dropFirst("passcode ".count))
        #expect(try Executables.runProgram("qpdf", ["--check", pdf]).status == 0)
        let extracted = folder.appendingPathComponent("extracted.json").path
        #expect(try Executables.runProgram("pdfdetach", ["-save", "1", "-o", extracted, pdf]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: extracted)) == (try Data(contentsOf: URL(fileURLWithPath: credential))))
        let text = try Executables.runProgram("pdftotext", [pdf, "-"]).standardOutput
        #expect(text.contains("Zoë Åkesson-Nguyễn"))
        #expect(text.contains(passcode))
        #expect(
            try Executables.runProgram("pdftoppm", ["-r", "150", "-png", "-singlefile", pdf, folder.appendingPathComponent("page").path])
                .status == 0)
        let qr = try Executables.runProgram("zbarimg", ["--raw", "-q", folder.appendingPathComponent("page.png").path])
        #expect(qr.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "https://certs.example.org/c/7Q4XK2M9")
        #expect(FileManager.default.fileExists(atPath: png))

        let verified = try Executables.run("attest-verify", ["--passcode", passcode.lowercased(), pdf])
        #expect(verified.status == 0, "\(verified.standardOutput)")
        #expect(verified.standardOutput.contains("belongs to this certificate"))
        let wrongCode = try Executables.run("attest-verify", ["--passcode", "00000-00000", pdf])
        #expect(wrongCode.status == 1)
    }

    @Test("attest pdf refuses a credential that does not verify, and writes nothing")
    func refusesTampered() throws {
        let credential = try signedCredential(suite: "eddsa-jcs-2022")
        let tampered = folder.appendingPathComponent("tampered.json").path
        try Data(try String(contentsOfFile: credential, encoding: .utf8).replacingOccurrences(of: "Zoë", with: "Zoe").utf8).write(
            to: URL(fileURLWithPath: tampered))
        let pdf = folder.appendingPathComponent("nope.pdf").path
        let refused = try Executables.run("attest", ["pdf", tampered, "--out", pdf])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("does not verify"))
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }

    @Test("attest-verify refuses a PDF without a credential, or a damaged one, as unusable input (exit 2)")
    func unusablePDFs() throws {
        let credential = try signedCredential(suite: "eddsa-jcs-2022")
        let pdf = folder.appendingPathComponent("good.pdf").path
        #expect(try Executables.run("attest", ["pdf", credential, "--out", pdf]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let truncated = folder.appendingPathComponent("truncated.pdf")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        #expect(try Executables.run("attest-verify", [truncated.path]).status == 2)
        let plain = folder.appendingPathComponent("plain.pdf").path
        #expect(try Executables.runProgram("qpdf", ["--empty", "--pages", pdf, "--", plain]).status == 0)
        let none = try Executables.run("attest-verify", [plain])
        #expect(none.status == 2, "\(none.standardError)")
    }
}
