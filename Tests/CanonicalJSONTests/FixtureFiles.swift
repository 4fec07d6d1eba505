import Foundation

/// Reads files from this target's `Fixtures/` folder.
enum FixtureFiles {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }

    static func names(in folder: String) -> [String] {
        let names = try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
        return (names ?? []).sorted()
    }
}
