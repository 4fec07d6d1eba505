import ArgumentParser
import Foundation

/// Where a secret option's value comes from: the command line (which `ps` and shell history
/// show), a file (`--NAME-file`), or an environment variable — so a deployment can keep it off
/// the command line.
enum SecretSource {
    /// The secret from `value`, else the first line of `file`, else the environment variable
    /// `environment`; nil when none is set. `option` names the flag in messages (`--smtp-url`).
    static func resolve(option: String, value: String?, file: String?, environment: String?) throws -> String? {
        if value != nil && file != nil { throw ValidationError("give \(option) or \(option)-file, not both") }
        if let value { return value }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(option)-file \(file)") }
            let line = String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).first
            let secret = line.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            guard !secret.isEmpty else { throw CLIError("\(option)-file \(file) is empty") }
            return secret
        }
        if let environment, let secret = ProcessInfo.processInfo.environment[environment], !secret.isEmpty { return secret }
        return nil
    }
}
