import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore

/// `GET/POST /api/v1/programs`, `GET /api/v1/programs/{id}`.
extension AdminRoutes {
    func listPrograms(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let programs = try await environment.store.read { try $0.programs() }
        return .json(["programs": .array(try programs.map(Self.json))])
    }

    func showProgram(context: IssuerRequestContext) async throws -> Response {
        _ = try context.requireRole(.readers)
        let id = try RequestValues.identifier(context, "program")
        guard let program = try await environment.store.read({ try $0.program(id: id) }) else {
            throw Problem(.notFound, .notFound, "there is no program \(id)")
        }
        return .json(try Self.json(program))
    }

    /// Adds a program, or replaces it with a higher version: read by ``ProgramDefinition`` exactly as
    /// `attest programs add` reads a file, so both refuse the same documents with the same reasons.
    func saveProgram(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let bytes = try await server.jsonBytes(request)
        let object: JSONObject
        do {
            object = try ProgramDefinition.object(from: bytes)
        } catch {
            throw Problem(.badRequest, .badRequest, error.reason)  // not a JSON object: the body, not the program, is wrong
        }
        let program = try ProgramDefinition.program(from: object)
        let existing = try await environment.store.read { try $0.program(id: program.id) }
        try Self.checkImages(of: program, existing: existing)
        try await IssuerAdministration(environment: environment, actor: "api:\(key.name)").saveProgram(program)
        let stored = try await environment.store.read { try $0.program(id: program.id) } ?? program
        var response = Response.json(try Self.json(stored), status: existing == nil ? .created : .ok)
        response.headers[.location] = "/api/v1/programs/\(stored.id)"
        return response
    }

    /// Branding images are files in the data folder that only `attest programs add` copies there;
    /// over HTTP a program may keep the images it already has but not name new ones.
    static func checkImages(of program: Program, existing: Program?) throws {
        let named: [(String, String?, String?)] = [
            ("branding.logo", program.branding.logo, existing?.branding.logo),
            ("branding.signatureImage", program.branding.signatureImage, existing?.branding.signatureImage),
        ]
        for (path, given, stored) in named where given != nil && given != stored {
            throw Problem(
                .unprocessableContent, .invalidProgram,
                "\(path) names a file; branding images can only be added with attest programs add on the server (leave \(path) out)")
        }
    }

    /// A program as JSON, the same shape `attest programs show` prints.
    static func json(_ program: Program) throws -> JSONValue {
        try ProgramDefinition.encoded(program)
    }
}
