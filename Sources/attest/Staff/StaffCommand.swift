import ArgumentParser

/// `attest staff add | list | disable`: the people who sign in to the staff console.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Add, list and disable staff console accounts.",
        discussion: """
            Roles: admin (everything, including staff and settings), issuer (learners and credentials: issue, \
            resend, correct, revoke, suspend, reinstate, import; and the review queue), reviewer (sees everything, \
            decides the review queue, changes nothing else), viewer (sees everything, changes nothing). Make the first \
            admin here, then open /console of attest serve and sign in with the emailed link.
            """,
        subcommands: [StaffAddCommand.self, StaffListCommand.self, StaffDisableCommand.self])
}
