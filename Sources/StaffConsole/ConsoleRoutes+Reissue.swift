import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// A program's bulk reissue under `/console/programs/{id}/reissue`: the confirmation with the
    /// count (administrators), the POST that starts it, and the progress page (anyone signed in)
    /// that reloads itself while the work goes on, with `progress.json` for scripts.
    func registerReissue(on console: RouterGroup<Context>) {
        console.get("programs/:id/reissue") { request, context in
            try await page(request, context, may: .administer) { session in
                let program = try await reissueProgram(context)
                let from = Int(query(request)["from"] ?? "") ?? 1
                let plan = try await reissuePlan(program, from: from)
                return ProgramReissuePages.confirmation(
                    program: program, plan: plan, running: await reissueJobs.job(programID: program.id), session: session, form: nil,
                    error: nil)
            }
        }
        console.post("programs/:id/reissue") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let program = try await reissueProgram(context)
                let plan = try await reissuePlan(program, from: Int(form["from"] ?? "") ?? 1)
                guard let reason = form.trimmed("reason"), reason.count <= 1000 else {
                    let error =
                        form.trimmed("reason") == nil
                        ? "Say why the certificates are reissued; it is kept in the audit trail with your name."
                        : "The reason is longer than 1,000 characters."
                    return try await render(
                        ProgramReissuePages.confirmation(
                            program: program, plan: plan, running: await reissueJobs.job(programID: program.id), session: session,
                            form: form, error: error),
                        session: session)
                }
                let reissue = ProgramReissue(environment: environment, actor: session.auditActor)
                await reissueJobs.start(plan, reissue: reissue, reason: reason)
                return ConsoleResponse.redirect(to: "/console/programs/\(program.id)/reissue/progress")
            }
        }
        console.get("programs/:id/reissue/progress") { request, context in
            let program = try await reissueProgram(context)
            let job = await reissueJobs.job(programID: program.id)
            var response = try await page(request, context) { _ in ProgramReissuePages.progress(program: program, job: job) }
            // No script runs in the console (its policy forbids it): the page reloads itself while the work goes on.
            if job?.isRunning == true { response.headers[Self.refreshField] = "2" }
            return response
        }
        console.get("programs/:id/reissue/result.csv") { request, context in
            _ = try await signedIn(request, context)
            let program = try await reissueProgram(context)
            guard let summary = await reissueJobs.job(programID: program.id)?.summary else {
                throw ConsoleError(.notFound, "No reissue of this program has finished since the server started.")
            }
            return ConsoleResponse.download(
                Array(ProgramReissuePages.csv(summary).utf8), contentType: "text/csv; charset=utf-8",
                fileName: "reissue-\(program.id)-v\(summary.plan.toVersion).csv")
        }
        console.get("programs/:id/reissue/progress.json") { request, context in
            _ = try await signedIn(request, context)
            let program = try await reissueProgram(context)
            let job = await reissueJobs.job(programID: program.id)
            let state = job.map { $0.isRunning ? "running" : $0.failure == nil ? "finished" : "failed" } ?? "none"
            let body =
                "{\"state\":\"\(state)\",\"done\":\(job?.progress.done ?? 0),\"total\":\(job?.progress.total ?? 0),\"percent\":\(job?.percent ?? 0)}"
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    static var refreshField: HTTPField.Name { HTTPField.Name("Refresh")! }

    func reissueProgram(_ context: Context) async throws -> Program {
        let id = try ReviewFormat.identifier(context.parameters.get("id"), "program")
        guard let program = try await environment.store.read({ try $0.program(id: id) }) else {
            throw ConsoleError(.notFound, "There is no program \(id).")
        }
        return program
    }

    /// The plan from version `from`; a program still at version 1 has nothing earlier, which the
    /// page says rather than refusing.
    func reissuePlan(_ program: Program, from: Int) async throws -> ProgramReissue.Plan {
        guard program.version > 1 else {
            return ProgramReissue.Plan(
                programID: program.id, programName: program.achievement.name, fromVersion: 1, toVersion: 2, credentialIDs: [],
                unfinishedIDs: [])
        }
        let from = min(max(from, 1), program.version - 1)
        return try await ReviewFormat.refusals {
            try await ProgramReissue(environment: environment, actor: "").plan(programID: program.id, fromVersion: from)
        }
    }
}
