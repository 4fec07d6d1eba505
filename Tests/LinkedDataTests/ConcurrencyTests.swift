import CanonicalJSON
import LinkedData
import Testing

@Suite("Shared caches under concurrency")
struct ConcurrencyTests {
    @Test("many tasks canonicalize the same credentials at once and agree")
    func concurrentCanonicalization() async throws {
        let documents = [
            try Fixtures.json("w3c-vc-di-eddsa/unsigned.json"), try Fixtures.json("w3c-vc-di-eddsa/employmentAuth.json"),
            try #require(try Fixtures.json("1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json")["unsignedCredential"]),
        ]
        let expected = [
            try Fixtures.text("w3c-vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt"),
            try Fixtures.text("w3c-vc-di-eddsa/eddsa-rdfc-2022/employ/canonDocDataInt.txt"),
            try Fixtures.text("1edtech-openbadges-v3p0/document-canon.txt"),
        ]
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for task in 0..<48 {
                let index = task % documents.count
                let document = documents[index]
                group.addTask { (index, try JSONLDProcessor().canonicalNQuads(document)) }
            }
            var collected: [(Int, String)] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 48)
        for (index, nquads) in results { #expect(nquads == expected[index]) }
    }
}
