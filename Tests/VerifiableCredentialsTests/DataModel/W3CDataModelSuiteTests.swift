import CanonicalJSON
import Foundation
import Testing
import VerifiableCredentials

/// Every issuer input of the W3C VC 2.0 conformance suite (`w3c/vc-data-model-2.0-test-suite`,
/// `tests/input/`), prepared as its harness prepares it, must be accepted (`-ok`) or rejected
/// (`-fail`, `-fail-or-inject`) — and rejected for the rule the file is about.
@Suite("W3C VC Data Model 2.0 test suite")
struct W3CDataModelSuiteTests {
    static let folder = "w3c-vc-data-model-2.0-test-suite"

    /// The rule each failing file must break (other violations may come with it).
    static let expectedRules: [String: String] = [
        "credential-context-combo3-fail.json": "context.item",
        "credential-context-combo4-fail.json": "context.item",
        "credential-evidence-missing-type-fail.json": "evidence.type",
        "credential-id-multi-fail.json": "id.url",
        "credential-id-nonidentifier-fail.json": "id.url",
        "credential-id-not-url-fail.json": "id.url",
        "credential-id-subject-multi-fail.json": "credentialSubject.id",
        "credential-issuer-no-url-fail.json": "issuer.id",
        "credential-issuer-null-fail.json": "issuer.value",
        "credential-issuer-object-id-no-url-fail.json": "issuer.id",
        "credential-issuer-object-id-null-fail.json": "issuer.id",
        "credential-missing-base-context-fail-or-inject.json": "context.first",
        "credential-missing-required-type-fail.json": "type.verifiable-credential",
        "credential-no-context-fail-or-inject.json": "context.missing",
        // The harness gives it an issuer, so what is left to reject is its empty subject.
        "credential-no-issuer-fail.json": "credentialSubject.empty",
        "credential-no-subject-fail.json": "credentialSubject.missing",
        "credential-no-type-fail.json": "type.missing",
        "credential-proof-missing-type-fail.json": "proof.type",
        "credential-redef-type-fail.json": "context.protected-term",
        "credential-redef-type2-fail.json": "context.protected-term",
        "credential-refresh-no-type-fail.json": "refreshService.type",
        "credential-schema-no-id-fail.json": "credentialSchema.id",
        "credential-schema-no-type-fail.json": "credentialSchema.type",
        "credential-schema-non-url-id-fail.json": "credentialSchema.id",
        "credential-status-missing-type-fail.json": "credentialStatus.type",
        "credential-status-multiple-id-fail.json": "credentialStatus.id",
        "credential-status-nonurl-id-fail.json": "credentialStatus.id",
        "credential-status-type-nonurl-fail.json": "credentialStatus.type",
        "credential-subject-multiple-empty-fail.json": "credentialSubject.empty",
        "credential-subject-no-claims-fail.json": "credentialSubject.empty",
        "credential-termsofuse-missing-type-fail.json": "termsOfUse.type",
        "credential-termsofuse-no-type-fail.json": "termsOfUse.type",
        "credential-type-mapped-nonurl-fail.json": "context.term-iri",
        "credential-type-unmapped-fail.json": "type.unmapped",
        "credential-validUntil-validFrom-fail.json": "validity.order",
        "credential-validfrom-invalid-fail.json": "validFrom.format",
        "credential-validuntil-invalid-fail.json": "validUntil.format",
        "names-and-descriptions/credential-description-extra-prop-en-fail.json": "language.value-object",
        "names-and-descriptions/credential-name-extra-prop-en-fail.json": "language.value-object",
        "names-and-descriptions/issuer-description-extra-prop-en-fail.json": "language.value-object",
        "names-and-descriptions/issuer-name-extra-prop-en-fail.json": "language.value-object",
    ]

    @Test("the suite holds all 95 issuer inputs (71 + 24 names-and-descriptions), and every failing one has its expected rule")
    func inventory() {
        let files = SuiteFixture.fileNames
        #expect(files.count == 95)
        let failing = files.filter { SuiteFixture.expectsRejection($0) }
        #expect(Set(failing) == Set(Self.expectedRules.keys))
    }

    @Test("each file is judged as its name says", arguments: SuiteFixture.fileNames)
    func judgedAsNamed(file: String) throws {
        let violations = DataModelValidator().violations(in: try SuiteFixture.preparedCredential(file))
        if SuiteFixture.expectsRejection(file) {
            let rule = try #require(Self.expectedRules[file])
            #expect(violations.contains { $0.rule == rule }, "expected \(rule), got \(violations)")
        } else {
            #expect(violations.isEmpty, "\(violations)")
        }
    }

    @Test("summary: all ok files accepted, all fail files rejected")
    func summary() throws {
        var accepted = 0, rejected = 0, wrong: [String] = []
        for file in SuiteFixture.fileNames {
            let conforms = DataModelValidator().violations(in: try SuiteFixture.preparedCredential(file)).isEmpty
            switch (SuiteFixture.expectsRejection(file), conforms) {
            case (false, true): accepted += 1
            case (true, false): rejected += 1
            default: wrong.append(file)
            }
        }
        print("W3C VC 2.0 suite: \(accepted) -ok accepted, \(rejected) -fail rejected, \(wrong.count) misjudged \(wrong)")
        #expect(wrong.isEmpty)
        #expect(accepted + rejected == SuiteFixture.fileNames.count)
    }
}

/// Loads the suite's files and fills them in as its harness does before sending them to an issuer.
enum SuiteFixture {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent(W3CDataModelSuiteTests.folder)
    /// The test issuer the harness would put in; a did:key is a URL like any the suite's issuers use.
    static let testIssuer = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    /// The harness uses "now"; any fixed instant gives the same verdicts and keeps runs repeatable.
    static let now = DateTimeStamp.parse("2026-11-23T12:00:00Z")!

    /// Paths relative to the suite folder, e.g. `names-and-descriptions/issuer-name-ok.json`.
    static let fileNames: [String] = {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        let prefix = root.standardizedFileURL.path + "/"
        return enumerator.compactMap { ($0 as? URL)?.standardizedFileURL.path }
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropFirst(prefix.count)) }
            .sorted()
    }()

    static func expectsRejection(_ file: String) -> Bool {
        file.hasSuffix("-fail.json") || file.hasSuffix("-fail-or-inject.json")
    }

    /// The file with the harness's changes: an issuer (or issuer id) where none is given, and the
    /// `FUTURE DATE` / `PAST DATE` placeholders replaced by now ± one year.
    static func preparedCredential(_ file: String) throws -> JSONValue {
        let data = try Data(contentsOf: root.appendingPathComponent(file))
        guard case .object(var credential) = try JSONValue.parse(bytes: data) else { return try JSONValue.parse(bytes: data) }
        switch credential["issuer"] {
        case nil:
            credential["issuer"] = .string(testIssuer)
        case .object(var issuer)? where issuer["id"] == nil:
            issuer["id"] = .string(testIssuer)
            credential["issuer"] = .object(issuer)
        default:
            break
        }
        let placeholders = [
            "FUTURE DATE": DateTimeStamp.format(now.addingTimeInterval(365 * 86_400)),
            "PAST DATE": DateTimeStamp.format(now.addingTimeInterval(-365 * 86_400)),
        ]
        for property in ["validFrom", "validUntil"] {
            if let text = credential[property]?.stringValue, let date = placeholders[text] { credential[property] = .string(date) }
        }
        return .object(credential)
    }
}
