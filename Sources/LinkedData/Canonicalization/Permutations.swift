/// All orderings of a list, generated lazily in lexicographic order of positions
/// (the "next permutation" algorithm), so that no more than one is held at a time.
struct Permutations {
    private var elements: [String]
    private var order: [Int]
    private var started = false
    private var finished = false

    init(_ elements: [String]) {
        self.elements = elements
        order = Array(elements.indices)
    }

    mutating func next() -> [String]? {
        if finished { return nil }
        if started {
            guard advance() else { finished = true; return nil }
        }
        started = true
        return order.map { elements[$0] }
    }

    /// Moves `order` to the next permutation; false after the last one.
    private mutating func advance() -> Bool {
        guard order.count > 1 else { return false }
        var pivot = order.count - 2
        while pivot >= 0, order[pivot] >= order[pivot + 1] { pivot -= 1 }
        guard pivot >= 0 else { return false }
        var successor = order.count - 1
        while order[successor] <= order[pivot] { successor -= 1 }
        order.swapAt(pivot, successor)
        order[(pivot + 1)...].reverse()
        return true
    }
}
