import ArgumentParser
import CanonicalJSON
import Ed25519
import Foundation
import IssuerServer
import VerifiableCredentials

/// `attest sign`: adds a Data Integrity proof to an unsigned credential.
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a W3C Verifiable Credential and print the signed credential.",
        discussion: """
            The credential must conform to the VC Data Model 2.0; if it does not, nothing is signed and
            the broken rule is named. Without an issuer, the key's DID becomes the issuer.
            Example: attest sign --key Keys/dev.pem credential.json > signed.json
            """)

    @Option(name: .long, help: ArgumentHelp("The private key (PKCS#8 PEM).", valueName: "file"))
    var key: String

    @Option(name: .long, help: "The Data Integrity cryptosuite.")
    var suite: SuiteName = .eddsaJCS2022

    @Option(name: .long, help: ArgumentHelp("The key's URL in the proof. Default: the key's did:key.", valueName: "url"))
    var verificationMethod: String?

    @Option(name: .long, help: ArgumentHelp("The proof's creation time, e.g. 2026-01-31T09:00:00Z. Default: now.", valueName: "time"))
    var created: String?

    @Flag(
        name: .long,
        help: "Sign an eddsa-rdfc-2022 credential even if a value holds a control character (most JSON-LD libraries hash those wrongly).")
    var allowControlCharacters = false

    @Argument(help: ArgumentHelp("The unsigned credential (JSON), or - for standard input.", valueName: "file"))
    var input: String = "-"

    @OptionGroup var passphrase: PassphraseOptions

    func validate() throws {
        if let created, DateTimeStamp.parse(created) == nil {
            throw ValidationError("--created must be an XML Schema dateTimeStamp with a time zone, e.g. 2026-01-31T09:00:00Z")
        }
    }

    func run() async throws {
        let privateKey = try PEMKeyStore.load(key, passphrase: try passphrase.resolve())
        var credential = try CredentialInput.read(input)
        let method = verificationMethod ?? DIDKey.verificationMethodID(for: privateKey.publicKey)
        let controller = String(method.prefix { $0 != "#" })
        if var object = credential.objectValue, object["issuer"] == nil {
            // Open Badges wants the issuer as a Profile object; plain VCs take the URL.
            object["issuer"] =
                OpenBadgesProfile.applies(to: credential) ? ["id": .string(controller), "type": ["Profile"]] : .string(controller)
            credential = .object(object)
            FileHandle.standardError.write(Data("attest: no issuer given; the issuer is \(controller)\n".utf8))
        }
        try DataModelValidator().validate(credential, allowingVersion11: false)
        if OpenBadgesProfile.applies(to: credential), let broken = OpenBadgesProfile.violations(in: credential).first {
            // What attest-verify's open-badges check would fail is not signed either.
            throw CLIError("not a conforming Open Badges 3.0 credential: \(broken)")
        }
        if suite == .eddsaRDFC2022, !allowControlCharacters, let found = Self.firstControlCharacter(in: credential) {
            throw CLIError(
                "\(found.path) holds the control character \(found.character); RDFC-1.0 escapes it but most JSON-LD libraries do not, so other verifiers would reject the proof. Remove it, use --suite eddsa-jcs-2022, or pass --allow-control-characters"
            )
        }
        if method.hasPrefix("did:key:"), let issuer = CredentialSummary(credential).issuer, issuer != controller {
            let problem = "the issuer is \(issuer) but the key is \(controller); a verifier would reject the proof"
            // An explicit --verification-method is signed as asked (reproducing published vectors needs it).
            guard verificationMethod != nil else {
                throw CLIError("\(problem). Set issuer to \(controller), or pass --verification-method \(method) to sign anyway")
            }
            FileHandle.standardError.write(Data("attest: warning: \(problem); signing as asked by --verification-method\n".utf8))
        }
        let options = DataIntegrity.ProofOptions(verificationMethod: method, created: created.flatMap(DateTimeStamp.parse) ?? Date())
        let signed = try DataIntegrity().addProof(to: credential, suite: suite.cryptosuite, options: options, key: privateKey)
        print(signed.serialized(pretty: true))
    }
}

/// The cryptosuites `--suite` accepts.
enum SuiteName: String, ExpressibleByArgument, CaseIterable {
    case eddsaJCS2022 = "eddsa-jcs-2022"
    case eddsaRDFC2022 = "eddsa-rdfc-2022"

    var cryptosuite: any Cryptosuite {
        switch self {
        case .eddsaJCS2022: EdDSAJCS2022()
        case .eddsaRDFC2022: EdDSARDFC2022()
        }
    }
}
