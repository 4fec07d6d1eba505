import CanonicalJSON

/// `name` and `description` of a credential or its issuer (VC 2.0 §4.6, §11.1): a string, a
/// language value object `{"@value", "@language"?, "@direction"?}` with nothing else in it, or an
/// array of those (one per language).
extension DataModelAudit {
    private static let valueObjectKeys: Set<String> = ["@value", "@language", "@direction"]

    mutating func checkLanguageStrings(in object: JSONObject, at path: JSONPointer) {
        for property in ["name", "description"] {
            guard let value = object[property] else { continue }
            let propertyPath = path.appending(property)
            for (index, item) in value.asArray.enumerated() {
                let itemPath = value.arrayValue == nil ? propertyPath : propertyPath.appending(index)
                switch item {
                case .string:
                    continue
                case .object(let valueObject):
                    checkValueObject(valueObject, at: itemPath, property: property)
                default:
                    report(
                        "\(property).value", itemPath,
                        "\(property) must be a string or a language value object, not \(item.typeName)")
                }
            }
        }
    }

    private mutating func checkValueObject(_ object: JSONObject, at path: JSONPointer, property: String) {
        let extra = object.keys.filter { !Self.valueObjectKeys.contains($0) }
        if !extra.isEmpty {
            report(
                "language.value-object", path,
                "a language value object for \(property) may hold only @value, @language and @direction, not "
                    + extra.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if object["@value"]?.stringValue == nil {
            report("language.value-object", path.appending("@value"), "a language value object for \(property) needs an @value string")
        }
        if let language = object["@language"], !(language.stringValue.map(Self.isWellFormedLanguageTag) ?? false) {
            report("language.tag", path.appending("@language"), "@language must be a BCP 47 language tag such as \"en\" or \"pt-BR\"")
        }
        if let direction = object["@direction"], direction != "ltr", direction != "rtl" {
            report("language.direction", path.appending("@direction"), "@direction must be \"ltr\" or \"rtl\"")
        }
    }

    /// The well-formedness JSON-LD asks of `@language`: letter subtags of 1–8, then alphanumeric
    /// subtags of 1–8, joined by hyphens (BCP 47's full grammar is stricter; validity is not checked).
    static func isWellFormedLanguageTag(_ tag: String) -> Bool {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, (1...8).contains(first.count),
            first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) })
        else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.count)
                && subtag.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        }
    }
}
