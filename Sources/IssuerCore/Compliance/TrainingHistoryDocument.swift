import CanonicalJSON
import Foundation

/// The one-off certificate of a worker's whole training history: every completed module and its
/// dates (removed completions left out), printed on the compliance template around the worker's
/// current compliance credential, which is embedded byte for byte with its QR code and link, so
/// the paper verifies exactly as the issued certificate does.
public struct TrainingHistoryDocument: Sendable {
    /// The store it reads and the document maker that draws it.
    public let environment: IssuerEnvironment

    /// A maker of history documents.
    public init(environment: IssuerEnvironment) {
        self.environment = environment
    }

    /// The PDF for the worker under one configuration.
    /// - Throws: ``IssuerError`` `notFound` when the worker holds no compliance credential there,
    ///   `documentsUnavailable` when the environment has no document maker.
    public func pdf(learnerID: String, configurationID: String) async throws -> [UInt8] {
        let inputs = try await environment.store.read {
            reading -> (TrainingConfiguration, Program, CredentialRecord, [TrainingCompletion]) in
            guard let configuration = try reading.trainingConfiguration(id: configurationID) else {
                throw IssuerError(.notFound, "there is no training configuration \(configurationID)")
            }
            guard let program = try reading.program(id: configuration.programID),
                let credential = try reading.currentCredential(learnerID: learnerID, programID: configuration.programID),
                credential.credentialJSON != nil
            else {
                throw IssuerError(
                    .notFound,
                    "worker \(learnerID) holds no compliance credential for \(configurationID) yet; it is issued once every required module is complete"
                )
            }
            return (configuration, program, credential, try reading.trainingCompletions(learnerID: learnerID))
        }
        let (configuration, program, credential, completions) = inputs
        guard let maker = environment.documents else {
            throw IssuerError(.documentsUnavailable, "this issuer draws no certificate documents, so it cannot print a training history")
        }
        let bytes = Array(credential.credentialJSON!)
        let signed = try JSONValue.parse(bytes: bytes)
        let history = TrainingHistory(
            title: "Training history — \(configuration.group)",
            modules: completions.filter(\.isActive).map { completion in
                let module = configuration.module(completion.moduleID)
                return TrainingHistory.Module(
                    name: module?.name ?? completion.moduleID, completedOn: completion.completedAt,
                    expiresOn: module?.expiry(completedAt: completion.completedAt))
            })
        guard !history.modules.isEmpty else { throw IssuerError(.notFound, "worker \(learnerID) has no completed training") }
        return try await maker.trainingHistoryPDF(history, signedCredential: signed, credentialBytes: bytes, program: program)
    }
}
