import Foundation

/// Runs the real `attest` and `attest-verify` executables that `swift build` put beside this test
/// bundle, and the system's own tools (openssl, qpdf, …).
enum Executables {
    /// The build's products folder: the test bundle's resources sit in it.
    static let binDirectory: URL = Bundle.module.bundleURL.deletingLastPathComponent()

    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs one of our tools to completion with optional standard input and extra environment.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        try runProgram(binDirectory.appendingPathComponent(tool).path, arguments, input: input, environment: environment)
    }

    /// Runs a program (an absolute path, or a name looked up on PATH) to completion. Output goes
    /// to temporary files, so a chatty program can never block on a full pipe.
    @discardableResult
    static func runProgram(_ program: String, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        let inputURL = folder.appendingPathComponent("stdin")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inputURL.path, contents: input ?? Data())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
        process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
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
