import Foundation

/// `application/x-www-form-urlencoded` bodies, as browsers send forms.
enum FormURLEncoded {
    /// The first value of `name`, decoded (`+` is a space, `%XX` a byte); `nil` when absent or not UTF-8.
    static func value(of name: String, in body: [UInt8]) -> String? {
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard decode(Array(parts[0])) == name else { continue }
            return parts.count > 1 ? decode(Array(parts[1])) : ""
        }
        return nil
    }

    static func decode(_ bytes: [UInt8]) -> String? {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index + 2 < bytes.count, let byte = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)
                else { return nil }
                output.append(byte)
                index += 2
            default:
                output.append(bytes[index])
            }
            index += 1
        }
        return String(bytes: output, encoding: .utf8)
    }
}
