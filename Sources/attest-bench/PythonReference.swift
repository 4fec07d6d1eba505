import CanonicalJSON
import Foundation

/// The eddsa-jcs-2022 reference on PyNaCl and rfc8785 (Benchmarks/reference/), run beside us in
/// the same process tree and on the same credential, key and proof options.
struct PythonReference {
    let report: BenchmarkReport
    let quick: Bool
    let runs: Int

    static let script = "Benchmarks/reference/eddsa_jcs_2022_bench.py"

    /// Installs the reference's packages if missing, runs it, checks it signed the same bytes as we
    /// did, and reports our rates as ratios to its rates.
    func compare(
        unsigned: JSONValue, signedByUs: JSONValue, seed: [UInt8], verificationMethod: String, created: String,
        ours: (signPerSecond: Double, verifyPerSecond: Double)
    ) {
        report.section("eddsa-jcs-2022 beside the Python reference (PyNaCl + rfc8785)")
        do {
            let result = try runReference(unsigned: unsigned, seed: seed, verificationMethod: verificationMethod, created: created)
            guard let sign = result["sign_per_s"]?.numberValue, let verify = result["verify_per_s"]?.numberValue,
                let proofValue = result["proofValue"]?.stringValue
            else { throw ProcessRunner.Failure(description: "the reference printed no rates") }
            guard proofValue == signedByUs["proof"]?["proofValue"]?.stringValue else {
                throw ProcessRunner.Failure(description: "the reference's signature differs from ours: the two did not sign the same bytes")
            }
            report.add("python.jcs.sign_per_s", sign, "ops/s")
            report.add("python.jcs.verify_per_s", verify, "ops/s")
            if let floor = result["ed25519_verify_per_s"]?.numberValue {
                report.add("python.ed25519.verify_per_s", floor, "ops/s", note: "libsodium, 64-byte message: the reference's own floor")
            }
            report.add("jcs.sign_ratio_vs_python", ours.signPerSecond / sign, "×", note: "ours ÷ Python's")
            report.add("jcs.verify_ratio_vs_python", ours.verifyPerSecond / verify, "×", note: "ours ÷ Python's; target ≥ 3")
            report.remark("both sides produced the same proofValue \(proofValue.prefix(16))…")
        } catch {
            report.notMeasured("jcs.verify_ratio_vs_python", "×", reason: "\(error)")
        }
    }

    private func runReference(unsigned: JSONValue, seed: [UInt8], verificationMethod: String, created: String) throws -> JSONValue {
        guard FileManager.default.fileExists(atPath: Self.script) else {
            throw ProcessRunner.Failure(description: "\(Self.script) not found: run attest-bench from the checkout's root")
        }
        try installPackagesIfMissing()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-bench-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("unsigned.json")
        try Data(unsigned.serialized().utf8).write(to: input)
        let seedHex = Hex.encode(seed)
        let iterations = quick ? 300 : 1_000
        let result = try ProcessRunner.run(
            "/usr/bin/env", ["python3", Self.script, input.path, seedHex, verificationMethod, created, String(iterations), String(runs)],
            timeout: 600)
        guard result.status == 0 else {
            throw ProcessRunner.Failure(description: "the reference failed: \(result.errorOutput.suffix(300))")
        }
        return try JSONValue.parse(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `python3 -m pip install pynacl rfc8785 base58`, only for what cannot be imported.
    private func installPackagesIfMissing() throws {
        for (module, package) in [("nacl", "pynacl"), ("rfc8785", "rfc8785"), ("base58", "base58")] {
            let probe = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import \(module)"], timeout: 60)
            guard probe.status != 0 else { continue }
            let install = try ProcessRunner.run("/usr/bin/env", ["python3", "-m", "pip", "install", "-q", package], timeout: 300)
            guard install.status == 0 else {
                throw ProcessRunner.Failure(description: "pip could not install \(package): \(install.errorOutput.suffix(300))")
            }
        }
    }
}
