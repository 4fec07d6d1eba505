import Testing
import TestSupport

extension ExternalTool {
    /// Like ``run(_:input:environment:)`` but records a test issue with the tool's stderr when it fails.
    @discardableResult
    static func runSucceeding(
        _ arguments: [String], input: [UInt8] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try run(arguments, input: input)
        #expect(
            result.status == 0, "\(arguments.joined(separator: " ")) failed: \(result.standardError)",
            sourceLocation: sourceLocation)
        return result.standardOutput
    }
}
