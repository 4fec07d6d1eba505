import Foundation
import IssuerCore
import VerifiableCredentials

/// The emails that keep a worker's compliance certificate valid: what training is missing or
/// expired (outbox event `compliance.invalid`, written when the certificate turns INVALID) and a
/// reminder before a module expires (`compliance.reminder`). The row's `subjectID` is
/// `CONFIGURATION/LEARNER`; the text is the worker's live state when the email is sent.
public enum ComplianceEmail {
    /// The built-in templates. Variables: `workerName`, `group`, `issuer`, `isInvalid`, `modules`
    /// (each `name`, `state`, `expiresAt`), `pageURL` (the certificate's page, when there is one).
    public static let templates = EmailTemplates(
        subject:
            "{{#isInvalid}}Action needed: your {{group}} training certificate is INVALID{{/isInvalid}}{{^isInvalid}}Reminder: {{group}} training expires soon{{/isInvalid}}",
        text: """
            Hello {{workerName}},

            {{#isInvalid}}Your {{group}} safety training certificate from {{issuer}} is INVALID until this training is done:{{/isInvalid}}{{^isInvalid}}Some of your {{group}} safety training from {{issuer}} expires soon:{{/isInvalid}}

            {{#modules}}- {{name}}: {{state}}{{#expiresAt}} (expires {{expiresAt}}){{/expiresAt}}
            {{/modules}}
            {{#pageURL}}Your certificate's live state: {{pageURL}}{{/pageURL}}
            Once the training is complete the certificate is valid again on its own; nothing is reissued.
            """,
        html: """
            <p>Hello {{workerName}},</p>
            {{#isInvalid}}<p>Your {{group}} safety training certificate from {{issuer}} is <strong>INVALID</strong> until this training is done:</p>{{/isInvalid}}
            {{^isInvalid}}<p>Some of your {{group}} safety training from {{issuer}} expires soon:</p>{{/isInvalid}}
            <ul>{{#modules}}<li>{{name}}: {{state}}{{#expiresAt}} (expires {{expiresAt}}){{/expiresAt}}</li>{{/modules}}</ul>
            {{#pageURL}}<p><a href="{{pageURL}}">See your certificate's live state</a></p>{{/pageURL}}
            <p>Once the training is complete the certificate is valid again on its own; nothing is reissued.</p>
            """)
}

extension OutboxWorker {
    /// The compliance email of one outbox row, from the worker's state at sending time.
    func composeComplianceEmail(_ row: OutboxMessage) async throws -> MIMEMessage {
        let parts = row.subjectID.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let recipient = row.recipient else {
            throw DeliveryError(.subjectMissing, "the outbox row \(row.id) names no worker and configuration", isTransient: false)
        }
        let at = now()
        let found = try await store.read {
            reading -> (IssuerProfile, Learner, TrainingConfiguration, ComplianceState, CredentialRecord?)? in
            guard let issuer = try reading.issuer(), let learner = try reading.learner(id: parts[1]),
                let configuration = try reading.trainingConfiguration(id: parts[0])
            else { return nil }
            let state = ComplianceState.evaluate(
                configuration: configuration, learnerID: learner.id, assignments: try reading.trainingAssignments(learnerID: learner.id),
                completions: try reading.trainingCompletions(learnerID: learner.id), now: at)
            let credential = try reading.currentCredential(learnerID: learner.id, programID: configuration.programID)
            return (issuer, learner, configuration, state, credential)
        }
        guard let (issuer, learner, configuration, state, credential) = found else {
            throw DeliveryError(.subjectMissing, "the worker or configuration of \(row.subjectID) does not exist", isTransient: false)
        }
        let isInvalid = row.event == ComplianceService.invalidEmailEvent
        let modules = state.modules.filter { isInvalid ? !$0.state.isHeld : $0.state == .expiring }
        var values: [String: Any] = [
            "workerName": learner.certificateName, "group": configuration.group, "issuer": issuer.name, "isInvalid": isInvalid,
            "modules": modules.map { module -> [String: Any] in
                [
                    "name": module.name, "state": module.state.rawValue,
                    "expiresAt": module.expiresAt.map(DateTimeStamp.format) ?? false,
                ]
            },
        ]
        if let credential { values["pageURL"] = issuer.verificationURL(credentialID: credential.id) }
        let rendered = try ComplianceEmail.templates.render(values)
        return issuerEmail(row, from: issuer, to: MIMEMessage.Address(name: learner.certificateName, address: recipient), rendered, date: at)
    }
}
