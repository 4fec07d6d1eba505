import Testing

@testable import VerifiableCredentials

@Suite("StatusListIndexAllocator")
struct StatusListIndexAllocatorTests {
    @Test("returns free indexes inside the list, and the same ones for the same seed")
    func freeAndDeterministic() throws {
        let allocator = StatusListIndexAllocator()
        var first = StatusListTestSupport.SeededGenerator(seed: 42)
        var second = StatusListTestSupport.SeededGenerator(seed: 42)
        var used = Set<Int>()
        for _ in 0..<1000 {
            let index = try #require(allocator.randomFreeIndex(excluding: used, using: &first))
            #expect((0..<131_072).contains(index))
            #expect(!used.contains(index))
            #expect(allocator.randomFreeIndex(excluding: used, using: &second) == index)
            used.insert(index)
        }
        // Random, not sequential: the 1000 picks are spread over the whole list.
        #expect(used.min()! < 131_072 / 10)
        #expect(used.max()! > 131_072 * 9 / 10)
    }

    @Test("fills a small list completely, then returns nil")
    func fillsUp() throws {
        let allocator = StatusListIndexAllocator(count: 300)
        var generator = StatusListTestSupport.SeededGenerator(seed: 7)
        var used: Set<Int> = [-5, 1_000]  // outside the list: ignored
        for _ in 0..<300 {
            used.insert(try #require(allocator.randomFreeIndex(excluding: used, using: &generator)))
        }
        #expect(used.filter { (0..<300).contains($0) }.count == 300)
        #expect(allocator.randomFreeIndex(excluding: used, using: &generator) == nil)
    }

    @Test("with one index left, finds it")
    func lastOne() {
        let allocator = StatusListIndexAllocator(count: 10_000)
        var generator = StatusListTestSupport.SeededGenerator(seed: 9)
        let used = Set(0..<10_000).subtracting([4_321])
        #expect(allocator.randomFreeIndex(excluding: used, using: &generator) == 4_321)
    }
}
