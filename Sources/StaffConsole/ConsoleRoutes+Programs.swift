import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import Pages

extension ConsoleRoutes {
    /// The Programs pages: the list with figures per program, one program, and the form that adds
    /// or changes a program (administrators only) with its live preview.
    func registerPrograms(on console: RouterGroup<Context>) {
        console.get("programs") { request, context in
            try await page(request, context) { session in
                let (programs, counts, disabled) = try await environment.store.read { reading in
                    let programs = try reading.programs()
                    let disabled = Set(try reading.allProgramSettings().filter { !$0.enabled }.map(\.programID))
                    return (programs, try reading.programCountsIfCounted(), disabled)
                }
                return ProgramPages.listPage(programs, counts: counts, disabled: disabled, canChange: session.may(.administer))
            }
        }
        console.get("programs/new") { request, context in
            try await page(request, context, may: .administer) { session in
                ProgramFormPage.page(
                    ProgramForm(program: nil), existing: nil, csrf: session.csrfToken, preview: nil, imagesEnabled: imagesEnabled)
            }
        }
        console.post("programs/new") { request, context in
            try await programFormPost(request, context, existingID: nil)
        }
        console.get("programs/:id") { request, context in
            try await page(request, context) { session in
                let program = try await storedProgram(context)
                let (counts, settings) = try await environment.store.read {
                    (try $0.programCountsIfCounted(), try $0.programSettings(id: program.id))
                }
                return ProgramPages.programPage(
                    program, counts: counts?[program.id], settings: settings, session: session,
                    notice: ProgramPages.Notice(query(request)))
            }
        }
        console.post("programs/:id/enabled") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let program = try await storedProgram(context)
                let enable = form["enabled"] == "true"
                let (_, released) = try await ReviewFormat.refusals {
                    try await IssuerAdministration(environment: environment, actor: session.auditActor).setProgramEnabled(
                        program.id, enable)
                }
                return ConsoleResponse.redirect(to: "/console/programs/\(program.id)?\(enable ? "enabled" : "disabled")=\(released.count)")
            }
        }
        console.get("programs/:id/edit") { request, context in
            try await page(request, context, may: .administer) { session in
                let program = try await storedProgram(context)
                return ProgramFormPage.page(
                    ProgramForm(program: program), existing: program, csrf: session.csrfToken, preview: nil, imagesEnabled: imagesEnabled)
            }
        }
        console.post("programs/:id/edit") { request, context in
            let id = try ReviewFormat.identifier(context.parameters.get("id"), "program")
            return try await programFormPost(request, context, existingID: id)
        }
    }

    var imagesEnabled: Bool { configuration.programImagesDirectory != nil }

    func storedProgram(_ context: Context) async throws -> Program {
        let id = try ReviewFormat.identifier(context.parameters.get("id"), "program")
        guard let program = try await environment.store.read({ try $0.program(id: id) }) else {
            throw ConsoleError(.notFound, "There is no program \(id).")
        }
        return program
    }

    /// A post of the program form: CSRF and role first, then the images are checked, the form is
    /// turned into a definition and read by `ProgramDefinition` (as `attest programs add` reads a
    /// file), and either the preview is drawn (nothing stored) or the program is saved as a new
    /// version under the signed-in person (audited as `program.saved`).
    func programFormPost(_ request: Request, _ context: Context, existingID: String?) async throws -> Response {
        try checkOrigin(request)
        let session = try await signedIn(request, context, returnTo: request.headers[.referer].flatMap(Self.consolePath))
        let multipart = try await Self.multipartForm(request, limit: configuration.programFormLimit)
        let fields = multipart.textFields
        try Self.checkCSRF(fields, session: session)
        guard session.may(.administer) else { throw Self.forbidden(.administer) }
        let existing = try await existingID.asyncMap { id in
            guard let program = try await environment.store.read({ try $0.program(id: id) }) else {
                throw ConsoleError(.notFound, "There is no program \(id).")
            }
            return program
        }
        var form = ProgramForm(submitted: fields)
        let baseObject = try existing.map { try ProgramDefinition.encoded($0).objectValue ?? JSONObject() } ?? JSONObject()
        readImages(multipart, fields: fields, stored: baseObject, into: &form)
        if form.sampleName.count > ProgramForm.sampleNameLimit {
            form.errors["sampleName"] = "The sample name must be \(ProgramForm.sampleNameLimit) characters or fewer."
        }
        var object = form.definition(base: baseObject) { _, image in image.fileName }
        object["id"] = .string(existing?.id ?? (form.values["id"] ?? "").trimmingCharacters(in: .whitespaces))
        object["version"] = .number(Double(existing?.version ?? 1))
        var program: Program?
        if form.errors.isEmpty {
            do {
                program = try ProgramDefinition.program(from: object)
            } catch {
                form.place(error.reason)
            }
        }
        if let existing, let basedOn = fields["basedOnVersion"].flatMap(Int.init), basedOn != existing.version {
            form.generalErrors.append(
                "Someone else saved version \(existing.version) of this program after you opened the form. Open it again to see their change; nothing was saved."
            )
        }
        if existing == nil, let id = program?.id, try await environment.store.read({ try $0.program(id: id) }) != nil {
            form.errors["id"] = "There is already a program \(id). Choose another id, or change that program from its page."
        }
        let unchanged = existing != nil && program == existing
        if fields["intent"] == "save", var program, !form.hasErrors, !unchanged {
            if let existing { program.version = existing.version + 1 }
            return try await save(program, form: form, existing: existing, session: session)
        }
        var preview: ProgramFormPage.Preview?
        if let program, !form.hasErrors {
            preview = await drawPreview(program, form: form)
        }
        return try await render(
            ProgramFormPage.page(
                form, existing: existing, csrf: session.csrfToken, preview: preview, imagesEnabled: imagesEnabled,
                unchanged: unchanged && fields["intent"] == "save"),
            session: session)
    }

    /// Checks each uploaded image (a new file, or one kept in the form since an earlier preview);
    /// a refused one is reported beside its field and is not kept.
    func readImages(_ multipart: MultipartFormData, fields: ConsoleForm, stored: JSONObject, into form: inout ProgramForm) {
        for field in ProgramFormLayout.fields {
            guard case .image = field.kind else { continue }
            var bytes: [UInt8]?
            if let file = multipart.file(field.path) {
                bytes = file.bytes
            } else if let kept = fields[field.path + ".pending"], !kept.isEmpty {
                bytes = Data(base64Encoded: kept).map(Array.init) ?? []
            }
            if let bytes {
                guard imagesEnabled else {
                    form.errors[field.path] = "This console keeps no images; add them with attest programs add."
                    continue
                }
                do {
                    form.pendingImages[field.path] = try ProgramImage(
                        checking: bytes, field: field.label.replacingOccurrences(of: " (optional)", with: "").lowercased())
                } catch {
                    form.errors[field.path] = ReviewFormat.sentence(error.reason) + " It was not kept."
                }
            } else if let name = ProgramForm.value(at: field.path, in: stored)?.stringValue {
                form.values[field.path] = name
            }
        }
    }

    /// Keeps the new images, saves the program (a new version) under `session`'s person, and
    /// goes to its page.
    func save(_ program: Program, form: ProgramForm, existing: Program?, session: StaffSession) async throws -> Response {
        if let directory = configuration.programImagesDirectory {
            let folder = ProgramImageFolder(directory: directory)
            for image in form.pendingImages.values { try folder.keep(image) }
        }
        do {
            try await IssuerAdministration(environment: environment, actor: session.auditActor).saveProgram(program)
        } catch let error as IssuerError where error.code == .staleProgram || error.code == .invalidProgram {
            // Refused against the store (another program maps the same course, a newer version was saved meanwhile).
            var again = form
            if error.code == .staleProgram {
                again.generalErrors.append(
                    "Someone else saved a newer version of this program meanwhile; nothing was saved. Open the form again.")
            } else {
                again.place(error.reason)
            }
            return try await render(
                ProgramFormPage.page(again, existing: existing, csrf: session.csrfToken, preview: nil, imagesEnabled: imagesEnabled),
                session: session)
        }
        return ConsoleResponse.redirect(to: "/console/programs/\(program.id)?saved=\(program.version)")
    }

    /// The body of a `multipart/form-data` post, at most `limit` bytes.
    static func multipartForm(_ request: Request, limit: Int) async throws -> MultipartFormData {
        guard let boundary = MultipartFormData.boundary(contentType: request.headers[.contentType] ?? "") else {
            throw ConsoleError(.badRequest, "The form was not sent as a file upload form. Reload the page and try again.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ConsoleError(.contentTooLarge, "The form sent more than \(limit / (1024 * 1024)) MiB. Use smaller images.")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw ConsoleError(.contentTooLarge, "The form sent more than \(limit / (1024 * 1024)) MiB. Use smaller images.")
        }
        do {
            return try MultipartFormData(body: Array(body.readableBytesView), boundary: boundary)
        } catch {
            throw ConsoleError(.badRequest, "The form could not be read (\(error.description)). Reload the page and try again.")
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
