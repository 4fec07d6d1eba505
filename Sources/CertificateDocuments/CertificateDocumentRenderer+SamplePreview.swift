import CertificateRendering
import Foundation
import IssuerCore
import ThreadPools

extension CertificateDocumentRenderer {
    /// A made-up learner and credential to draw a program's certificate with before anything is issued.
    public struct SampleCertificate: Sendable, Hashable {
        /// The name printed (a long name, Arabic or CJK shows how those draw).
        public var learnerName: String
        /// The issuer's name (the program's organisation, when set, is printed instead).
        public var issuerName: String
        /// The issuer's public base URL, for the QR code.
        public var baseURL: String
        /// The date of the sample completion.
        public var issuedOn: Date

        /// A sample.
        public init(learnerName: String, issuerName: String, baseURL: String, issuedOn: Date) {
            self.learnerName = learnerName
            self.issuerName = issuerName
            self.baseURL = baseURL
            self.issuedOn = issuedOn
        }
    }

    /// The width of a sample preview in pixels: enough to judge the layout, cheap to draw.
    public static let samplePreviewWidth = 900

    /// `program`'s certificate for `sample` as a PNG drawn by the real renderer, on the drawing
    /// threads, with the images the renderer's asset loader gives for the names the program has;
    /// nothing is signed, issued or stored.
    /// - Throws: `RenderingError` when the renderer refuses (text it cannot draw, an image it cannot
    ///   read); `IssuerError` `documentsUnavailable` when the drawing threads are full.
    public func samplePreview(_ sample: SampleCertificate, program: Program) async throws -> [UInt8] {
        let content = Self.sampleContent(sample, program: program)
        let branding = try Self.branding(for: program, loadAsset: loadAsset)
        let template = Self.template(of: program)
        let pageSize = Self.pageSize(of: program)
        do {
            return try await drawingThreads.run {
                Result {
                    try CertificateRenderer().renderPNG(
                        content, template: template, branding: branding, pageSize: pageSize, width: Self.samplePreviewWidth)
                }
            }.get()
        } catch is BoundedThreadPool.Full {
            throw IssuerError(.documentsUnavailable, "too many certificates are being drawn right now; try again in a few seconds")
        }
    }

    /// What a credential of `program` issued to `sample` would print.
    static func sampleContent(_ sample: SampleCertificate, program: Program) -> CertificateContent {
        let validUntil = program.validity?.added(to: sample.issuedOn)
        let modules = program.rules.requiredModules.prefix(12).map {
            TrainingModuleLine(name: $0, completedOn: sample.issuedOn, expiresOn: validUntil)
        }
        return CertificateContent(
            learnerName: sample.learnerName, achievementName: program.achievement.name,
            achievementDescription: program.achievement.description.isEmpty ? nil : program.achievement.description,
            issuerName: program.branding.organisation ?? sample.issuerName, issuedOn: sample.issuedOn, validUntil: validUntil,
            result: program.template == .achievement ? "Score: \(Int(max(program.rules.minimumScore ?? 90, 90)))" : nil,
            modules: Array(modules), verificationURL: sample.baseURL + "/c/SAMPLE00", passcode: "SAMPLE", credentialID: "SAMPLE00",
            signatoryName: program.branding.signatoryName, signatoryTitle: program.branding.signatoryTitle)
    }
}
