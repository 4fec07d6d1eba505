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
            throw Problem(.notFound, "notFound", "there is no program \(id)")
        }
        return .json(try Self.json(program))
    }

    /// Adds a program, or replaces it with a higher version, checked exactly as `attest programs add`.
    func saveProgram(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let bytes = try await server.jsonBytes(request)
        guard var object = (try? JSONValue.parse(bytes: bytes))?.objectValue else {
            throw Problem(.badRequest, "badRequest", "the body must be a JSON object (Spec/schemas/program.schema.json)")
        }
        // The schema's defaults, which the program file format leaves out.
        if object["template"] == nil { object["template"] = "completion" }
        if object["branding"] == nil { object["branding"] = [:] }
        let program = try Self.decode(Array(JSONValue.object(object).serialized().utf8))
        try Self.checkStrictly(.object(object), against: program)
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
                .unprocessableContent, "invalidProgram",
                "\(path) names a file; branding images can only be added with attest programs add on the server (leave \(path) out)")
        }
    }

    /// What the schema says and the decoder alone does not catch: members it does not know (or
    /// `null` where a value belongs), and limits `attest programs add` leaves to the renderer.
    static func checkStrictly(_ given: JSONValue, against program: Program) throws {
        let decoded = try json(program)
        if let path = unknownMember(given, known: decoded, at: "") {
            throw Problem(.unprocessableContent, "invalidProgram", "\(path) is not a member of a program definition (Spec/schemas/program.schema.json)")
        }
        func invalid(_ detail: String) -> Problem { Problem(.unprocessableContent, "invalidProgram", detail) }
        if let minutes = program.rules.minimumMinutes, minutes < 0 { throw invalid("rules.minimumMinutes must be 0 or more") }
        if let within = program.rules.review.scoreWithin, within < 0 { throw invalid("rules.review.scoreWithin must be 0 or more") }
        if let size = program.branding.pageSize, !["a4", "letter"].contains(size) { throw invalid("branding.pageSize must be a4 or letter") }
        if let image = program.achievement.image, URL(string: image)?.scheme == nil {
            throw invalid("achievement.image must be an absolute URL")
        }
    }

    /// The path of the first member of `given` that `known` (the decoded program, encoded again) lacks.
    static func unknownMember(_ given: JSONValue, known: JSONValue, at path: String) -> String? {
        switch (given, known) {
        case (.object(let object), .object(let knownObject)):
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                guard let match = knownObject[key] else { return path.isEmpty ? key : "\(path).\(key)" }
                if let deeper = unknownMember(value, known: match, at: path.isEmpty ? key : "\(path).\(key)") { return deeper }
            }
            return nil
        case (.array(let items), .array(let knownItems)) where items.count == knownItems.count:
            for (index, pair) in zip(items, knownItems).enumerated() {
                if let deeper = unknownMember(pair.0, known: pair.1, at: "\(path)[\(index)]") { return deeper }
            }
            return nil
        default:
            return nil
        }
    }

    static func decode(_ bytes: [UInt8]) throws -> Program {
        func invalid(_ detail: String) -> Problem { Problem(.unprocessableContent, "invalidProgram", detail) }
        do {
            return try JSONDecoder().decode(Program.self, from: Data(bytes))
        } catch DecodingError.keyNotFound(let key, let context) {
            throw invalid("\(path(context.codingPath + [key])) is missing")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw invalid("\(path(context.codingPath)) has the wrong type")
        } catch DecodingError.dataCorrupted(let context) {
            throw invalid(context.codingPath.isEmpty ? "not a program definition" : "\(path(context.codingPath)) is not valid")
        } catch {
            throw invalid("not a program definition")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// A program as JSON, the same shape `attest programs show` prints.
    static func json(_ program: Program) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try JSONValue.parse(bytes: Array(try encoder.encode(program)))
    }
}
