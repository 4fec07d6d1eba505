import Foundation
import TestSupport
import Testing

extension IssuerWorkspace {
    /// Adds version 2 of the example program with `"statusPurpose": "suspension"`, so the
    /// credentials issued from now on carry a suspension entry and can be suspended (Open Badges
    /// 3.0 allows one status entry; the example program's default is revocation).
    func makeExampleProgramSuspendable() throws {
        var program = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.exampleProgram))) as? [String: Any])
        program["version"] = 2
        program["statusPurpose"] = "suspension"
        let file = path("program-suspendable.json")
        try JSONSerialization.data(withJSONObject: program).write(to: URL(fileURLWithPath: file))
        let added = try attest(["programs", "add", file])
        try #require(added.status == 0, "programs add: \(added.standardError)")
    }

    /// Every credential an end-to-end test exports passes through here: it must be valid against
    /// 1EdTech's Open Badges 3.0 JSON Schema (an independent Python validator).
    static func expectConformingOpenBadge(_ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let problems = try OpenBadgesSchemaCheck.problems(in: [URL(fileURLWithPath: file).lastPathComponent: bytes])
        #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
    }
}
