import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// The learner actions: GET shows the confirmation page (what will happen, the fields, the
    /// reason), POST does it through ``IssuerCore/LearnerActions`` under the signed-in person and
    /// shows the result. All need ``StaffPermission/changeCredentials`` on the server.
    func registerLearnerActions(on console: RouterGroup<Context>) {
        for kind in LearnerPages.CredentialAction.allCases {
            let path = "learners/:id/credentials/:credential/\(kind.rawValue)"
            console.get(RouterPath(path)) { request, context in
                try await page(request, context, may: .changeCredentials) { session in
                    let (profile, entry) = try await credentialEntry(context)
                    return LearnerPages.actionPage(kind, profile: profile, entry: entry, session: session, form: nil, error: nil)
                }
            }
            console.post(RouterPath(path)) { request, context in
                try await action(request, context, may: .changeCredentials) { session, form in
                    let (profile, entry) = try await credentialEntry(context)
                    return try await perform(kind, profile: profile, entry: entry, form: form, session: session)
                }
            }
        }
        console.get("learners/:id/email") { request, context in
            try await page(request, context, may: .changeCredentials) { session in
                LearnerPages.emailPage(try await learnerProfile(context), session: session, form: nil, error: nil)
            }
        }
        console.post("learners/:id/email") { request, context in
            try await action(request, context, may: .changeCredentials) { session, form in
                let profile = try await learnerProfile(context)
                let address = form.trimmed("email") ?? ""
                guard let reason = form.trimmed("reason"), !address.isEmpty else {
                    let error = address.isEmpty ? "Enter the new email address." : "Say why the address changes."
                    return try await render(LearnerPages.emailPage(profile, session: session, form: form, error: error), session: session)
                }
                let learner = try await ReviewFormat.refusals {
                    try await LearnerActions(environment: environment, actor: session.auditActor).changeEmail(
                        learnerID: profile.learner.id, to: address, reason: reason)
                }
                return try await render(
                    LearnerPages.resultPage(
                        learner: learner, heading: "Email address changed",
                        text: "Certificates for \(learner.certificateName) are sent to \(learner.email) from now on."), session: session)
            }
        }
        console.post("learners/:id/history") { request, context in
            try await action(request, context, may: .changeCredentials) { session, form in
                let profile = try await learnerProfile(context)
                let configuration = try ReviewFormat.identifier(form.trimmed("configuration"), "training configuration")
                let pdf = try await ReviewFormat.refusals {
                    try await LearnerActions(environment: environment, actor: session.auditActor).trainingHistoryPDF(
                        learnerID: profile.learner.id, configurationID: configuration)
                }
                return ConsoleResponse.download(
                    pdf, contentType: "application/pdf", fileName: "training-history-\(profile.learner.id)-\(configuration).pdf")
            }
        }
    }

    func learnerProfile(_ context: Context) async throws -> LearnerProfile {
        let id = try ReviewFormat.identifier(context.parameters.get("id"), "learner")
        guard let profile = try await environment.store.read({ try LearnerProfile.load(learnerID: id, from: $0) }) else {
            throw ConsoleError(.notFound, "There is no learner \(id).")
        }
        return profile
    }

    func credentialEntry(_ context: Context) async throws -> (LearnerProfile, LearnerProfile.Entry) {
        let profile = try await learnerProfile(context)
        let credentialID = try ReviewFormat.identifier(context.parameters.get("credential"), "certificate")
        guard let entry = profile.entries.first(where: { $0.credential.id == credentialID }) else {
            throw ConsoleError(.notFound, "\(profile.learner.certificateName) holds no certificate \(credentialID).")
        }
        return (profile, entry)
    }

    func perform(
        _ kind: LearnerPages.CredentialAction, profile: LearnerProfile, entry: LearnerProfile.Entry, form: ConsoleForm,
        session: StaffSession
    ) async throws -> Response {
        func again(_ error: String) async throws -> Response {
            try await render(
                LearnerPages.actionPage(kind, profile: profile, entry: entry, session: session, form: form, error: error), session: session)
        }
        let actions = LearnerActions(environment: environment, actor: session.auditActor)
        let id = entry.credential.id
        let reason = form.trimmed("reason")
        if kind.asksForReason, reason == nil { return try await again("Say why; it is kept in the audit trail with your name.") }
        let learner = profile.learner
        let text: String
        switch kind {
        case .resend:
            let address = form.trimmed("email")
            let message = try await ReviewFormat.refusals { try await actions.resendCertificate(id, to: address) }
            text = "The certificate email is on its way to \(message.recipient ?? learner.email)."
        case .correctName:
            guard let name = form.trimmed("name") else { return try await again("Enter the name to print on the certificate.") }
            let new = try await ReviewFormat.refusals { try await actions.correctName(id, to: name, reason: reason!) }
            text =
                "Certificate \(new.id) now carries the name \(name) and was emailed to \(learner.email). Certificate \(id) says superseded and points to it."
        case .revoke:
            _ = try await ReviewFormat.refusals { try await actions.revoke(id, reason: reason!) }
            text = "Certificate \(id) now says REVOKED to anyone who scans it."
        case .suspend:
            _ = try await ReviewFormat.refusals { try await actions.suspend(id, reason: reason!) }
            text = "Certificate \(id) now says SUSPENDED to anyone who scans it, until it is reinstated."
        case .reinstate:
            _ = try await ReviewFormat.refusals { try await actions.reinstate(id, reason: reason!) }
            text = "Certificate \(id) is valid again."
        }
        return try await render(LearnerPages.resultPage(learner: learner, heading: kind.doneHeading, text: text), session: session)
    }
}
