import Foundation
import TestSupport
import Testing

/// A tool the tests need but the machine lacks is a failure with a clear message, never a skip or
/// a quiet exit status 127 that a test might not look at.
@Suite("missing tools fail")
struct ExternalToolTests {
    @Test("a program that is not on PATH throws ToolMissing naming it and scripts/setup.sh")
    func missingToolThrows() throws {
        let error = #expect(throws: ExternalTool.ToolMissing.self) {
            try ExternalTool.run(["attest-test-no-such-tool"])
        }
        #expect(error?.program == "attest-test-no-such-tool")
        #expect(error?.description.contains("scripts/setup.sh") == true)
        // A tool that is there but fails is its own exit status, not "missing".
        #expect(try ExternalTool.run(["sh", "-c", "exit 127"]).status == 127)
    }
}
