import CanonicalJSON
import Foundation
import IssuerCore

/// The program form's values and errors, and its translation to and from a program definition.
///
/// The form only *writes the definition*: every rule is checked by `ProgramDefinition` and
/// `ProgramValidation`, the same reading as `attest programs add`, and the reason it gives is put
/// next to the field it names. Members the form does not show (fields added to the schema later)
/// are kept from the stored program.
struct ProgramForm: Sendable {
    /// The text of each field as shown (a checkbox: `"on"` or absent), by path.
    var values: [String: String] = [:]
    /// A message beside a field, by path.
    var errors: [String: String] = [:]
    /// Messages that belong to no one field.
    var generalErrors: [String] = []
    /// The images uploaded but not saved yet, by path (checked bytes).
    var pendingImages: [String: ProgramImage] = [:]
    /// The name printed on the preview.
    var sampleName = ProgramForm.defaultSampleName

    static let defaultSampleName = "Ana Lima"
    /// Members the schema requires but allows empty: an empty field is sent as `""`, not left out.
    static let requiredText: Set<String> = ["achievement.description", "achievement.criteria"]
    /// The longest sample name the preview draws.
    static let sampleNameLimit = 200

    var hasErrors: Bool { !errors.isEmpty || !generalErrors.isEmpty }

    /// The form of a stored program (or an empty one).
    init(program: Program?) {
        guard let program, let object = try? ProgramDefinition.encoded(program).objectValue else {
            values["template"] = CertificateTemplate.completion.rawValue
            return
        }
        values["id"] = program.id
        for field in ProgramFormLayout.fields {
            guard let value = Self.value(at: field.path, in: object), value != .bool(false) else { continue }
            values[field.path] = Self.text(value, kind: field.kind)
        }
    }

    /// The form as submitted (text fields; images are added by the caller).
    init(submitted fields: ConsoleForm) {
        for field in ProgramFormLayout.fields {
            switch field.kind {
            case .checkbox: if fields[field.path] != nil { values[field.path] = "on" }
            case .image: if fields[field.path + ".remove"] != nil { values[field.path + ".remove"] = "on" }
            default: if let value = fields[field.path] { values[field.path] = value }
            }
        }
        if let id = fields["id"] { values["id"] = id }
        if let name = fields.trimmed("sampleName") { sampleName = name }
    }

