import CanonicalJSON
import Foundation
import TestSupport
import LinkedData
import Testing

/// FIPS 180-4 example digests (NIST CSRC "Example Algorithms"), plus the block-boundary
/// lengths where padding changes shape.
@Suite("Pure-Swift SHA-256 and SHA-384")
struct HashAlgorithmTests {
    @Test("FIPS 180-4 examples")
    func fipsExamples() {
        #expect(HashAlgorithm.sha256.hexHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(HashAlgorithm.sha256.hexHash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            HashAlgorithm.sha256.hexHash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            HashAlgorithm.sha384.hexHash("abc")
                == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        #expect(
            HashAlgorithm.sha384.hexHash("")
                == "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")
        #expect(
            HashAlgorithm.sha384.hexHash(
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                == "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039")
    }

    @Test("one million 'a' (SHA-256)")
    func millionA() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Hex.encode(HashAlgorithm.sha256.hash(bytes)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("agrees with sha256sum and sha384sum at every length around the block boundaries")
    func padding() throws {
        for length in [55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129] {
            let text = String(repeating: "x", count: length)
            #expect(HashAlgorithm.sha256.hexHash(text) == (try ExternalHash.run("sha256sum", text)))
            #expect(HashAlgorithm.sha384.hexHash(text) == (try ExternalHash.run("sha384sum", text)))
        }
    }
}

/// The coreutils digest tools, an implementation independent of ours.
enum ExternalHash {
    static func run(_ tool: String, _ text: String) throws -> String {
        let process = Subprocess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
