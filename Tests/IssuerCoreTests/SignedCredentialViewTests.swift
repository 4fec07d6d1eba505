import CanonicalJSON
import Foundation
import IssuerCore
import Testing
import VerifiableCredentials

@Suite("Signed credential view")
struct SignedCredentialViewTests {
    @Test("module evidence: what the builder writes, the view reads back with its dates; exemptions carry none")
    func moduleEvidenceRoundTrip() async throws {
        // Exemptions are not held for review in this program, so the credential is issued with them.
        var program = IssuerFixture.program
        program.rules.review = ReviewTriggers()
        let fixture = try await IssuerFixture(program: program)
        let day = IssuerFixture.start
        let expiry = day.addingTimeInterval(365 * 86_400)
        let modules = [
            ModuleCompletion(id: "ladders", completedAt: day, expiresAt: expiry, name: "Ladders"),
            ModuleCompletion(id: "scaffolds", completedAt: day),
            ModuleCompletion(id: "harness", exempt: true),
        ]
        let outcome = try await fixture.pipeline().intake(IssuerFixture.event(modules: modules))
        let id = try #require(outcome.issuedCredentialID, "\(outcome)")
        let record = try await fixture.pipeline().finish(credentialID: id)
        let view = try #require(try SignedCredentialView(record: record))
        #expect(view.credentialID == id)
        #expect(view.verificationURL == "https://certs.example.org/c/\(id)")
        #expect(view.modules.map(\.name) == ["Ladders", "scaffolds", "harness"])
        #expect(view.modules.map(\.narrative) == ["Completed on 2026-11-23, expires on 2027-11-23", "Completed on 2026-11-23", "Exempted"])
        let midnight = try #require(DateTimeStamp.parse("2026-11-23T00:00:00Z"))
        #expect(view.modules[0].completedOn == midnight && view.modules[0].expiresOn == midnight.addingTimeInterval(365 * 86_400))
        #expect(view.modules[1].completedOn == midnight && view.modules[1].expiresOn == nil)
        #expect(!view.modules[2].isCompleted && view.modules[2].expiresOn == nil)
        // The codec's own writer gives the same evidence the builder signed.
        let signed = try JSONValue.parse(bytes: Array(try #require(record.credentialJSON)))
        #expect(signed["evidence"]?.asArray == view.modules.map(\.evidence))
        #expect(view.passcode == record.passcode && view.passcode == CertificatePasscode.derive(from: signed))
        #expect(view.learnerName == "Zoë Åkesson" && view.achievementName == "Working at Height — Level 2")
        #expect(view.issuerName == "Example Safety Training" && view.score == "92" && view.completedOn == "2026-11-23")
        #expect(view.verificationMethod == "did:web:certs.example.org#key-1")
    }

    @Test("language maps: a plain string as it is, else the first string or @value in signed order, for every field alike")
    func languageMaps() throws {
        let credential: JSONValue = [
            "id": "https://x.example/c/AB12", "validFrom": "2026-01-31T10:00:00Z", "name": [["@value": "Kurs", "@language": "de"]],
            "issuer": ["id": "did:web:x.example", "name": [["@language": "fr", "@value": "Acmé"], "Acme"]],
            "credentialSubject": [
                "name": ["@value": "Zoë", "@language": "sv"],
                "achievement": ["description": [["@value": "Eine Beschreibung", "@language": "de"]]],
            ],
            "evidence": [["name": [["@value": "Leitern", "@language": "de"]], "narrative": "Completed on 2026-01-02"]],
        ]
        let view = SignedCredentialView(signedCredential: credential)
        #expect(view.learnerName == "Zoë")
        #expect(view.achievementName == "Kurs")
        #expect(view.achievementDescription == "Eine Beschreibung")
        #expect(view.issuerName == "Acmé")
        #expect(view.modules.map(\.name) == ["Leitern"])
        #expect(view.modules.first?.completedOn == DateTimeStamp.parse("2026-01-02T00:00:00Z"))
        #expect(view.credentialID == "AB12")
        // attest-verify's summary reads language maps by the same rule.
        let summary = CredentialSummary(credential)
        #expect(summary.subjectName == view.learnerName && summary.issuerName == view.issuerName)
    }

    @Test("a narrative this codec did not write is kept as text and gives no dates")
    func foreignNarrative() {
        let module = ModuleEvidence(evidence: ["name": "Ladders", "narrative": "Completed on the ladder course, fine"])
        #expect(module?.narrative == "Completed on the ladder course, fine")
        #expect(module?.completedOn == nil && module?.isCompleted == false)
        #expect(ModuleEvidence(evidence: ["narrative": "Completed on 2026-01-02"]) == nil)
    }

    @Test("the LinkedIn link is built once: the same URL from the signed view as from the record's details")
    func linkedIn() throws {
        let credential: JSONValue = [
            "id": "https://certs.example.org/c/C0FFEE12", "validFrom": "2026-11-23T09:00:00Z", "validUntil": "2029-11-23T09:00:00Z",
            "name": "Safety & Health <101>", "issuer": ["id": "did:web:certs.example.org", "name": "Acme & Co"],
        ]
        let url = try #require(SignedCredentialView(signedCredential: credential).linkedIn()?.addToProfileURL)
        #expect(
            url
                == "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Safety%20%26%20Health%20%3C101%3E&organizationName=Acme%20%26%20Co&issueYear=2026&issueMonth=11&expirationYear=2029&expirationMonth=11&certUrl=https%3A%2F%2Fcerts.example.org%2Fc%2FC0FFEE12&certId=C0FFEE12"
        )
        #expect(SignedCredentialView(signedCredential: ["id": "https://x.example/c/A", "name": "n"]).linkedIn() == nil)
    }

    @Test("the verification URL is built and read back in one place")
    func verificationURLs() {
        let issuer = IssuerProfile(did: "did:web:x.example", name: "X", baseURL: "https://x.example/certs", createdAt: Date())
        #expect(issuer.verificationURL(credentialID: "AB12") == "https://x.example/certs/c/AB12")
        #expect(issuer.certificatePDFURL(credentialID: "AB12") == "https://x.example/certs/c/AB12.pdf")
        #expect(issuer.credentialID(fromVerificationURL: issuer.verificationURL(credentialID: "AB12")) == "AB12")
        #expect(issuer.credentialID(fromVerificationURL: "https://other.example/c/AB12") == nil)
        #expect(CredentialBuilder(issuer: issuer).verificationURL(credentialID: "AB12") == issuer.verificationURL(credentialID: "AB12"))
    }
}
