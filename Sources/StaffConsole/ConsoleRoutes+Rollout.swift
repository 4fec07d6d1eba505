import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The Rollout page (issue 19 point 1): every program's mode, the form that changes it
    /// (administrators), and the post-issuance check list, whose checks issuers and administrators
    /// confirm or revoke through a confirmation page. Every change is audited under the person.
    func registerRollout(on console: RouterGroup<Context>) {
        console.get("rollout") { request, context in
            try await page(request, context) { session in
                try await rolloutPage(session: session, changed: query(request)["changed"].map { _ in "The mode was changed." }, error: nil)
            }
        }
        console.post("rollout/mode") { request, context in
            try await action(request, context, may: .administer) { session, form in
                try await changeMode(form, session: session)
            }
        }
        for decision in RolloutPages.CheckDecision.allCases {
            console.get("rollout/checks/:id/\(decision.rawValue)") { request, context in
                try await page(request, context, may: .changeCredentials) { session in
                    let row = try await openCheck(context)
                    return RolloutPages.confirmationPage(decision, row, session: session, error: nil)
                }
            }
            console.post("rollout/checks/:id/\(decision.rawValue)") { request, context in
                try await action(request, context, may: .changeCredentials) { session, form in
                    let row = try await openCheck(context)
                    let note = form.trimmed("note")
                    let changes = RolloutChanges(environment: environment, actor: session.auditActor)
                    switch decision {
                    case .confirm:
                        try await ReviewFormat.refusals { try await changes.confirm(credentialID: row.check.credentialID, note: note) }
                    case .revoke:
                        guard let note else {
                            return try await render(
                                RolloutPages.confirmationPage(
                                    decision, row, session: session, error: "Say why the certificate is revoked."),
                                session: session)
                        }
                        try await ReviewFormat.refusals { try await changes.revoke(credentialID: row.check.credentialID, reason: note) }
                    }
                    return ConsoleResponse.redirect(to: "/console/rollout")
                }
            }
        }
    }

    func rolloutPage(session: StaffSession, changed: String?, error: String?) async throws -> ConsolePage {
        let (programs, rollouts, rows) = try await environment.store.read { reading in
            let programs = try reading.programs()
            var rollouts: [String: ProgramRollout] = [:]
            for program in programs { rollouts[program.id] = try reading.programRollout(programID: program.id) }
            let titles = Dictionary(uniqueKeysWithValues: programs.map { ($0.id, $0.achievement.name) })
            let rows = try reading.rolloutChecks(programID: nil, state: .open).prefix(200).map { check in
                let learner = try reading.learner(id: check.learnerID)
                return RolloutPages.CheckRow(
                    check: check, learnerName: learner.map { $0.preferredName ?? $0.legalName } ?? check.learnerID,
                    programTitle: titles[check.programID] ?? check.programID)
            }
            return (programs, rollouts, rows)
        }
        return RolloutPages.page(
            programs: programs, rollouts: rollouts, checks: rows, now: environment.now(), session: session, changed: changed, error: error)
    }

    func changeMode(_ form: ConsoleForm, session: StaffSession) async throws -> Response {
        func refuse(_ error: String) async throws -> Response {
            try await render(try await rolloutPage(session: session, changed: nil, error: error), session: session)
        }
        guard let programID = form.trimmed("program"), let mode = form.trimmed("mode").flatMap(RolloutMode.init(rawValue:)) else {
            return try await refuse("Choose a program and a mode.")
        }
        var first: Int?
        if mode == .assisted, let text = form.trimmed("first") {
            guard let number = Int(text), (1...ProgramRollout.maximumFirstCount).contains(number) else {
                return try await refuse("The number of first issuances to check must be a whole number from 1 to 100,000.")
            }
            first = number
        }
        var sample: Int?
        if mode == .monitored, let text = form.trimmed("sample") {
            guard let perMille = try? ProgramRollout.samplePerMille(parsing: text) else {
                return try await refuse("The share to check must be a percentage from 0% to 100%, such as 10%.")
            }
            sample = perMille
        }
        let issueShadowed = form["issueShadowed"] == "yes"
        if issueShadowed && mode == .shadow {
            return try await refuse("Issuing what shadow mode decided needs a mode other than shadow.")
        }
        try await ReviewFormat.refusals {
            _ = try await RolloutChanges(environment: environment, actor: session.auditActor).setMode(
                programID: programID, mode: mode, samplePerMille: sample, firstCount: first, issueShadowed: issueShadowed)
        }
        return ConsoleResponse.redirect(to: "/console/rollout?changed=1")
    }

    /// The open check of the `id` credential, with the names a person reads.
    func openCheck(_ context: Context) async throws -> RolloutPages.CheckRow {
        let id = try ReviewFormat.identifier(context.parameters.get("id"), "credential")
        let row = try await environment.store.read { reading -> RolloutPages.CheckRow? in
            guard let check = try reading.rolloutCheck(credentialID: id) else { return nil }
            let learner = try reading.learner(id: check.learnerID)
            return RolloutPages.CheckRow(
                check: check, learnerName: learner.map { $0.preferredName ?? $0.legalName } ?? check.learnerID,
                programTitle: try reading.program(id: check.programID)?.achievement.name ?? check.programID)
        }
        guard let row else { throw ConsoleError(.notFound, "There is no check of a certificate \(id).") }
        guard row.check.state == .open else {
            throw ConsoleError(.badRequest, "This certificate was \(row.check.state.rawValue) already, so it cannot be decided again.")
        }
        return row
    }
}
