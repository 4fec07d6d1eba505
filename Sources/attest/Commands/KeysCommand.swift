import ArgumentParser

/// `attest keys …`: the signing keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create and inspect Ed25519 signing keys.",
        subcommands: [KeysGenerateCommand.self])
}
