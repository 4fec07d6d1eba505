import Hummingbird
import IssuerCore

/// The rest of the admin API under `/api/v1`: programs, learners, completions, issuing a
/// credential, the signing keys, and Moodle's completion events. Roles as in ``APIRoutes``: `viewer` reads, `issuer` and
/// `admin` write, `admin` alone rotates keys, `lms` may do none of this.
struct AdminRoutes {
    let server: IssuerServer
    var environment: IssuerEnvironment { server.environment }

    func register(on group: RouterGroup<IssuerRequestContext>) {
        let api = group.add(middleware: APIKeyAuthenticator(store: server.environment.store, now: server.environment.now))
        api.get("programs") { _, context in try await listPrograms(context: context) }
        api.post("programs") { request, context in try await saveProgram(request, context: context) }
        api.get("programs/:id") { _, context in try await showProgram(context: context) }
        api.post("programs/:id/reissue") { request, context in try await reissueProgram(request, context: context) }
        api.get("learners") { request, context in try await listLearners(request, context: context) }
        api.get("learners/:id") { _, context in try await showLearner(context: context) }
        api.get("completions") { request, context in try await listCompletions(request, context: context) }
        api.get("completions/:id") { _, context in try await showCompletion(context: context) }
        api.post("credentials") { request, context in try await issueCredential(request, context: context) }
        api.post("events/moodle") { request, context in try await postMoodleEvent(request, context: context) }
        api.get("keys") { _, context in try await listKeys(context: context) }
        api.post("keys/rotate") { _, context in try await rotateKey(context: context) }
        registerAPIKeys(on: api)
        registerStaff(on: api)
        registerRollout(on: api)
        registerProgramSettings(on: api)
    }
}
