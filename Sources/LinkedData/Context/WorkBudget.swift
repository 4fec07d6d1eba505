/// Counts the steps of one expansion so that hostile input is refused once it has used its
/// allowance. A class so that every part of one run draws on the same budget.
final class WorkBudget {
    private let limit: Int
    private var spent = 0

    init(limit: Int) { self.limit = limit }

    func spend(_ amount: Int = 1) throws(LinkedDataError) {
        spent += amount
        if spent > limit {
            throw LinkedDataError(
                code: .workLimitExceeded,
                reason: "the document needs more than \(limit) processing steps; refused as too expensive")
        }
    }
}
