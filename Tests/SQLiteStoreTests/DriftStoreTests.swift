import Foundation
import IssuerCore
import Testing

/// Program settings and kept (parked) events read back the same from every store; each store
/// refuses a second kept event for the same (source, event id), settings for a program that does
/// not exist, and deletes a kept event once (issue 19 point 3).
@Suite("Drift store")
struct DriftStoreTests {
    @Test(arguments: StoreKind.allCases)
    func programSettingsRoundTrip(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        let disabled = ProgramSettings(programID: "working-at-height", enabled: false, updatedAt: Samples.date(5), updatedBy: "api:admin")
        try await store.write { (transaction: any IssuerTransaction) throws in
            try Samples.seed(in: transaction)
            #expect(try transaction.isProgramEnabled(id: "working-at-height"))
            try transaction.saveProgramSettings(disabled)
        }
        try await store.read { (reading: any IssuerReading) throws in
            #expect(try reading.programSettings(id: "working-at-height") == disabled)
            #expect(try reading.allProgramSettings() == [disabled])
            #expect(try reading.isProgramEnabled(id: "working-at-height") == false)
            #expect(try reading.programSettings(id: "other") == nil)
        }
        var enabled = disabled
        enabled.enabled = true
        enabled.updatedAt = Samples.date(6)
        enabled.updatedBy = "cli"
        let reenabled = enabled
        try await store.write { try $0.saveProgramSettings(reenabled) }
        #expect(try await store.read { try $0.programSettings(id: "working-at-height") } == reenabled)
        let orphan = ProgramSettings(programID: "no-such-program", enabled: false, updatedAt: Samples.date(7), updatedBy: "cli")
        await #expect(throws: IssuerError.self) { try await store.write { try $0.saveProgramSettings(orphan) } }
    }

    @Test(arguments: StoreKind.allCases)
    func keptEventsRoundTripAndAreDeletedOnce(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        var courseOnly = Samples.event("e-1", program: "")
        courseOnly.course = "moodle:42"
        let unmapped = ParkedEvent(
            id: "prk-1", event: courseOnly, namespace: .apiKey(named: "moodle"), actor: "api:moodle", state: .unmapped,
            reason: "no program maps course moodle:42", receivedAt: Samples.date(20))
        let disabled = ParkedEvent(
            id: "prk-2", event: Samples.event("e-2", learner: 2), namespace: .local, actor: "cli", state: .disabled,
            reason: "program working-at-height is disabled", receivedAt: Samples.date(10))
        try await store.write { (transaction: any IssuerTransaction) throws in
            try Samples.seed(in: transaction)
            try transaction.insertParkedEvent(unmapped)
            try transaction.insertParkedEvent(disabled)
        }
        try await store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEvent(source: "lms", eventID: "e-1") == unmapped)
            #expect(try reading.parkedEvent(source: "lms", eventID: "e-2") == disabled)
            #expect(try reading.parkedEvent(source: "other", eventID: "e-1") == nil)
            #expect(try reading.parkedEvents(state: nil) == [disabled, unmapped])
            #expect(try reading.parkedEvents(state: .unmapped) == [unmapped])
            #expect(try reading.parkedEventCounts() == [ParkedState.unmapped: 1, .disabled: 1])
        }
        var replay = disabled
        replay.id = "prk-3"
        let again = replay
        await #expect(throws: IssuerError.self) { try await store.write { try $0.insertParkedEvent(again) } }
        try await store.write { (transaction: any IssuerTransaction) throws in
            #expect(try transaction.deleteParkedEvent(id: "prk-1"))
            #expect(try transaction.deleteParkedEvent(id: "prk-1") == false)
        }
        try await store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEvents(state: nil) == [disabled])
            #expect(try reading.parkedEventCounts() == [ParkedState.disabled: 1])
        }
    }

    @Test("the error table's states (unknownProgram, invalidLearner) are kept and read back by id", arguments: StoreKind.allCases)
    func errorTableStatesRoundTrip(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        var badAddress = Samples.event("e-3", learner: 3)
        badAddress.learner.email = "ana(at)example.org"
        let invalid = ParkedEvent(
            id: "prk-3", event: badAddress, namespace: .apiKey(named: "moodle"), actor: "api:moodle", state: .invalidLearner,
            reason: "\"ana(at)example.org\" is not a valid email address", receivedAt: Samples.date(30))
        var elsewhere = Samples.event("e-4", learner: 4)
        elsewhere.programID = "first-aid"
        let unknown = ParkedEvent(
            id: "prk-4", event: elsewhere, namespace: .local, actor: "cli", state: .unknownProgram,
            reason: "there is no program first-aid", receivedAt: Samples.date(31))
        try await store.write { (transaction: any IssuerTransaction) throws in
            try Samples.seed(in: transaction)
            try transaction.insertParkedEvent(invalid)
            try transaction.insertParkedEvent(unknown)
        }
        try await store.read { (reading: any IssuerReading) throws in
            #expect(try reading.parkedEvent(id: "prk-3") == invalid)
            #expect(try reading.parkedEvent(id: "prk-4") == unknown)
            #expect(try reading.parkedEvent(id: "prk-5") == nil)
            #expect(try reading.parkedEvents(state: .invalidLearner) == [invalid])
            #expect(try reading.parkedEvents(state: nil, limit: 1) == [invalid])
            #expect(try reading.parkedEvents(state: .unknownProgram, limit: 5) == [unknown])
            #expect(try reading.parkedEventCounts() == [ParkedState.invalidLearner: 1, .unknownProgram: 1])
        }
    }
}