    /// The definition this form describes: `base` (the stored program's members, or none) with each
    /// field of the form set or left out. Typing errors (a number that is not one) are recorded
    /// in ``errors``; everything else is for `ProgramDefinition` to judge.
    mutating func definition(base: JSONObject, imageName: (String, ProgramImage) -> String) -> JSONObject {
        var object = base
        for field in ProgramFormLayout.fields {
            let text = (values[field.path] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if (values[field.path] ?? "").count > field.maxLength {
                errors[field.path] = "\(field.label) must be \(field.maxLength) characters or fewer."
                continue
            }
            let value: JSONValue?
            switch field.kind {
            case .text, .longText, .choice, .radios:
                value = text.isEmpty && !Self.requiredText.contains(field.path) ? nil : .string(text)
            case .checkbox: value = values[field.path] == nil ? nil : .bool(true)
            case .number:
                if text.isEmpty {
                    value = nil
                } else if let number = Double(text), number.isFinite {
                    value = .number(number)
                } else {
                    errors[field.path] = "\(field.label) must be a number, like 80 or 2.5."
                    continue
                }
            case .lines:
                let items = Self.lines(text)
                value = items.isEmpty ? nil : .array(items.map(JSONValue.string))
            case .integerLines:
                var numbers: [JSONValue] = []
                for item in Self.lines(text) {
                    guard let number = Int(item) else {
                        errors[field.path] = "\(field.label) must be whole numbers, one per line (\(item) is not)."
                        break
                    }
                    numbers.append(.number(Double(number)))
                }
                value = numbers.isEmpty ? nil : .array(numbers)
            case .followUps:
                var entries: [JSONValue] = []
                for (number, line) in Self.lines(text).enumerated() {
                    let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
                    guard words.count == 3 else {
                        errors[field.path] =
                            "Write each follow-up as DURATION START EVENT, e.g. P30D issuance survey.requested (line \(number + 1) is not)."
                        break
                    }
                    entries.append(.object(["after": .string(words[0]), "from": .string(words[1]), "event": .string(words[2])]))
                }
                value = entries.isEmpty ? nil : .array(entries)
            case .pairs:
                var members = JSONObject()
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty { continue }
                    guard let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].trimmingCharacters(in: .whitespaces).isEmpty else {
                        errors[field.path] = "Write each field as Name: value, one per line (line \(number + 1) is not)."
                        break
                    }
                    members[trimmed[..<colon].trimmingCharacters(in: .whitespaces)] = .string(
                        trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                value = members.isEmpty ? nil : .object(members)
            case .image:
                if let pending = pendingImages[field.path] {
                    value = .string(imageName(field.path, pending))
                } else if values[field.path + ".remove"] != nil {
                    value = nil
                } else {
                    continue  // keeps the stored program's image
                }
            }
            Self.set(value, at: field.path, in: &object)
        }
        return object
    }

    /// Puts the validator's refusal next to the field it names (or above the form).
    mutating func place(_ reason: String) {
        let message = ReviewFormat.sentence(reason)
        if let path = Self.field(for: reason, values: values) {
            errors[path] = message
        } else {
            generalErrors.append(message)
        }
    }

    /// The field a refusal of `ProgramValidation`/`ProgramDefinition` is about.
    static func field(for reason: String, values: [String: String]) -> String? {
        if reason.hasPrefix("program id") { return "id" }
        if reason.contains("achievement needs a name") { return "achievement.name" }
        if reason.contains("own prerequisite") { return "rules.prerequisites" }
        if reason.hasPrefix("course ") || reason.hasPrefix("courses ") { return "courses" }
        if reason.hasPrefix("colour \"") {
            let colour = reason.dropFirst("colour \"".count).prefix { $0 != "\"" }
            return values["branding.accentColor"]?.trimmingCharacters(in: .whitespaces) == String(colour)
                && values["branding.primaryColor"]?.trimmingCharacters(in: .whitespaces) != String(colour)
                ? "branding.accentColor" : "branding.primaryColor"
        }
        let fields = ProgramFormLayout.fields.sorted { $0.path.count > $1.path.count }
        if let match = fields.first(where: { reason.contains($0.path) }) { return match.path }
        return fields.first { reason.contains($0.memberName) }?.path
    }

    // MARK: JSON paths

    static func value(at path: String, in object: JSONObject) -> JSONValue? {
        let names = path.split(separator: ".").map(String.init)
        var current: JSONValue = .object(object)
        for name in names {
            guard let next = current.objectValue?[name] else { return nil }
            current = next
        }
        return current
    }

    /// Sets (or, with `nil`, removes) the member at `path`, making the objects on the way; an
    /// object left empty by a removal is removed too.
    static func set(_ value: JSONValue?, at path: String, in object: inout JSONObject) {
        let names = path.split(separator: ".").map(String.init)
        set(value, names: names[...], in: &object)
    }

    private static func set(_ value: JSONValue?, names: ArraySlice<String>, in object: inout JSONObject) {
        guard let name = names.first else { return }
        if names.count == 1 {
            object[name] = value
            return
        }
        var inner = object[name]?.objectValue ?? JSONObject()
        set(value, names: names.dropFirst(), in: &inner)
        object[name] = inner.isEmpty && name != "rules" ? nil : .object(inner)
    }

    static func text(_ value: JSONValue, kind: ProgramFormField.Kind) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): return flag ? "on" : ""
        case .array(let items):
            return items.map { item in
                if let object = item.objectValue {
                    return ["after", "from", "event"].map { object[$0].map { text($0, kind: kind) } ?? "" }.joined(separator: " ")
                }
                return text(item, kind: kind)
            }.joined(separator: "\n")
        case .object(let members): return members.map { "\($0.key): \($0.value.stringValue ?? "")" }.joined(separator: "\n")
        default: return ""
        }
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
