import IssuerCore

extension ServerFixture {
    /// Stores the fixture's program with `statusPurpose` suspension, so credentials issued from now
    /// on carry a suspension entry and can be suspended (Open Badges 3.0 allows one status entry).
    func makeProgramSuspendable() async throws {
        var program = Self.program
        program.statusPurpose = .suspension
        let suspendable = program
        try await store.write { try $0.saveProgram(suspendable) }
    }
}
