import Foundation
import TestSupport
import Testing

/// Helpers for the status list tests, nested so their names cannot clash with other suites.
enum StatusListTestSupport {
    /// SplitMix64: a tiny seeded generator, so "random" test data is the same on every run.
    struct SeededGenerator: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// What a real command-line tool printed.
    struct ToolResult {
        let status: Int32
        let output: [UInt8]
        let errorText: String
    }

    /// Runs a real tool (gzip, python3) found on PATH, feeding `input` to its stdin.
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> ToolResult {
        // stdin comes from a file, so a tool that writes before reading all its input can never
        // deadlock against us on a full pipe.
        let inputURL = FileManager.default.temporaryDirectory.appendingPathComponent("status-list-test-\(UUID().uuidString)")
        try Data(input).write(to: inputURL)
        defer { try? FileManager.default.removeItem(at: inputURL) }
        let process = Subprocess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        // Large outputs fill the pipe; stderr stays small, so draining stdout first is safe.
        let output = outputPipe.fileHandleForReading.readDataToEndOfFile()
        let error = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolResult(status: process.terminationStatus, output: [UInt8](output), errorText: String(decoding: error, as: UTF8.self))
    }

    /// Like ``run(_:input:)``, but records a test issue when the tool fails, and returns stdout.
    static func runSucceeding(_ arguments: [String], input: [UInt8] = [], sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [UInt8]
    {
        let result = try run(arguments, input: input)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")) failed: \(result.errorText)", sourceLocation: sourceLocation)
        return result.output
    }

    /// `count` bytes from a seeded generator.
    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        var word: UInt64 = 0
        for index in 0..<count {
            if index % 8 == 0 { word = generator.next() }
            bytes[index] = UInt8(truncatingIfNeeded: word >> UInt64(index % 8 * 8))
        }
        return bytes
    }

    /// English-like text with repeats, the kind LZ77 and Huffman coding both work on.
    static func text(_ count: Int, seed: UInt64) -> [UInt8] {
        let words = [
            "status", "list", "credential", "revocation", "suspension", "the", "of", "a", "bit", "index", "issuer", "verifier", "\n",
        ]
        var generator = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 16)
        while bytes.count < count {
            bytes += Array(words.randomElement(using: &generator)!.utf8)
            bytes.append(0x20)
        }
        return Array(bytes.prefix(count))
    }
}
