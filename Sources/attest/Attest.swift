import ArgumentParser

/// `attest`: issue, sign and manage verifiable course and training certificates.
@main
struct Attest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Issue W3C Verifiable Credential certificates signed with Ed25519.",
        discussion: """
            Run an issuer:

              attest init --name "Example Training" --base-url https://certs.example.org
              attest programs add Spec/examples/program.json
              attest import Spec/examples/completions.csv --program working-at-height-2
              attest credentials list

            Or sign a credential by hand: attest keys generate --out Keys/dev.pem, then
            attest sign --key Keys/dev.pem credential.json > signed.json, and attest-verify signed.json.
            """,
        subcommands: [
            InitCommand.self, KeysCommand.self, PDFCommand.self, ProgramsCommand.self, IssueCommand.self, ImportCommand.self, ReviewCommand.self,
            CredentialsCommand.self, RevokeCommand.self, SuspendCommand.self, ReinstateCommand.self, ReissueCommand.self,
            StatusListsCommand.self, AuditCommand.self, DeliverCommand.self, ResendCommand.self, SignCommand.self, ServeCommand.self, APIKeysCommand.self,
            TrainingCommand.self, StaffCommand.self, DatabaseCommand.self, RolloutCommand.self, ScheduledCommand.self, KeptCommand.self, ReportCommand.self, WebhooksCommand.self,
        ])
}
