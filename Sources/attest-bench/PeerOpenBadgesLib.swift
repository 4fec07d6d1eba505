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

    /// Times our verify right before and right after the peer's, on the same credentials, and
    /// reports the peer's rates and `peer.rdfc_verify_ratio_vs_openbadgeslib`.
    func run() {
        report.section("eddsa-rdfc-2022 beside openbadgeslib (PyPI, pyld + cryptography)")
        do {
            let unsigned = RDFCBenchmarks.variants(of: typical.unsigned, count: RDFCBenchmarks.variantCount)
            let signed = try RDFCBenchmarks.sign(unsigned, key: key, verificationMethod: verificationMethod)
            let before = try ourVerifyRate(signed)
            let peer = try runPeer(signed)
            let after = try ourVerifyRate(signed)
            guard let verify = peer["verify_per_s"]?.numberValue, peer["tampered_rejected"] == .bool(true) else {
                throw ProcessRunner.Failure(
                    description: "openbadgeslib did not verify our credentials and reject a tampered one: \(peer.serialized())")
            }
            let ours = (before + after) / 2
            let version = peer["version"]?.stringValue ?? "?"
            report.add(
                "peer.openbadgeslib.verify_per_s", verify, "ops/s",
                note: "openbadgeslib \(version) verify_data_integrity_proof, \(signed.count) credentials")
            if let whole = peer["ob3_verify_per_s"]?.numberValue {
                report.add(
                    "peer.openbadgeslib.ob3_verify_per_s", whole, "ops/s",
                    note: "OB3LdpVerifier.verify: context validation, model, the same proof check")
            }
            report.add("peer.rdfc.verify_per_s", ours, "ops/s", note: "ours on the same credentials, mean of right before and right after")
            report.add(
                "peer.rdfc_verify_ratio_vs_openbadgeslib", ours / verify, "×",
                note: "ours ÷ openbadgeslib's Data Integrity check; target ≥ 50")
            report.remark("openbadgeslib verified all \(signed.count) credentials and rejected a tampered one")
        } catch {
            report.notMeasured("peer.rdfc_verify_ratio_vs_openbadgeslib", "×", reason: "\(error)")
        }
    }

    private func ourVerifyRate(_ signed: [JSONValue]) throws -> Double {
        let integrity = DataIntegrity()
        let proofs = try signed.map { try integrity.proofs(of: $0)[0] }
        let publicKey = key.publicKey
        var index = 0
        let seconds = try stopwatch.secondsPerIteration(iterations: 100 * (quick ? 1 : 4)) {
            try integrity.verifyProof(proofs[index % signed.count], of: signed[index % signed.count], publicKey: publicKey)
            index += 1
        }
        return 1 / seconds
    }

    private func runPeer(_ signed: [JSONValue]) throws -> JSONValue {
        guard FileManager.default.fileExists(atPath: Self.script) else {
            throw ProcessRunner.Failure(description: "\(Self.script) not found: run attest-bench from the checkout's root")
        }
        try installPackagesIfMissing()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-bench-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("credentials.jsonl")
        try Data(signed.map { $0.serialized() + "\n" }.joined().utf8).write(to: input)
        let iterations = quick ? 64 : 256
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            ["python3", Self.script, input.path, Multikey.encode(key.publicKey), String(iterations), String(stopwatch.runs)], timeout: 900)
        guard result.status == 0 else {
            throw ProcessRunner.Failure(description: "openbadgeslib failed: \(result.errorOutput.suffix(400))")
        }
        return try JSONValue.parse(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `python3 -m pip install openbadgeslib pyld` for what cannot be imported (pyld is its `[ldp]` extra).
    private func installPackagesIfMissing() throws {
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
