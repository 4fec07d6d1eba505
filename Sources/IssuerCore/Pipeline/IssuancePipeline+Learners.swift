import CanonicalJSON
import Foundation

/// How intake treats the learner an event names (issue 14, point 3). A reporting system reaches
/// only the learners of its own namespace; a completion that is rejected or held changes nothing
/// about the learner; an accepted one may move the learner to a new email address (people change
/// addresses mid-course), audited with the old and new value; a name printed on an issued
/// certificate changes only through reissue.
extension IssuancePipeline {
    /// The learner `details` names in `namespace`, unchanged, or a new learner made from `details`.
    static func findOrCreateLearner(
        _ details: LearnerDetails, namespace: LearnerNamespace, random: any RandomSource, in transaction: any IssuerTransaction
    ) throws -> Learner {
        if let stored = try transaction.learner(namespace: namespace, externalID: details.externalID) { return stored }
        let learner = Learner(
            id: "lrn-" + random.identifier(length: 12), externalID: details.externalID, namespace: namespace, email: details.email,
            legalName: details.legalName, preferredName: details.preferredName)
        try transaction.saveLearner(learner)
        return learner
    }

    /// Takes what an accepted completion says about its learner: a new email address (audited as
    /// `learner.emailChanged` with `old` and `new`), and new names while the learner holds no
    /// credential yet (`learner.renamed`); once one is issued, a different name is recorded as
    /// `learner.nameNotChanged` and left for `reissue --name`.
    static func acceptLearnerDetails(
        _ details: LearnerDetails, of stored: Learner, recorder: AuditRecorder, in transaction: any IssuerTransaction
    ) throws -> Learner {
        var learner = stored
        if details.email != learner.email {
            try recorder.record(
                "learner.emailChanged", subject: learner.id,
                data: ["old": .string(learner.email), "new": .string(details.email), "namespace": .string(learner.namespace.rawValue)],
                in: transaction)
            learner.email = details.email
        }
        let preferredName = details.preferredName ?? learner.preferredName
        if details.legalName != learner.legalName || preferredName != learner.preferredName {
            let names: JSONObject = [
                "oldLegalName": .string(learner.legalName), "newLegalName": .string(details.legalName),
                "oldPreferredName": learner.preferredName.map(JSONValue.string) ?? .null,
                "newPreferredName": preferredName.map(JSONValue.string) ?? .null,
            ]
            if try transaction.credentialSummaries(filter: CredentialFilter(learnerID: learner.id, limit: 1)).isEmpty {
                try recorder.record("learner.renamed", subject: learner.id, data: .object(names), in: transaction)
                learner.legalName = details.legalName
                learner.preferredName = preferredName
            } else {
                var data = names
                data["reason"] = .string("a name on an issued certificate changes through reissue (attest reissue ID --name)")
                try recorder.record("learner.nameNotChanged", subject: learner.id, data: .object(data), in: transaction)
            }
        }
        if learner != stored { try transaction.saveLearner(learner) }
        return learner
    }
}
