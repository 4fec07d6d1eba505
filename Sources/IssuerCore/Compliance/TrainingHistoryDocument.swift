import CanonicalJSON
import CertificateRendering
import Foundation
import VerifiableCredentials

/// The one-off certificate of a worker's whole training history: every completed module and its
/// dates (removed completions left out), printed on the compliance template around the worker's
/// current compliance credential, which is embedded byte for byte with its QR code and link, so
/// the paper verifies exactly as the issued certificate does.
public struct TrainingHistoryDocument: Sendable {
    /// The store, clock and keys it reads and renders with.
    public let environment: IssuerEnvironment

    /// A maker of history documents.
    public init(environment: IssuerEnvironment) {
        self.environment = environment
    }

    /// The PDF for the worker under one configuration.
    /// - Throws: ``IssuerError`` `notFound` when the worker holds no compliance credential there.
    public func pdf(learnerID: String, configurationID: String) async throws -> [UInt8] {
        let inputs = try await environment.store.read {
            reading -> (TrainingConfiguration, Program, CredentialRecord, [TrainingCompletion]) in
            guard let configuration = try reading.trainingConfiguration(id: configurationID) else {
                throw IssuerError("notFound", "there is no training configuration \(configurationID)")
            }
            guard let program = try reading.program(id: configuration.programID),
                let credential = try reading.currentCredential(learnerID: learnerID, programID: configuration.programID),
                credential.credentialJSON != nil
            else {
                throw IssuerError(
                    "notFound",
                    "worker \(learnerID) holds no compliance credential for \(configurationID) yet; it is issued once every required module is complete"
                )
            }
            return (configuration, program, credential, try reading.trainingCompletions(learnerID: learnerID))
        }
        let (configuration, program, credential, completions) = inputs
        let bytes = Array(credential.credentialJSON!)
        let signed = try JSONValue.parse(bytes: bytes)
        var content = try CertificateContent(
            signedCredential: signed, signatoryName: program.branding.signatoryName, signatoryTitle: program.branding.signatoryTitle)
        content.achievementName = "Training history — \(configuration.group)"
        content.modules = completions.filter(\.isActive).map { completion in
            let module = configuration.module(completion.moduleID)
            return TrainingModuleLine(
                name: module?.name ?? completion.moduleID, completedOn: completion.completedAt,
                expiresOn: module?.expiry(completedAt: completion.completedAt))
        }
        guard !content.modules.isEmpty else { throw IssuerError("notFound", "worker \(learnerID) has no completed training") }
        var branding = CertificateRendering.Branding(organisationName: program.branding.organisation)
        if let primary = program.branding.primaryColor { branding.primaryColor = primary }
        if let accent = program.branding.accentColor { branding.accentColor = accent }
        let pageSize: PageSize = program.branding.pageSize == "letter" ? .usLetterLandscape : .a4Landscape
        return try CertificateDocumentRenderer.render(
            content, credentialBytes: bytes, template: .compliance, branding: branding, pageSize: pageSize
        ).pdf
    }
}
