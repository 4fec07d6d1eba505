import Foundation
import TestSupport
import Testing
import Zlib

/// The stored ZIP writer, checked by the tools people open archives with: Info-ZIP's `unzip`
/// and Python's `zipfile`.
@Suite("Stored ZIP archive")
struct StoredZipArchiveTests {
    static let modified = Date(timeIntervalSince1970: 1_796_212_805)  // 2026-12-02T12:00:05Z

    static func sample() throws -> (archive: [UInt8], files: [String: [UInt8]]) {
        var files: [String: [UInt8]] = [
            "7Q4XK2M9.pdf": Array("%PDF-1.7\n% a certificate\n".utf8) + (0..<2_000).map { UInt8($0 % 251) },
            "credentials.csv": Array("id,learner\n7Q4XK2M9,Ana Lima\n".utf8),
            "Zoë Ångström/李.pdf": [0, 1, 2, 255],
        ]
        files["empty.txt"] = []
        var archive = StoredZipArchive()
        for name in files.keys.sorted() { try archive.add(name: name, bytes: files[name]!, modified: modified) }
        #expect(archive.count == 4)
        return (archive.finish(), files)
    }

    @Test func unzipTestsAndListsIt() throws {
        let (archive, files) = try Self.sample()
        let folder = try TemporaryDirectory()
        let path = try folder.write(archive, to: "certificates.zip")
        let test = try ExternalTool.run(["unzip", "-t", path])
        #expect(test.status == 0, "\(test.standardOutput)\(test.standardError)")
        #expect(test.standardOutput.contains("No errors detected"))
        let list = try ExternalTool.run(["unzip", "-l", path])
        #expect(list.status == 0)
        for name in files.keys { #expect(list.standardOutput.contains(name)) }
        #expect(list.standardOutput.contains("4 files"))
    }

    @Test func pythonZipfileReadsEveryByte() throws {
        let (archive, files) = try Self.sample()
        let folder = try TemporaryDirectory()
        let path = try folder.write(archive, to: "certificates.zip")
        let script = """
            import hashlib, json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None
                print(json.dumps({i.filename: [hashlib.sha256(z.read(i)).hexdigest(), i.compress_type, list(i.date_time)] for i in z.infolist()}))
            """
        let result = try ExternalTool.run(["python3", "-c", script, path])
        #expect(result.status == 0, "\(result.standardError)")
        let listed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: [Any]]
        let entries = try #require(listed)
        #expect(Set(entries.keys) == Set(files.keys))
        for (name, bytes) in files {
            let expected = try ExternalTool.run(["sha256sum"], input: bytes).standardOutput.prefix(64)
            #expect(entries[name]?[0] as? String == String(expected), "\(name)")
            #expect(entries[name]?[1] as? Int == 0, "\(name) is stored")
            #expect(entries[name]?[2] as? [Int] == [2026, 12, 2, 12, 0, 4], "\(name): DOS time keeps even seconds")
        }
    }

    @Test(arguments: ["", "/etc/passwd", "../escape.pdf", "a/../../b", "a\\b", "a//b", "line\nbreak"])
    func refusesUnsafeNames(name: String) {
        var archive = StoredZipArchive()
        #expect(throws: ZlibError.self) { try archive.add(name: name, bytes: [1], modified: Self.modified) }
        #expect(archive.count == 0)
    }

    @Test func refusesTheSameNameTwice() throws {
        var archive = StoredZipArchive()
        try archive.add(name: "a.pdf", bytes: [1], modified: Self.modified)
        #expect(throws: ZlibError.self) { try archive.add(name: "a.pdf", bytes: [2], modified: Self.modified) }
    }
}
