import Foundation
import TestSupport
import Testing

/// A throw-away certificate authority made with the `openssl` command line, and server
/// certificates it signs for 127.0.0.1 and localhost: what TLS tests trust through a CA file.
struct TestCertificateAuthority {
    /// The folder holding every key and certificate.
    let folder: URL
    /// The CA certificate (PEM): the file given to `--ca-file` or `?ca-file=`.
    let caFile: String

    /// A server key and certificate (PEM files).
    struct ServerCertificate {
        let certificateFile: String
        let keyFile: String
    }

    /// A new CA (P-256, valid for two days) in a new folder.
    init() throws {
        folder = try Executables.temporaryDirectory().appendingPathComponent("tls", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        caFile = folder.appendingPathComponent("ca.pem").path
        try Self.openssl(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("ca.key"), "-out", caFile,
                "-days", "2", "-subj", "/CN=Attest Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ], in: folder)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A server certificate signed by this CA for `names` (IP addresses and DNS names), valid for two
    /// days, or — with `expired` — only during two days of 2020.
    func serverCertificate(named name: String, for names: [String] = ["127.0.0.1", "localhost"], expired: Bool = false) throws
        -> ServerCertificate
    {
        let key = path("\(name).key")
        let request = path("\(name).csr")
        let certificate = path("\(name).pem")
        let extensions = path("\(name).ext")
        let alternativeNames = names.map { $0.first?.isNumber == true ? "IP:\($0)" : "DNS:\($0)" }.joined(separator: ",")
        try Data(
            """
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth
            subjectAltName=\(alternativeNames)

            """.utf8
        ).write(to: URL(fileURLWithPath: extensions))
        try Self.openssl(
            [
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", request, "-subj",
                "/CN=\(names[0])",
            ], in: folder)
        if expired {
            // `openssl x509 -req` cannot back-date; `openssl ca` can, with a minimal database.
            let database = path("\(name)-index.txt")
            try Data().write(to: URL(fileURLWithPath: database))
            try Data("1000\n".utf8).write(to: URL(fileURLWithPath: path("\(name)-serial")))
            try Data(
                """
                [ca]
                default_ca = test
                [test]
                database = \(database)
                new_certs_dir = \(folder.path)
                serial = \(path("\(name)-serial"))
                default_md = sha256
                policy = any
                [any]
                commonName = supplied

                """.utf8
            ).write(to: URL(fileURLWithPath: path("\(name)-ca.cnf")))
            try Self.openssl(
                [
                    "ca", "-batch", "-config", path("\(name)-ca.cnf"), "-cert", caFile, "-keyfile", path("ca.key"), "-in", request, "-out",
                    certificate, "-startdate", "20200101000000Z", "-enddate", "20200103000000Z", "-extfile", extensions, "-notext",
                ], in: folder)
        } else {
            try Self.openssl(
                [
                    "x509", "-req", "-in", request, "-CA", caFile, "-CAkey", path("ca.key"), "-CAcreateserial", "-out", certificate,
                    "-days",
                    "2", "-extfile", extensions,
                ], in: folder)
        }
        return ServerCertificate(certificateFile: certificate, keyFile: key)
    }

    /// A certificate for 127.0.0.1 and localhost that signs itself: no CA file vouches for it.
    func selfSignedCertificate(named name: String) throws -> ServerCertificate {
        let key = path("\(name).key")
        let certificate = path("\(name).pem")
        try Self.openssl(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", certificate,
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ], in: folder)
        return ServerCertificate(certificateFile: certificate, keyFile: key)
    }

    private static func openssl(_ arguments: [String], in folder: URL) throws {
        let result = try Executables.runProgram("openssl", arguments)
        try #require(result.status == 0, "openssl \(arguments[0]): \(result.standardError)")
    }
}

/// A Python helper (a TLS web or SMTP server) started by a test: it prints its port on its first
/// line and runs until its standard input closes — when this value goes away, or the test process ends.
final class PythonHelper: @unchecked Sendable {
    private let process = Subprocess()
    private let standardInput = Pipe()
    /// What the helper printed first (its port).
    let firstLine: String

    init(script: String, arguments: [String]) throws {
        let folder = try Executables.temporaryDirectory()
        let file = folder.appendingPathComponent("helper.py")
        try Data(script.utf8).write(to: file)
        let standardOutput = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", file.path] + arguments
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = standardOutput.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
        }
        firstLine = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The port it printed.
    func port() throws -> Int {
        try #require(Int(firstLine), "the helper printed \(firstLine)")
    }

    func stop() {
        guard process.isRunning else { return }
        try? standardInput.fileHandleForWriting.close()
        // SIGKILL: the child may inherit a blocked SIGTERM from the test runner.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
