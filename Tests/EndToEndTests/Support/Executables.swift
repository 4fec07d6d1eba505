import Foundation
import TestSupport

/// Runs the real `attest` and `attest-verify` executables that `swift build` put beside this test
/// bundle, and the system's own tools (openssl, qpdf, …).
enum Executables {
    /// The build's products folder: the test bundle's resources sit in it.
    static let binDirectory: URL = Bundle.module.bundleURL.deletingLastPathComponent()

    typealias Result = ExternalTool.Result

    /// Runs one of our tools to completion with optional standard input and extra environment.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        try runProgram(binDirectory.appendingPathComponent(tool).path, arguments, input: input, environment: environment)
    }

    /// Runs a program (an absolute path, or a name looked up on PATH) to completion.
    @discardableResult
    static func runProgram(_ program: String, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        try ExternalTool.run([program] + arguments, input: Array(input ?? Data()), environment: environment)
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A file in the `Fixtures/` folder of this test target.
    static func fixture(_ path: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path)
    }
}
