import Testing

@testable import VerifiableCredentials

/// Damaged and random input must be refused with an error: never a crash, a hang or wrong data.
@Suite("gzip and DEFLATE on damaged and random input")
struct GzipRobustnessTests {
    @Test("single-byte damage anywhere in a gzip stream is refused or harmless", arguments: [11 as UInt64, 12])
    func mutatedBytes(seed: UInt64) {
        let original = StatusListTestSupport.text(20_000, seed: seed)
        let compressed = Gzip.compress(original)
        var generator = StatusListTestSupport.SeededGenerator(seed: seed)
        var refused = 0
        for _ in 0..<500 {
            var damaged = compressed
            let position = Int.random(in: 0..<damaged.count, using: &generator)
            damaged[position] ^= UInt8.random(in: 1...255, using: &generator)
            do {
                let output = try Gzip.decompress(damaged, maximumBytes: 1 << 20)
                // Only what gzip does not protect may change harmlessly: mtime, XFL, OS, FTEXT.
                #expect(output == original, "damage at \(position) gave different data")
                #expect((4..<10).contains(position) || damaged[3] == 0x01, "damage at \(position) went unnoticed")
            } catch {
                refused += 1
            }
        }
        #expect(refused > 400)
    }

    @Test("random bytes behind a valid gzip header are refused")
    func randomBehindHeader() {
        var generator = StatusListTestSupport.SeededGenerator(seed: 5)
        for _ in 0..<1000 {
            let body = (0..<Int.random(in: 0..<100, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: CredentialError.self) {
                try Gzip.decompress([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + body, maximumBytes: 1 << 16)
            }
        }
    }
}
