import ArgumentParser
import Foundation
import IssuerCore

/// `attest staff disable EMAIL`: the account can no longer sign in, and its sessions end at once.
struct StaffDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable a staff account; its open sessions end at once.")

    @OptionGroup var data: DataOptions

    @Argument(help: "The member's email address.")
    var email: String

    func run() async throws {
        let context = try await IssuerContext.open(data)
        let member = try await StaffAccounts(environment: context.environment, actor: "cli").disable(email: email)
        print("disabled \(member.id) \(member.email)")
    }
}
