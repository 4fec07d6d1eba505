import Foundation

/// Runs a real program (openssl, qpdf, pdftotext, zbarimg, python3, our own executables) to
/// completion, as a person checking our output would. Shared by the test targets.
public enum ExternalTool {
    /// What the program did.
    public struct Result: Sendable {
        /// The exit status.
        public let status: Int32
        /// Everything written to standard output.
        public let standardOutput: String
        /// Everything written to standard error.
        public let standardError: String
    }

    /// Runs `arguments[0]` (an absolute path, or a name looked up on PATH) with the rest as its
    /// arguments, feeding `input` to standard input. Output goes to temporary files, so a chatty
    /// program can never block on a full pipe.
    public static func run(_ arguments: [String], input: [UInt8] = [], environment: [String: String] = [:]) throws -> Result {
        let folder = try TemporaryDirectory()
        let outputPath = try folder.write([], to: "stdout")
        let errorPath = try folder.write([], to: "stderr")
        let inputPath = try folder.write(input, to: "stdin")
        let absolute = arguments.first?.hasPrefix("/") == true
        let executable = absolute ? arguments[0] : "/usr/bin/env"
        let process = Subprocess()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = absolute ? Array(arguments.dropFirst()) : arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputPath))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        process.waitUntilExit()
        let status = process.terminationStatus
        let result = Result(status: status, standardOutput: try folder.read("stdout"), standardError: try folder.read("stderr"))
        // `env` answers 127 when the program is not on PATH: that is a missing tool, never a skip.
        if executable == "/usr/bin/env", result.status == 127, let program = arguments.first,
            result.standardError.contains("No such file or directory")
        {
            throw ToolMissing(program: program)
        }
        return result
    }

    /// A program the tests need is not installed. The test fails: `scripts/test.sh` installs every
    /// tool (through `scripts/setup.sh`), so on a machine set up as the README says this never happens.
    public struct ToolMissing: Error, CustomStringConvertible {
        /// The program's name as the test gave it.
        public let program: String
        /// What to do about it.
        public var description: String { "\(program) is not installed (not on PATH): run scripts/setup.sh, which installs it" }
    }
}

/// A fresh folder under the system temporary directory, removed when the test is done with it.
public final class TemporaryDirectory {
    /// The folder.
    public let url: URL

    /// Creates an empty folder with a unique name.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes text to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String { try write(Array(text.utf8), to: name) }

    /// Writes bytes to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ bytes: [UInt8], to name: String) throws -> String {
        let file = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The text of `name` in the folder.
    public func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path(name))), as: UTF8.self)
    }
}
