import Foundation
import TestSupport
import Testing

/// Issue 14, point 1, from the outside: hostile PDFs sent to `attest-verify` and to the public
/// `POST /verify` of a real `attest serve` are refused with a precise reason, fast, and the server
/// keeps answering.
@Suite("Hostile PDFs: decompression bombs, file and filter counts")
struct HostilePDFTests {
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = try Executables.temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test("attest-verify refuses a 1 GiB double-Flate bomb as unusable input (exit 2), naming the cap")
    func verifierRefusesBomb() throws {
        let bomb = try write(HostilePDF.bomb(inflatedBytes: 1 << 30), "bomb.pdf")
        let result = try Executables.run("attest-verify", ["--offline", bomb])
        #expect(result.status == 2, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardError.contains("too_large: an embedded file decodes to more than 4194304 bytes"), "\(result.standardError)")
    }

    @Test("attest-verify refuses too many embedded files and long filter chains (exit 2)")
    func verifierRefusesCounts() throws {
        let many = try write(HostilePDF.manyFiles(40), "many.pdf")
        let manyResult = try Executables.run("attest-verify", ["--offline", many])
        #expect(manyResult.status == 2)
        #expect(manyResult.standardError.contains("too_many_files"), "\(manyResult.standardError)")
        let chain = try write(HostilePDF.filterChain(6), "chain.pdf")
        let chainResult = try Executables.run("attest-verify", ["--offline", chain])
        #expect(chainResult.status == 2)
        #expect(chainResult.standardError.contains("unsupported_filter"), "\(chainResult.standardError)")
        #expect(chainResult.standardError.contains("at most 2 are decoded"), "\(chainResult.standardError)")
    }

    @Test("POST /verify answers a bomb with a precise NOT VALID page, and the server still answers")
    func serverRefusesBomb() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let server = try RunningServer(workspace)
        let bomb = Data(try HostilePDF.bomb(inflatedBytes: 1 << 30))
        let address = server.address
        // Several at once, as an attacker would send them, with an ordinary request among them.
        async let first = HTTPExchange.send("POST", "\(address)/verify", headers: ["Content-Type": "application/pdf"], body: bomb)
        async let second = HTTPExchange.send("POST", "\(address)/verify", headers: ["Content-Type": "application/pdf"], body: bomb)
        async let health = HTTPExchange.send("GET", "\(address)/health")
        for answer in try await [first, second] {
            #expect(answer.status == 422, "\(answer.text)")
            #expect(answer.text.contains("The PDF was not read: an embedded file decodes to more than 4194304 bytes"), "\(answer.text)")
        }
        #expect(try await health.status == 200)

        let many = Data(try HostilePDF.manyFiles(40))
        let refused = try await HTTPExchange.send(
            "POST", "\(server.address)/verify", headers: ["Content-Type": "application/pdf"], body: many)
        #expect(refused.status == 422)
        #expect(refused.text.contains("at most 16 are read"), "\(refused.text)")
        #expect(try await HTTPExchange.send("GET", "\(server.address)/health").status == 200)
        #expect(server.process.isRunning)
    }
}
