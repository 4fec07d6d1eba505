import CanonicalJSON
import Foundation

/// A program definition file (`Spec/schemas/program.schema.json`) read into a ``Program``: the one
/// reading that `attest programs add FILE` and `POST /api/v1/programs` share, so both accept and
/// refuse exactly the same documents, with the same `invalidProgram` reasons.
public enum ProgramDefinition {
    /// Reads and checks a definition: strict JSON, the members the schema knows and no others,
    /// the right types, then every rule of ``ProgramValidation``.
    public static func program(from bytes: some Collection<UInt8>) throws(IssuerError) -> Program {
        try program(from: try object(from: bytes))
    }

    /// The definition's JSON object: strict JSON (no duplicate members, valid UTF-8), an object at the top.
    public static func object(from bytes: some Collection<UInt8>) throws(IssuerError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: bytes)
        } catch {
            throw IssuerError(.invalidProgram, "not valid JSON: \(error.description)")
        }
        guard let object = value.objectValue else {
            throw IssuerError(.invalidProgram, "a program definition is a JSON object (Spec/schemas/program.schema.json)")
        }
        return object
    }

    /// Decodes and checks a definition already parsed as JSON.
    public static func program(from object: JSONObject) throws(IssuerError) -> Program {
        let program = try decode(object)
        if let problem = unknownMember(.object(object), known: try encoded(program), at: "") {
            throw IssuerError(.invalidProgram, problem)
        }
        try ProgramValidation.validate(program)
        return program
    }

    static func decode(_ object: JSONObject) throws(IssuerError) -> Program {
        func invalid(_ detail: String) -> IssuerError { IssuerError(.invalidProgram, detail) }
        do {
            return try JSONDecoder().decode(Program.self, from: Data(JSONValue.object(object).serialized().utf8))
        } catch DecodingError.keyNotFound(let key, let context) {
            throw invalid("\(path(context.codingPath + [key])) is missing")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw invalid("\(path(context.codingPath)) has the wrong type")
        } catch DecodingError.dataCorrupted(let context) {
            throw invalid(context.codingPath.isEmpty ? "not a program definition" : "\(path(context.codingPath)) is not valid")
        } catch let error as IssuerError {
            throw error
        } catch {
            throw invalid("not a program definition")
        }
    }

    /// The program as JSON, the shape `attest programs show` prints and the API returns.
    public static func encoded(_ program: Program) throws(IssuerError) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try JSONValue.parse(bytes: Array(try encoder.encode(program)))
        } catch {
            throw IssuerError(.invalidProgram, "the program cannot be written as JSON")
        }
    }

    /// What is wrong with the first member of `given` that `known` (the decoded program, encoded
    /// again) lacks, or that is `null` where the schema wants a value.
    static func unknownMember(_ given: JSONValue, known: JSONValue, at path: String) -> String? {
        if given.isNull { return "\(path) is null; leave it out or give it a value (Spec/schemas/program.schema.json)" }
        switch (given, known) {
        case (.object(let object), .object(let knownObject)):
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                guard let match = knownObject[key] else {
                    if value.isNull { return unknownMember(value, known: .null, at: memberPath) }
                    return "\(memberPath) is not a member of a program definition (Spec/schemas/program.schema.json)"
                }
                if let deeper = unknownMember(value, known: match, at: memberPath) { return deeper }
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

    /// One of a closed set of names (a template, a page size), or `invalidProgram` naming the value and the choices.
    static func named<Value: RawRepresentable & CaseIterable>(_ type: Value.Type, from decoder: any Decoder) throws -> Value
    where Value.RawValue == String {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let value = Value(rawValue: name) else {
            let choices = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw IssuerError(.invalidProgram, "\(path(decoder.codingPath)) \"\(name)\" is not one of \(choices)")
        }
        return value
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
