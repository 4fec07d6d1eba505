import CanonicalJSON
import Foundation
import IssuerCore
import VerifiableCredentials

/// Reads a completion event as `Spec/schemas/completion-event.schema.json` defines it, strictly:
/// unknown members, wrong types and bad dates are refused with a 422 naming the member.
enum CompletionEventDocument {
    static func event(from body: [UInt8], source: String) throws -> CompletionEvent {
        let json: JSONValue
        do { json = try JSONValue.parse(bytes: body) } catch { throw invalid("the body is not JSON: \(error)") }
        guard let object = json.objectValue else { throw invalid("the body must be a JSON object") }
        try onlyKnown(object, ["eventId", "program", "learner", "completedAt", "score", "minutes", "modules", "course"], at: "")
        // An event names its program, or the LMS course a program maps (configuration drift, Spec/workflow.md).
        let course = try optionalString(object, "course", at: "")
        let program = try course == nil ? string(object, "program", at: "") : optionalString(object, "program", at: "") ?? ""
        if object["program"] != nil, program.isEmpty { throw invalid("/program must be a program id, not empty") }
        let learner = try member(object, "learner", at: "").objectValue.orThrow(invalid("/learner must be an object"))
        try onlyKnown(learner, ["id", "email", "legalName", "preferredName", "profileName"], at: "/learner")
        let modules = try (object["modules"].map { try $0.arrayValue.orThrow(invalid("/modules must be an array")) } ?? []).enumerated().map
        {
            index, item -> ModuleCompletion in
            let module = try item.objectValue.orThrow(invalid("/modules/\(index) must be an object"))
            try onlyKnown(module, ["id", "completedAt", "exempt"], at: "/modules/\(index)")
            let exempt =
                try module["exempt"].map { try $0.boolValue.orThrow(invalid("/modules/\(index)/exempt must be true or false")) } ?? false
            return ModuleCompletion(
                id: try string(module, "id", at: "/modules/\(index)"),
                completedAt: try optionalDate(module, "completedAt", at: "/modules/\(index)"),
                exempt: exempt)
        }
        return CompletionEvent(
            source: source, eventID: try string(object, "eventId", at: ""), programID: program,
            learner: LearnerDetails(
                externalID: try string(learner, "id", at: "/learner"), email: try string(learner, "email", at: "/learner"),
                legalName: try string(learner, "legalName", at: "/learner"),
                preferredName: try optionalString(learner, "preferredName", at: "/learner"),
                profileName: try optionalString(learner, "profileName", at: "/learner")),
            completedAt: try optionalDate(object, "completedAt", at: "").orThrow(invalid("/completedAt is required")),
            score: try optionalNumber(object, "score"), minutes: try optionalNumber(object, "minutes"), modules: modules, course: course)
    }

    static func invalid(_ detail: String) -> Problem { Problem(.unprocessableContent, .invalidEvent, detail) }

    private static func onlyKnown(_ object: JSONObject, _ known: Set<String>, at path: String) throws {
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw invalid("\(path)/\(unknown) is not a member of a completion event")
        }
    }

    private static func member(_ object: JSONObject, _ key: String, at path: String) throws -> JSONValue {
        try object[key].orThrow(invalid("\(path)/\(key) is required"))
    }

    private static func string(_ object: JSONObject, _ key: String, at path: String) throws -> String {
        try member(object, key, at: path).stringValue.orThrow(invalid("\(path)/\(key) must be a string"))
    }

    private static func optionalString(_ object: JSONObject, _ key: String, at path: String) throws -> String? {
        try object[key].map { try $0.stringValue.orThrow(invalid("\(path)/\(key) must be a string")) }
    }

    private static func optionalNumber(_ object: JSONObject, _ key: String) throws -> Double? {
        try object[key].map { try $0.numberValue.orThrow(invalid("/\(key) must be a number")) }
    }

    private static func optionalDate(_ object: JSONObject, _ key: String, at path: String) throws -> Date? {
        try optionalString(object, key, at: path).map {
            try DateTimeStamp.parse($0).orThrow(invalid("\(path)/\(key) must be a date-time such as 2026-11-20T14:05:00Z"))
        }
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
