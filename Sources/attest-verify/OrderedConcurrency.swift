/// Runs work on several inputs at once and hands back each result in input order, as soon as it
/// and every result before it are in: a folder of certificates is verified on every core while the
/// report reads exactly as if the files were verified one by one.
enum OrderedConcurrency {
    /// Calls `work` for every index below `count`, at most `width` at a time, and `deliver` for each
    /// result in index order. At most `width * 4` results wait for an earlier, slower one.
    static func forEach<Outcome: Sendable>(
        count: Int, width: Int, work: @escaping @Sendable (Int) async -> Outcome, deliver: (Int, Outcome) -> Void
    ) async {
        let width = max(1, width)
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            var running = 0
            var nextToDeliver = 0
            var finished: [Int: Outcome] = [:]
            func startMore() {
                while next < count, running < width, next - nextToDeliver < width * 4 {
                    let index = next
                    group.addTask { (index, await work(index)) }
                    next += 1
                    running += 1
                }
            }
            startMore()
            while let (index, outcome) = await group.next() {
                running -= 1
                finished[index] = outcome
                while let ready = finished.removeValue(forKey: nextToDeliver) {
                    deliver(nextToDeliver, ready)
                    nextToDeliver += 1
                }
                startMore()
            }
        }
    }
}
