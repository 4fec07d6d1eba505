import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// Training configurations, assignments, completions and watches go in and come back identical
/// in every store, with the same refusals.
@Suite("IssuerStore compliance tables")
struct ComplianceStoreTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    static let configuration = TrainingConfiguration(
        id: "site-electricians", group: "Site electricians",
        modules: [
            TrainingModule(id: "electrical-safety", name: "Electrical safety", validity: "P1Y"),
            TrainingModule(id: "confined-spaces", name: "Confined spaces", validity: "PT30S", required: false),
        ],
        certificate: ComplianceCertificateSettings(enabled: true, program: "electricians-compliance", title: "Electricians"),
        reminderLeadTime: "P14D")

    @Test(arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let learner = Samples.learner(1)
        let membership = TrainingAssignment(
            id: "asg-1", learnerID: learner.id, configurationID: Self.configuration.id, moduleID: nil, assignedAt: Samples.date(1),
            assignedBy: "cli")
        var module = TrainingAssignment(
            id: "asg-2", learnerID: learner.id, configurationID: Self.configuration.id, moduleID: "confined-spaces",
            assignedAt: Samples.date(2), assignedBy: "api:admin")
        var completion = TrainingCompletion(
            id: "tc-1", learnerID: learner.id, moduleID: "electrical-safety", completedAt: Samples.date(3), recordedAt: Samples.date(4),
            recordedBy: "cli")
        let later = TrainingCompletion(
            id: "tc-2", learnerID: learner.id, moduleID: "confined-spaces", completedAt: Samples.date(10), recordedAt: Samples.date(10),
            recordedBy: "cli")
        let watch = ComplianceWatch(
            learnerID: learner.id, configurationID: Self.configuration.id, nextCheckAt: Samples.date(40), valid: true,
            remindedCompletionIDs: ["tc-1"], updatedAt: Samples.date(5))
        let idle = ComplianceWatch(
            learnerID: learner.id, configurationID: "other", nextCheckAt: nil, valid: false, updatedAt: Samples.date(5))
        var other = Self.configuration
        other.id = "other"
        try await store.write { [other, module, completion] transaction in
            try transaction.saveLearner(learner)
            try transaction.saveTrainingConfiguration(Self.configuration)
            try transaction.saveTrainingConfiguration(other)
            try transaction.saveTrainingAssignment(module)
            try transaction.saveTrainingAssignment(membership)
            try transaction.saveTrainingCompletion(later)
            try transaction.saveTrainingCompletion(completion)
            try transaction.saveComplianceWatch(watch)
            try transaction.saveComplianceWatch(idle)
        }
        module.removedAt = Samples.date(6)
        module.removedBy = "cli"
        completion.removedAt = Samples.date(7)
        completion.removedBy = "cli"
        completion.removalReason = "recorded for the wrong worker"
        try await store.write { [module, completion] transaction in
            try transaction.saveTrainingAssignment(module)
            try transaction.saveTrainingCompletion(completion)
        }
        try await store.read { [module, completion] reading throws in
            #expect(try reading.trainingConfiguration(id: Self.configuration.id) == Self.configuration)
            #expect(try reading.trainingConfigurations().map(\.id) == ["other", "site-electricians"])
            #expect(try reading.trainingAssignments(learnerID: learner.id) == [membership, module])
            #expect(try reading.trainingAssignments(learnerID: nil).count == 2)
            #expect(try reading.trainingAssignments(learnerID: "nobody").isEmpty)
            #expect(try reading.trainingCompletions(learnerID: learner.id) == [completion, later])
            #expect(try reading.complianceWatch(learnerID: learner.id, configurationID: Self.configuration.id) == watch)
            #expect(try reading.complianceWatches(dueBy: Samples.date(39)).isEmpty)
            #expect(try reading.complianceWatches(dueBy: Samples.date(40)) == [watch], "due at exactly its next check; idle ones never")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func unknownWorkerOrConfigurationIsRefused(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try transaction.saveLearner(Samples.learner(1))
            try transaction.saveTrainingConfiguration(Self.configuration)
        }
        let assignments = [
            TrainingAssignment(
                id: "a", learnerID: "lrn-404", configurationID: Self.configuration.id, moduleID: nil, assignedAt: Samples.start,
                assignedBy: "cli"),
            TrainingAssignment(
                id: "b", learnerID: Samples.learner(1).id, configurationID: "nope", moduleID: nil, assignedAt: Samples.start,
                assignedBy: "cli"),
        ]
        for assignment in assignments {
            await #expect {
                try await store.write { try $0.saveTrainingAssignment(assignment) }
            } throws: { error in
                guard (error as? IssuerError)?.code == .notFound else { return false }
                return true
            }
        }
        #expect(try await store.read { try $0.trainingAssignments(learnerID: nil) }.isEmpty)
    }
}
