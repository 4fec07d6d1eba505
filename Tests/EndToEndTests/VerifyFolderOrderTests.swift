import Foundation
import Testing

/// `attest-verify` verifies the files of a folder on every core at once; what it prints must still
/// read as one file after another, in the order of the paths.
@Suite("attest-verify: parallel files, ordered report")
struct VerifyFolderOrderTests {
    @Test("24 files of three kinds (valid, tampered, unusable): one line each, in path order, each with its own verdict")
    func orderedLines() throws {
        let folder = try Executables.temporaryDirectory()
        let keyPath = folder.appendingPathComponent("key.pem").path
        #expect(try Executables.run("attest", ["keys", "generate", "--out", keyPath]).status == 0)
        let signed = try Executables.run(
            "attest",
            [
                "sign", "--key", keyPath, "--suite", "eddsa-rdfc-2022", "--created", "2026-11-23T09:00:00Z",
                Executables.fixture("unsigned-credential.json").path,
            ])
        #expect(signed.status == 0, "\(signed.standardError)")
        let good = signed.standardOutput
        let tampered = good.replacingOccurrences(of: "92.5", with: "99.5")
        #expect(tampered != good)
        let certs = folder.appendingPathComponent("certs")
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        var expected: [(name: String, verdict: String)] = []
        for index in 0..<24 {
            let name = String(format: "%02d.json", index)
            let (text, verdict) = [(good, "VALID"), (tampered, "INVALID"), ("{ broken", "UNUSABLE")][index % 3]
            try Data(text.utf8).write(to: certs.appendingPathComponent(name))
            expected.append((name, verdict))
        }
        let result = try Executables.run("attest-verify", ["--offline", certs.path])
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
        #expect(lines.count == 25, "\(lines)")
        for (line, file) in zip(lines, expected) {
            #expect(line.hasPrefix(file.verdict) && line.contains("certs/" + file.name), "\(line) should be \(file.verdict) \(file.name)")
        }
        #expect(lines.last == "24 files: 8 valid, 8 invalid, 0 indeterminate, 8 unusable")

        let json = try Executables.run("attest-verify", ["--offline", "--json", certs.path])
        let objects = json.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == 24)
        for (object, file) in zip(objects, expected) where file.verdict != "UNUSABLE" {
            #expect((object["verdict"] as? String)?.uppercased() == file.verdict, "\(file.name)")
        }
    }
}
