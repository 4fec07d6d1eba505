import ArgumentParser
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest staff list`: every account, one a line (tab-separated), or `--json`.
struct StaffListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List staff console accounts.")

    @OptionGroup var data: DataOptions

    @Flag(help: "Print JSON lines instead of columns.")
    var json = false

    func run() async throws {
        let context = try await IssuerContext.open(data)
        for member in try await StaffAccounts(environment: context.environment, actor: "cli").list() {
            let state = member.isActive ? "active" : "disabled"
            if json {
                var object: [String: Any] = [
                    "id": member.id, "email": member.email, "name": member.name, "role": member.role.rawValue, "state": state,
                    "twoFactor": member.totpSecret != nil, "createdAt": DateTimeStamp.format(member.createdAt),
                ]
                if let disabledAt = member.disabledAt { object["disabledAt"] = DateTimeStamp.format(disabledAt) }
                let line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: line, as: UTF8.self))
            } else {
                print([member.id, member.email, member.role.rawValue, state, member.name].joined(separator: "\t"))
            }
        }
    }
}
