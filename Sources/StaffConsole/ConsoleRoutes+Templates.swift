import CertificateDocuments
import Foundation
import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// A program's template family under `/console/programs/{id}/templates`: every built-in
    /// template drawn with the program's branding (anyone signed in may look), and the choice of
    /// one (administrators), saved as a new program version under the signed-in person.
    func registerTemplateFamily(on console: RouterGroup<Context>) {
        console.get("programs/:id/templates") { request, context in
            try await page(request, context) { session in
                let program = try await reissueProgram(context)
                let saved = Int(query(request)["saved"] ?? "").flatMap { $0 == program.version ? $0 : nil }
                return ProgramTemplatePages.family(program: program, session: session, savedVersion: saved)
            }
        }
        console.get("programs/:id/templates/:template/preview.png") { request, context in
            _ = try await signedIn(request, context)
            let program = try await reissueProgram(context)
            guard let template = context.parameters.get("template").flatMap(CertificateTemplate.init(rawValue:)) else {
                throw ConsoleError(.notFound, "There is no such certificate template.")
            }
            let png = try await templatePreview(program, template: template)
            return Response(
                status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, no-cache"],
                body: .init(byteBuffer: ByteBuffer(bytes: png)))
        }
        console.post("programs/:id/templates") { request, context in
            try await action(request, context, may: .administer) { session, form in
                var program = try await reissueProgram(context)
                guard let template = form["template"].flatMap(CertificateTemplate.init(rawValue:)) else {
                    throw ConsoleError(.badRequest, "Choose one of the templates shown.")
                }
                guard template != program.template else {
                    return ConsoleResponse.redirect(to: "/console/programs/\(program.id)/templates")
                }
                program.template = template
                program.version += 1
                let chosen = program
                try await ReviewFormat.refusals {
                    try await IssuerAdministration(environment: environment, actor: session.auditActor).saveProgram(chosen)
                }
                return ConsoleResponse.redirect(to: "/console/programs/\(program.id)/templates?saved=\(program.version)")
            }
        }
    }

    /// `program` drawn with `template` for a sample learner by the real renderer (the one that
    /// draws issued PDFs), `CertificateDocumentRenderer.samplePreviewWidth` pixels wide, on the
    /// bounded drawing threads.
    func templatePreview(_ program: Program, template: CertificateTemplate) async throws -> [UInt8] {
        var drawn = program
        drawn.template = template
        var loadAsset: CertificateDocumentRenderer.AssetLoader?
        if let directory = configuration.programImagesDirectory {
            let folder = ProgramImageFolder(directory: directory)
            loadAsset = { name in try folder.read(name) }
        }
        let sample = CertificateDocumentRenderer.SampleCertificate(
            learnerName: Self.templateSampleName, issuerName: issuer.name, baseURL: issuer.baseURL, issuedOn: environment.now())
        do {
            return try await ReviewFormat.refusals {
                try await CertificateDocumentRenderer(loadAsset: loadAsset).samplePreview(sample, program: drawn)
            }
        } catch let error as ConsoleError {
            throw error
        } catch {
            throw ConsoleError(.badRequest, "The certificate could not be drawn: an image the program names is missing or unreadable.")
        }
    }

    /// The learner the template family is drawn for.
    static var templateSampleName: String { "Alex Sample" }
}
