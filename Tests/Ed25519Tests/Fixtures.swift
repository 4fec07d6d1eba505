import Foundation
import Testing

/// Reads the files under `Fixtures/` that the test target bundles.
enum Fixtures {
    static func url(_ relativePath: String) throws -> URL {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return root.appendingPathComponent(relativePath)
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    static func text(_ relativePath: String) throws -> String {
        try String(decoding: data(relativePath), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from relativePath: String) throws -> Value {
        try JSONDecoder().decode(type, from: data(relativePath))
    }
}

/// Hex text to bytes, strict: even length, hex digits only (surrounding whitespace allowed).
func bytes(hex: String) throws -> [UInt8] {
    let digits = Array(hex.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
    try #require(digits.count % 2 == 0, "odd number of hex digits")
    var result: [UInt8] = []
    result.reserveCapacity(digits.count / 2)
    for index in stride(from: 0, to: digits.count, by: 2) {
        let pair = String(decoding: digits[index..<index + 2], as: UTF8.self)
        result.append(try #require(UInt8(pair, radix: 16), "not hex: \(pair)"))
    }
    return result
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// `bytes` with one bit flipped at `byteIndex`.
func flippingBit(in bytes: [UInt8], at byteIndex: Int) -> [UInt8] {
    var copy = bytes
    copy[byteIndex] ^= 0x01
    return copy
}
