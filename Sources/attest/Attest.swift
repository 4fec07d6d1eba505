import ArgumentParser

/// `attest`: issue, sign and manage verifiable course and training certificates.
@main
struct Attest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Issue W3C Verifiable Credential certificates signed with Ed25519.",
        discussion: """
            Start with a key:   attest keys generate --out Keys/dev.pem
            Sign a credential:  attest sign --key Keys/dev.pem credential.json > signed.json
            Check it:           attest-verify signed.json
            """,
        subcommands: [KeysCommand.self, SignCommand.self])
}
