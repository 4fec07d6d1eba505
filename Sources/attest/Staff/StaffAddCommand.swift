import ArgumentParser
import Foundation
import IssuerCore

/// `attest staff add --email E --name N --role R [--print-link]`.
struct StaffAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a member of staff who signs in to the console with an emailed link.",
        discussion: """
            With --print-link a sign-in link is printed on the last line (single use, 15 minutes), for a first \
            admin on a server without email. Anyone who sees the link can sign in with it: print it only on a \
            terminal you trust.
            """)

    @OptionGroup var data: DataOptions

    @Option(help: "The address they sign in with (the sign-in link is emailed there).")
    var email: String

    @Option(help: "Their name, shown in the console and the audit trail.")
    var name: String

    @Option(help: "admin, issuer, reviewer or viewer.")
    var role: String

    @Flag(help: "Also print a sign-in link (works once, for 15 minutes).")
    var printLink = false

    func validate() throws {
        guard StaffRole(rawValue: role) != nil else { throw ValidationError("--role must be one of admin, issuer, reviewer, viewer") }
    }

    func run() async throws {
        let context = try await IssuerContext.open(data)
        let issuer = try await context.issuer()
        let member = try await StaffAccounts(environment: context.environment, actor: "cli").add(
            email: email, name: name, role: try StaffRole(named: role))
        print("added \(member.id) \(member.email) \(member.role.rawValue)")
        if printLink {
            let link = try await StaffSignIn(environment: context.environment).issueLink(to: member)
            print("\(issuer.baseURL)/console/sign-in/\(link.token)")
        }
    }
}
