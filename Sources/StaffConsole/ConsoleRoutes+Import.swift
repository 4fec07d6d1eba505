import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore
import Pages

extension ConsoleRoutes {
    /// The bounds an uploaded CSV is checked against before it is parsed.
    static var importLimits: CompletionImport.Limits { CompletionImport.Limits() }
    /// Room for the form's other fields and part headers beside the file.
    static var importFormOverhead: Int { 64 * 1_024 }
    /// How much of a too-large upload is read (and thrown away) so the browser gets the answer
    /// instead of a reset connection; past this the connection is closed.
    static var importDrainLimit: Int { 64 * 1_024 * 1_024 }
    /// Media types a browser gives a CSV file.
    static var importMediaTypes: Set<String> {
        ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "text/comma-separated-values", "text/x-csv"]
    }
    /// The import pages' policy: the console's, and the progress script and its polling from this origin.
    static var importContentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'"
    }

    /// The Import pages under `/console/import`: upload a CSV and see its dry run (nothing
    /// changes), run it in the background with a progress bar that survives a reload, and
    /// download the rows not issued. Uploading and running need ``StaffPermission/changeCredentials``.
    func registerImport(on console: RouterGroup<Context>) {
        console.get("import") { request, context in
            try await page(request, context) { session in try await uploadPage(session: session, problem: nil, chosen: nil) }
        }
        console.post("import") { request, context in
            try await upload(request, context)
        }
        console.get("import/progress.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: ImportPages.progressScript)))
        }
        console.get("import/:id") { request, context in
            var response = try await page(request, context) { session in
                ImportPages.jobPage(try importJob(context), session: session, problem: nil)
            }
            response.headers[.contentSecurityPolicy] = Self.importContentSecurityPolicy
            return response
        }
        console.get("import/:id/progress") { request, context in
            _ = try await signedIn(request, context)
            let job = try importJob(context)
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: ImportPages.progressJSON(job))))
        }
        console.get("import/:id/not-issued.csv") { request, context in
            _ = try await signedIn(request, context)
            let job = try importJob(context)
            guard case .finished(let results) = job.phase else {
                throw ConsoleError(.notFound, "This import has not finished, so there is no list of rows not issued yet.")
            }
            return ConsoleResponse.download(
                Array(ImportPages.notIssuedCSV(results).utf8), contentType: "text/csv; charset=utf-8",
                fileName: "not-issued-\(job.id).csv")
        }
        console.post("import/:id/run") { request, context in
            try await action(request, context, may: .changeCredentials) { session, _ in
                let id = try ReviewFormat.identifier(context.parameters.get("id"), "import")
                let claim = importJobs.claim(id, by: session.auditActor)
                guard let job = claim.job else { throw ConsoleError(.notFound, "There is no import at this address.") }
                if claim.busy {
                    var response = try await render(
                        ImportPages.jobPage(
                            job, session: session,
                            problem: "Another import is running. Wait for it to finish, then run this one; nothing was changed."),
                        session: session)
                    response.headers[.contentSecurityPolicy] = Self.importContentSecurityPolicy
                    return response
                }
                if claim.started {
                    importJobs.start(id, importer: importer(job.program.id, actor: session.auditActor))
                }
                return ConsoleResponse.redirect(to: "/console/import/\(id)")
            }
        }
    }

    private func importer(_ programID: String, actor: String) -> CompletionImport {
        CompletionImport(pipeline: IssuancePipeline(environment: environment, actor: actor), programID: programID)
    }

    private func importJob(_ context: Context) throws -> ImportJobs.Job {
        let id = try ReviewFormat.identifier(context.parameters.get("id"), "import")
        guard let job = importJobs.job(id) else {
            throw ConsoleError(
                .notFound,
                "There is no import at this address. Imports are kept until the server restarts; rows an import took in are kept"
                    + " for good, and uploading the same file again shows them as duplicates.")
        }
        return job
    }

    private func uploadPage(
        session: StaffSession, problem: ImportPages.Problem?, chosen: String?, status: HTTPResponse.Status = .ok
    ) async throws -> ConsolePage {
        let programs = try await environment.store.read { try $0.programs() }
        return ImportPages.uploadPage(
            programs: programs, jobs: importJobs.all(), session: session, problem: problem, chosenProgram: chosen,
            limits: Self.importLimits, status: status)
    }

    /// `POST /console/import`: the role checked, the file read within its bounds, the CSRF token
    /// checked, then the file checked and dry-run; a problem shows the form again with it.
    private func upload(_ request: Request, _ context: Context) async throws -> Response {
        try checkOrigin(request)
        let session = try await signedIn(request, context, returnTo: ConsoleSection.import.path)
        guard let boundary = request.headers[.contentType].flatMap(MultipartFormData.boundary(contentType:)) else {
            throw ConsoleError(.badRequest, "Send the file from the import form (multipart/form-data). Nothing was changed.")
        }
        // The role is known from the session: a member who may not import sends no file worth reading.
        guard session.may(.changeCredentials) else { throw Self.forbidden(.changeCredentials) }
        let limits = Self.importLimits
        let body = try await Self.uploadBody(request, limit: limits.maximumBytes + Self.importFormOverhead)
        guard let body else {
            let problem = ImportPages.Problem(
                field: "file",
                message: "The file is larger than \(limits.maximumBytes / 1_048_576) MB (\(limits.maximumBytes) bytes). "
                    + "Split it into smaller files. Nothing was changed.")
            // The token could not be read from a body that was not kept: the form is shown again, nothing is done.
            return try await render(
                try await uploadPage(session: session, problem: problem, chosen: nil, status: .contentTooLarge), session: session)
        }
        let form: MultipartFormData
        do {
            form = try MultipartFormData(body: body, boundary: boundary)
        } catch {
            throw ConsoleError(.badRequest, "The form could not be read: \(error.description). Nothing was changed.")
        }
        let fields = form.textFields
        try Self.checkCSRF(fields, session: session)
        let chosen = fields.trimmed("program")
        func refuse(_ field: String, _ message: String, _ status: HTTPResponse.Status = .badRequest) async throws -> Response {
            try await render(
                try await uploadPage(
                    session: session, problem: ImportPages.Problem(field: field, message: message + " Nothing was changed."),
                    chosen: chosen, status: status), session: session)
        }
        guard let programID = chosen, !programID.isEmpty else { return try await refuse("program", "Choose the program.") }
        guard let file = form.file("file") else { return try await refuse("file", "Choose a CSV file to import.") }
        let mediaType =
            (file.contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard Self.importMediaTypes.contains(mediaType) else {
            return try await refuse(
                "file",
                "The file is not a CSV file (it was sent as \(mediaType.isEmpty ? "no type" : mediaType)). "
                    + "Save it from your spreadsheet as CSV and try again.", .unsupportedMediaType)
        }
        let importer = importer(programID, actor: session.auditActor)
        let program: Program
        do {
            program = try await importer.checkProgram()
        } catch let error as IssuerError where error.code == .unknownProgram {
            return try await refuse("program", "There is no program \(programID).")
        }
        let checked: (rows: [CompletionCSV.Row], results: [CompletionImport.RowResult])?
        do {
            checked = try await importJobs.admitCheck {
                let rows = try importer.rows(file.bytes, limits: limits)
                return (rows, try await importer.dryRun(rows))
            }
        } catch let error as IssuerError where error.code == .invalidCSV {
            let tooLarge = file.bytes.count > limits.maximumBytes
            return try await refuse(
                "file", ReviewFormat.sentence("The file cannot be imported: " + error.reason), tooLarge ? .contentTooLarge : .badRequest)
        }
        guard let checked else {
            throw ConsoleError(.tooManyRequests, "Other files are being checked right now. Try again in a minute; nothing was changed.")
        }
        let job = ImportJobs.Job(
            id: environment.random.identifier(length: 16), fileName: Self.displayFileName(file.fileName ?? "file.csv"), program: program,
            checkedBy: session.auditActor, checkedByName: session.member.name, checkedAt: environment.now(), rows: checked.rows,
            dryRun: checked.results, phase: .checked, startedBy: nil)
        importJobs.add(job)
        return ConsoleResponse.redirect(to: "/console/import/\(job.id)")
    }

    /// The body up to `limit` bytes, or `nil` when it is longer (the rest is read and dropped, up
    /// to ``importDrainLimit``, so the browser sees the answer).
    static func uploadBody(_ request: Request, limit: Int) async throws -> [UInt8]? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > importDrainLimit {
            throw ConsoleError(.contentTooLarge, "The upload is far too large (\(length) bytes). Nothing was changed.")
        }
        var bytes: [UInt8] = []
        var total = 0
        for try await buffer in request.body {
            total += buffer.readableBytes
            if total <= limit {
                bytes += buffer.readableBytesView
            } else {
                bytes = []
                guard total <= importDrainLimit else {
                    throw ConsoleError(.contentTooLarge, "The upload is far too large. Nothing was changed.")
                }
            }
        }
        return total <= limit ? bytes : nil
    }

    /// The file's name as a person reads it: its last path component, at most 100 characters.
    static func displayFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        let trimmed = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(100).map(Character.init))
        return trimmed.isEmpty ? "file.csv" : trimmed
    }
}
