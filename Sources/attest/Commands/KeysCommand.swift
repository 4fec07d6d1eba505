import ArgumentParser

/// `attest keys …`: the signing keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, rotate and publish Ed25519 signing keys.",
        subcommands: [
            KeysGenerateCommand.self, KeysListCommand.self, KeysRotateCommand.self, KeysRetireCommand.self, KeysExportPublicCommand.self,
        ])
}
