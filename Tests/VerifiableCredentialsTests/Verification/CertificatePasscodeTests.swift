import CanonicalJSON
import Foundation
import TestSupport
import Testing

@testable import VerifiableCredentials

@Suite("Certificate passcodes")
struct CertificatePasscodeTests {
    let signed: JSONValue

    init() throws {
        signed = try Fixture.json("w3c-vc-di-eddsa/eddsa-jcs-2022/signedJCS.json")
    }

    @Test("the code is ten Crockford digits in two groups, stable for one credential")
    func shape() {
        let code = CertificatePasscode.derive(from: signed)
        #expect(code.count == 11)
        #expect(code.firstIndex(of: "-") == code.index(code.startIndex, offsetBy: 5))
        #expect(code.allSatisfy { $0 == "-" || CertificatePasscode.digits.contains($0) })
        #expect(CertificatePasscode.derive(from: signed) == code)
    }

    @Test("the derivation is the documented one, recomputed here independently of the implementation")
    func documentedDerivation() throws {
        let input = Data("attest-passcode-v1".utf8) + Data([0]) + Data(signed.canonicalBytes)
        let python = try runPython(
            "import hashlib,sys;h=int.from_bytes(hashlib.sha256(sys.stdin.buffer.read()).digest()[:8],'big')>>14;a='0123456789ABCDEFGHJKMNPQRSTVWXYZ';s=''.join(a[(h>>(45-5*i))&31] for i in range(10));print(s[:5]+'-'+s[5:])",
            input: input)
        #expect(python == CertificatePasscode.derive(from: signed))
    }

    @Test("typing is forgiving: case, spaces, look-alike letters")
    func forgivingInput() {
        let code = CertificatePasscode.derive(from: signed)
        let sloppy = code.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "0", with: "o")
            .replacingOccurrences(of: "1", with: "l")
        #expect(CertificatePasscode.matches(sloppy, signedCredential: signed))
        #expect(!CertificatePasscode.matches("ABCDE-FGHJK", signedCredential: signed) || code == "ABCDE-FGHJK")
        #expect(CertificatePasscode.normalize("ABCD") == nil)
        #expect(CertificatePasscode.normalize("ABCDE-FGHJU") == nil)  // U is not a Crockford digit
    }

    @Test("any change to what was signed changes the code")
    func bindsToSignature() throws {
        var changed = try #require(signed.objectValue)
        changed["name"] = "Alumni Credential."
        #expect(CertificatePasscode.derive(from: .object(changed)) != CertificatePasscode.derive(from: signed))
    }

    private func runPython(_ program: String, input: Data) throws -> String {
        try ExternalTool.run(["python3", "-c", program], input: Array(input)).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
