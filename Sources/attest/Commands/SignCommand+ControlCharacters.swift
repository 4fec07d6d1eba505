import CanonicalJSON

extension SignCommand {
    /// A control character found in a credential: where (a JSON Pointer) and which (`U+0007`).
    struct ControlCharacter: Equatable {
        let path: String
        let character: String
    }

    /// Whether RDFC-1.0 and the JSON-LD libraries most verifiers use (pyld and those built on it)
    /// write `scalar` differently in N-Quads: C0 characters other than tab, line feed and carriage
    /// return (which both escape alike), and DEL.
    static func isRiskyControlCharacter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && ![0x09, 0x0A, 0x0D].contains(scalar.value)) || scalar.value == 0x7F
    }

    /// The first member name or string value of `value` that holds a risky control character.
    static func firstControlCharacter(in value: JSONValue, path: String = "") -> ControlCharacter? {
        func found(_ text: String, at path: String) -> ControlCharacter? {
            guard let scalar = text.unicodeScalars.first(where: isRiskyControlCharacter) else { return nil }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return ControlCharacter(path: path.isEmpty ? "/" : path, character: "U+" + String(repeating: "0", count: 4 - hex.count) + hex)
        }
        switch value {
        case .string(let text):
            return found(text, at: path)
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let hit = firstControlCharacter(in: item, path: "\(path)/\(index)") { return hit }
            }
        case .object(let object):
            for (name, member) in object {
                let memberPath = "\(path)/\(name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))"
                if let hit = found(name, at: memberPath) ?? firstControlCharacter(in: member, path: memberPath) { return hit }
            }
        default:
            break
        }
        return nil
    }
}
