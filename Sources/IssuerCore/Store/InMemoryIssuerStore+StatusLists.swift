extension InMemoryTransaction {
    func statusListUsage(purpose: String) -> [StatusListUsage] {
        statusLists(purpose: purpose).map(StatusListUsage.init)
    }

    func incrementStatusListAllocated(id: String) throws {
        guard state.statusLists[id] != nil else { throw StoreError.notFound("status list \(id)") }
        state.statusLists[id]?.allocated += 1
    }
}
