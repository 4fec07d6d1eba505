import ArgumentParser
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest keys retire ID --compromised --since T`: a leaked key stops vouching for anything.
struct KeysRetireCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Declare a signing key compromised since a moment: what it signed before is reissued, after is revoked.",
        discussion: """
            The key stays in the DID document with "revoked": T and leaves assertionMethod, so every verifier refuses \
            whatever it signed, including forgeries with any date. Each active credential it signed before T is reissued \
            under the active key (the learner is emailed the new version); each it signed at or after T is revoked. Every \
            status list is re-signed. When ID is the active key, a new key is made first (as attest keys rotate). Each step \
            is audited; running the command again finishes an interrupted run. Publish the DID document and status lists \
            again if they are served from copies (attest keys export-public, attest status-lists publish).
            """)

    @OptionGroup var dataOptions: DataOptions

    @Argument(help: ArgumentHelp("The key's id, as attest keys list shows it (key-1).", valueName: "id"))
    var keyID: String

    @Flag(name: .long, help: "The private key is, or may be, in other hands (required: ordinary retirement is attest keys rotate).")
    var compromised = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "From when the key may have been in other hands: an ISO 8601 date-time with a zone, e.g. 2026-12-01T00:00:00Z.",
            valueName: "date-time"))
    var since: String

    func validate() throws {
        guard compromised else {
            throw ValidationError("attest keys retire needs --compromised; to retire a key that did not leak, run attest keys rotate")
        }
        guard DateTimeStamp.parse(since) != nil else {
            throw ValidationError("--since \(since) is not an ISO 8601 date-time with a zone, e.g. 2026-12-01T00:00:00Z")
        }
    }

    func run() async throws {
        let context = try await IssuerContext.open(dataOptions)
        let issuer = try await context.issuer()
        let moment = DateTimeStamp.parse(since)!
        let keys = try await context.store.read { try $0.signingKeys() }
        guard let key = keys.first(where: { $0.id == keyID }) else {
            throw CLIError("there is no signing key \(keyID); attest keys list shows them")
        }
        // Checked before a new key is made for an active one, so a refused run leaves nothing behind.
        guard moment <= context.environment.now() else { throw CLIError("--since \(since) is in the future") }
        if key.retiredAt == nil {
            let (record, path) = try await KeysRotateCommand.rotate(context)
            print("\(keyID) was the active key: the active key is now \(issuer.did)#\(record.id) (\(path))")
        }
        let outcome = try await IssuerAdministration(environment: context.environment, actor: "cli").retireCompromisedKey(
            keyID, since: moment)
        let stamp = DateTimeStamp.format(outcome.since)
        print("\(issuer.did)#\(keyID) is compromised since \(stamp): it is revoked in the DID document and no longer an assertionMethod")
        print("reissued \(outcome.reissued.count) credentials it signed before \(stamp) under the active key (the learners are emailed):")
        for reissue in outcome.reissued { print("  \(reissue.old) -> \(reissue.new)") }
        print("revoked \(outcome.revoked.count) credentials it signed at or after \(stamp):")
        for id in outcome.revoked { print("  \(id)") }
        if !outcome.expired.isEmpty {
            print("left \(outcome.expired.count) expired credentials as they are: \(outcome.expired.joined(separator: " "))")
        }
        print(
            "every status list is re-signed; if copies are served elsewhere, publish them again with attest keys export-public and attest status-lists publish"
        )
    }
}
