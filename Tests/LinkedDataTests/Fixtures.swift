import CanonicalJSON
import Foundation

/// Reads files from this target's `Fixtures/` folder.
enum Fixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func text(_ path: String) throws -> String {
        try String(decoding: Data(contentsOf: url(path)), as: UTF8.self)
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(bytes: Data(contentsOf: url(path)))
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }
}
