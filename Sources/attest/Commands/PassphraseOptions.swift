import ArgumentParser
import Foundation

/// Where a key's passphrase comes from: never the command line, where `ps` would show it.
struct PassphraseOptions: ParsableArguments {
    @Option(
        name: .customLong("passphrase-env"),
        help: ArgumentHelp("Read the key passphrase from this environment variable.", valueName: "name"))
    var environmentVariable: String?

    @Option(
        name: .customLong("passphrase-file"),
        help: ArgumentHelp("Read the key passphrase from the first line of this file.", valueName: "file"))
    var file: String?

    func validate() throws {
        if environmentVariable != nil && file != nil {
            throw ValidationError("give --passphrase-env or --passphrase-file, not both")
        }
    }

    /// The passphrase, or `nil` when none was asked for.
    func resolve() throws -> String? {
        if let environmentVariable {
            guard let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty else {
                throw CLIError("the environment variable \(environmentVariable) holds no passphrase")
            }
            return value
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError("cannot read the passphrase file \(file)")
            }
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
            guard !line.isEmpty else { throw CLIError("the passphrase file \(file) is empty") }
            return String(line)
        }
        return nil
    }
}
