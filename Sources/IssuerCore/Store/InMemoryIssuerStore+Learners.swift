extension InMemoryTransaction {
    func learners(email: String?, limit: Int) -> [Learner] {
        let matching = state.learners.values.filter { email == nil || $0.email.lowercased() == email!.lowercased() }
        return Array(matching.sorted { $0.id < $1.id }.prefix(max(0, limit)))
    }
}
