import ArgumentParser
import CanonicalJSON
import Foundation
import VerifiableCredentials

/// `attest-verify`: the standalone verifier. No server, no database, no rendering.
@main
struct AttestVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest-verify",
        abstract: "Verify a W3C Verifiable Credential: its data model, proof, issuer key, validity and status.",
        discussion: """
            Exit status: 0 valid, 1 invalid, 2 unusable input (unreadable, not JSON, not a credential),
            3 indeterminate (something could not be checked, e.g. a status list while offline).
            A certificate is called valid only when every check that applies passed.
            """)

    @Argument(help: ArgumentHelp("The credential (JSON), or - for standard input.", valueName: "file"))
    var input: String

    @Flag(name: .long, help: "Print one JSON object: the verdict, every check, and the credential's summary.")
    var json = false

    @Flag(name: .long, help: "Never touch the network: what needs it is reported as not checked.")
    var offline = false

    @Option(name: .long, help: ArgumentHelp("Judge validity at this moment instead of now (dateTimeStamp).", valueName: "time"))
    var at: String?

    func validate() throws {
        if let at, DateTimeStamp.parse(at) == nil {
            throw ValidationError("--at must be an XML Schema dateTimeStamp with a time zone, e.g. 2030-01-01T00:00:00Z")
        }
    }

    func run() async throws {
        let credential: JSONValue
        switch VerifierInput.read(input) {
        case .success(let value):
            credential = value
        case .failure(let unusable):
            ReportPrinter.printUnusable(unusable, input: input, json: json)
            throw ExitCode(2)
        }
        let verifier = Verifier(now: at.flatMap(DateTimeStamp.parse) ?? Date())
        let report = await verifier.verify(credential)
        ReportPrinter.print(report, input: input, json: json)
        throw ExitCode(ReportPrinter.exitStatus(of: report.verdict))
    }
}
