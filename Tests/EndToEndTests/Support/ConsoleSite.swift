import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The staff console end to end: an issuer whose public base URL is the local `attest serve`,
/// a real SMTP sink (Tests/Browser/smtp_sink.py) the server's outbox sends to, a clock file the
/// test moves (`ATTEST_CLOCK_FILE`), staff made with `attest staff add`, and the Python browser
/// scripts of Tests/Browser (selenium + headless Chromium + axe-core) run against it.
final class ConsoleSite {
    let workspace: IssuerWorkspace
    let server: RunningServer
    /// `http://127.0.0.1:PORT`: the server and the issuer's public base URL.
    let address: String
    /// The folder the SMTP sink writes each message to as NNNN.eml.
    let mailFolder: String
    /// The clock file the server reads (ISO 8601).
    let clockFile: String
    private let sink: Subprocess

    static let browserFolder = IssuerWorkspace.repositoryRoot.appendingPathComponent("Tests/Browser")

    /// An issuer with the example program and `staff` (email, name, role) added with `attest
    /// staff add`, served on 127.0.0.1 with its email going to a fresh SMTP sink, on a clock file
    /// that starts an hour in the past (so the test can move it forward without passing real time).
    init(staff: [(email: String, name: String, role: String)]) throws {
        mailFolder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-mail-\(UUID().uuidString)").path
        let (sink, smtpPort) = try Self.startSink(folder: mailFolder)
        self.sink = sink
        do {
            // The base URL names the port before the server starts (attest init); if another
            // process takes the port first, everything is set up again on a fresh one.
            (workspace, server, address) = try LoopbackPort.withUnusedPort { port in
                let workspace = try IssuerWorkspace()
                let clock = workspace.path("clock")
                try Self.write(Date().addingTimeInterval(-3600), to: clock)
                let environment = ["ATTEST_CLOCK_FILE": clock]
                let base = "http://127.0.0.1:\(port)"
                let initialized = try workspace.attest(
                    ["init", "--name", "Northwind Safety Academy", "--base-url", base, "--keys", workspace.keys], environment: environment)
                try #require(initialized.status == 0, "init: \(initialized.standardError)")
                try #require(
                    try workspace.attest(["programs", "add", IssuerWorkspace.exampleProgram], environment: environment).status == 0)
                for member in staff {
                    let added = try workspace.attest(
                        ["staff", "add", "--email", member.email, "--name", member.name, "--role", member.role], environment: environment)
                    try #require(added.status == 0, "staff add: \(added.standardError)")
                }
                let server = try RunningServer(
                    workspace, port: port, arguments: ["--smtp-url", "smtp://127.0.0.1:\(smtpPort)"], environment: environment)
                return (workspace, server, base)
            }
        } catch {
            kill(sink.processIdentifier, SIGKILL)
            sink.waitUntilExit()
            throw error
        }
        clockFile = workspace.path("clock")
    }

    var environment: [String: String] { ["ATTEST_CLOCK_FILE": clockFile] }

    deinit {
        server.process.kill()
        if sink.isRunning {
            kill(sink.processIdentifier, SIGKILL)
            sink.waitUntilExit()
        }
    }

    /// Runs `attest` on the site's data folder and clock.
    func attest(_ arguments: [String]) throws -> Executables.Result {
        try workspace.attest(arguments, environment: environment)
    }

    /// Runs the Python browser script `Tests/Browser/NAME` with `--base`, `--mail`, `--clock` and
    /// `arguments`; the result's output says which checks passed and, on failure, why.
    func runBrowserScript(_ name: String, _ arguments: [String] = []) throws -> Executables.Result {
        try Executables.runProgram(
            "python3",
            [Self.browserFolder.appendingPathComponent(name).path, "--base", address, "--mail", mailFolder, "--clock", clockFile]
                + arguments)
    }

    static func write(_ date: Date, to file: String) throws {
        let formatter = ISO8601DateFormatter()
        try Data(formatter.string(from: date).utf8).write(to: URL(fileURLWithPath: file))
    }

    /// Starts smtp_sink.py writing to `folder`; returns the process and the port it listens on.
    private static func startSink(folder: String) throws -> (Subprocess, Int) {
        let process = Subprocess()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", browserFolder.appendingPathComponent("smtp_sink.py").path, folder]
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw SinkFailed(description: "smtp_sink.py exited before it listened (is aiosmtpd installed?)") }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw SinkFailed(description: "smtp_sink.py printed no port")
        }
        return (process, port)
    }

    struct SinkFailed: Error, CustomStringConvertible {
        let description: String
    }
}
