import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// PyPI's `openbadgeslib` (its eddsa-rdfc-2022 Data Integrity check, on pyld) verifying the same
/// credentials as our verifier, in the same run (Benchmarks/reference/openbadgeslib_rdfc_bench.py).
struct PeerOpenBadgesLib {
    let stopwatch: Stopwatch
    let quick: Bool
    let report: BenchmarkReport
    let typical: (signed: JSONValue, unsigned: JSONValue)
    let key: Ed25519PrivateKey
    let verificationMethod: String

    static let script = "Benchmarks/reference/openbadgeslib_rdfc_bench.py"

    /// The peer as a child process: its `--alternate` mode answers one timed run per request line.
    final class PeerProcess {
        private let process = Process()
        private let input = Pipe()
        private let output = Pipe()
        private let folder: URL
        private var buffer: [UInt8] = []

        init(credentials: [JSONValue], publicKey: String, iterations: Int) throws {
            guard FileManager.default.fileExists(atPath: PeerOpenBadgesLib.script) else {
                throw ProcessRunner.Failure(description: "\(PeerOpenBadgesLib.script) not found: run attest-bench from the checkout's root")
            }
            try PeerOpenBadgesLib.installPackagesIfMissing()
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-bench-peer-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("credentials.jsonl")
            try Data(credentials.map { $0.serialized() + "\n" }.joined().utf8).write(to: file)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", PeerOpenBadgesLib.script, file.path, publicKey, String(iterations), "--alternate"]
            process.standardInput = input
            process.standardOutput = output
            let errors = folder.appendingPathComponent("stderr.txt")
            FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
        }

        /// The next line the peer prints, as JSON.
        func readLine() throws -> JSONValue {
            while true {
                if let newline = buffer.firstIndex(of: 0x0A) {
                    let line = Array(buffer[..<newline])
                    buffer.removeSubrange(...newline)
                    return try JSONValue.parse(bytes: line)
                }
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else {
                    let errors = (try? String(contentsOf: folder.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? ""
                    throw ProcessRunner.Failure(description: "openbadgeslib stopped: \(errors.suffix(400))")
                }
                buffer.append(contentsOf: chunk)
            }
        }

        /// Asks for one timed run and returns the peer's answer.
        func request(_ line: String) throws -> JSONValue {
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
            return try readLine()
        }

        /// Closes the peer's input (it exits) and removes its files.
        func finish() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Times our verify and the peer's in alternating runs on the same credentials (the peer runs
    /// as a child process that times one run per request), and reports the peer's rates and
    /// `peer.rdfc_verify_ratio_vs_openbadgeslib`, the median of the per-run ratios.
    func run() {
        report.section("eddsa-rdfc-2022 beside openbadgeslib (PyPI, pyld + cryptography)")
        do {
            let unsigned = RDFCBenchmarks.variants(of: typical.unsigned, count: RDFCBenchmarks.variantCount)
            let signed = try RDFCBenchmarks.sign(unsigned, key: key, verificationMethod: verificationMethod)
            let integrity = DataIntegrity()
            let proofs = try signed.map { try integrity.proofs(of: $0)[0] }
            let publicKey = key.publicKey
            var index = 0
            func ours(_ iterations: Int) throws -> Double {
                let elapsed = try ContinuousClock().measure {
                    for _ in 0..<iterations {
                        try integrity.verifyProof(proofs[index % signed.count], of: signed[index % signed.count], publicKey: publicKey)
                        index += 1
                    }
                }
                return Double(iterations) / elapsed.seconds
            }
            let peer = try PeerProcess(credentials: signed, publicKey: Multikey.encode(publicKey), iterations: quick ? 32 : 64)
            defer { peer.finish() }
            let ready = try peer.readLine()
            guard ready["tampered_rejected"] == .bool(true) else {
                throw ProcessRunner.Failure(description: "openbadgeslib did not reject a tampered credential: \(ready.serialized())")
            }
            _ = try ours(200)
            var ourRates: [Double] = []
            var peerRates: [Double] = []
            var ratios: [Double] = []
            for _ in 0..<stopwatch.runs {
                let our = try ours(quick ? 500 : 2_000)
                guard let theirs = try peer.request("verify")["verify_per_s"]?.numberValue else {
                    throw ProcessRunner.Failure(description: "openbadgeslib printed no rate")
                }
                ourRates.append(our)
                peerRates.append(theirs)
                ratios.append(our / theirs)
            }
            let whole = try peer.request("ob3")["ob3_verify_per_s"]?.numberValue
            let version = ready["version"]?.stringValue ?? "?"
            report.add(
                "peer.openbadgeslib.verify_per_s", peerRates.median, "ops/s",
                note: "openbadgeslib \(version) verify_data_integrity_proof, \(signed.count) credentials in turn")
            if let whole {
                report.add(
                    "peer.openbadgeslib.ob3_verify_per_s", whole, "ops/s",
                    note: "OB3LdpVerifier.verify: context validation, model, the same proof check (one run)")
            }
            report.add(
                "peer.rdfc.verify_per_s", ourRates.median, "ops/s", note: "ours on the same credentials, runs alternating with the peer's")
            report.add(
                "peer.rdfc_verify_ratio_vs_openbadgeslib", ratios.median, "×",
                note: "ours ÷ openbadgeslib's Data Integrity check, median of \(ratios.count) alternating runs; target ≥ 50")
            report.remark("openbadgeslib verified all \(signed.count) credentials and rejected a tampered one")
        } catch {
            report.notMeasured("peer.rdfc_verify_ratio_vs_openbadgeslib", "×", reason: "\(error)")
        }
    }

    /// `python3 -m pip install openbadgeslib pyld` for what cannot be imported (pyld is its `[ldp]` extra).
    static func installPackagesIfMissing() throws {
        for (module, package) in [("openbadgeslib", "openbadgeslib"), ("pyld", "pyld")] {
            let probe = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import \(module)"], timeout: 60)
            guard probe.status != 0 else { continue }
            let install = try ProcessRunner.run("/usr/bin/env", ["python3", "-m", "pip", "install", "-q", package], timeout: 300)
            guard install.status == 0 else {
                throw ProcessRunner.Failure(description: "pip could not install \(package): \(install.errorOutput.suffix(300))")
            }
        }
    }
}
