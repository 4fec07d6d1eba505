import CanonicalJSON
import Foundation

/// Bulk reissue after a program is corrected (issue 18: "a course name changed after certificates
/// were already issued — update the field and regenerate"): every **active** credential of the
/// program issued under version `fromVersion` or later, but earlier than the program's current
/// version, is reissued under the current version, one at a time, through the same
/// ``CredentialChanges/reissue(_:newName:reason:allowedStates:)`` a single correction uses: the
/// new credential is emailed (outbox, event `credential.reissued`), the old one says superseded
/// and its verification page links to the new one.
///
/// Safe to repeat and to resume: a reissued credential is `superseded`, so a second run does not
/// find it; a credential whose new version was reserved but never finished (a crash between the
/// two steps) is finished first, never reissued again; and each reissue checks inside its own
/// transaction that the credential is still active. Suspended, revoked and pending credentials
/// are left alone. The run is audited under ``actor`` (`program.reissueStarted`, one
/// `credential.superseded` per credential, `program.reissued` with the totals).
public struct ProgramReissue: Sendable {
    /// The store, clock, keys and document maker.
    public let environment: IssuerEnvironment
    /// Who acts, as the audit chain records it.
    public let actor: String

    /// A bulk reissue by `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// What a run would do, read before anything changes (the count staff confirm).
    public struct Plan: Sendable, Hashable {
        /// The program.
        public var programID: String
        /// The achievement's name at the current version.
        public var programName: String
        /// The lowest version whose credentials are reissued.
        public var fromVersion: Int
        /// The program's current version: what the new credentials carry.
        public var toVersion: Int
        /// The active credentials to reissue, in issuance order.
        public var credentialIDs: [String]
        /// New versions reserved by an earlier run that stopped before finishing them.
        public var unfinishedIDs: [String]

        /// A plan from its parts (what ``ProgramReissue/plan(programID:fromVersion:)`` returns).
        public init(
            programID: String, programName: String, fromVersion: Int, toVersion: Int, credentialIDs: [String], unfinishedIDs: [String]
        ) {
            self.programID = programID
            self.programName = programName
            self.fromVersion = fromVersion
            self.toVersion = toVersion
            self.credentialIDs = credentialIDs
            self.unfinishedIDs = unfinishedIDs
        }

        /// How many credentials a run touches.
        public var total: Int { credentialIDs.count + unfinishedIDs.count }
    }

    /// How far a run has come.
    public struct Progress: Sendable, Hashable {
        /// Credentials handled so far (reissued, finished, skipped or failed).
        public var done: Int
        /// Credentials the run set out to handle.
        public var total: Int

        /// Progress of `done` out of `total`.
        public init(done: Int, total: Int) {
            self.done = done
            self.total = total
        }
    }

    /// An old credential and the one that replaced it.
    public struct Replacement: Sendable, Hashable {
        /// The superseded credential.
        public var oldID: String
        /// Its new version.
        public var newID: String
    }

    /// A credential the run could not reissue, and why.
    public struct Failure: Sendable, Hashable {
        /// The credential.
        public var credentialID: String
        /// What went wrong, for people.
        public var reason: String
    }

    /// What a run did.
    public struct Summary: Sendable, Hashable {
        /// What it set out to do.
        public var plan: Plan
        /// Credentials reissued by this run.
        public var reissued: [Replacement]
        /// New versions an earlier, interrupted run had reserved, finished now.
        public var resumed: [String]
        /// Credentials no longer active when their turn came (reissued, revoked or suspended meanwhile).
        public var skipped: [String]
        /// Credentials that failed; running again retries them.
        public var failed: [Failure]
    }

    /// The plan for `programID` from `fromVersion`: refuses an unknown program and a version that
    /// is not earlier than the current one.
    public func plan(programID: String, fromVersion: Int) async throws -> Plan {
        try await environment.store.read { reading in
            guard let program = try reading.program(id: programID) else {
                throw IssuerError(.unknownProgram, "there is no program \"\(programID)\"")
            }
            guard fromVersion >= 1, fromVersion < program.version else {
                throw IssuerError(
                    .invalidRequest,
                    "program \(programID) is at version \(program.version): the version to reissue from must be between 1 and \(program.version - 1)"
                )
            }
            let range = fromVersion..<program.version
            let active = try reading.credentialSummaries(filter: CredentialFilter(programID: programID, states: [.active]))
                .filter { range.contains($0.programVersion) }.map(\.id)
            let unfinished = try reading.credentialSummaries(filter: CredentialFilter(programID: programID, states: [.pending]))
                .filter { $0.supersedes != nil }.map(\.id)
            return Plan(
                programID: programID, programName: program.achievement.name, fromVersion: fromVersion, toVersion: program.version,
                credentialIDs: active, unfinishedIDs: unfinished)
        }
    }

    /// Reissues what ``plan(programID:fromVersion:)`` lists, calling `progress` after each
    /// credential; `reason`, when given, is kept in each `credential.superseded` audit entry.
    /// Cancelling the task stops the run between two credentials (`CancellationError`).
    public func run(
        programID: String, fromVersion: Int, reason: String? = nil, progress: @Sendable (Progress) async -> Void = { _ in }
    ) async throws -> Summary {
        if let reason { try CompletionValidation.requireText(reason, "reason", maximum: 1000, code: .invalidRequest) }
        let plan = try await plan(programID: programID, fromVersion: fromVersion)
        try await audit(
            "program.reissueStarted", programID: programID,
            data: [
                "fromVersion": .number(Double(plan.fromVersion)), "toVersion": .number(Double(plan.toVersion)),
                "count": .number(Double(plan.credentialIDs.count)), "unfinished": .number(Double(plan.unfinishedIDs.count)),
            ])
        var summary = Summary(plan: plan, reissued: [], resumed: [], skipped: [], failed: [])
        var done = 0
        await progress(Progress(done: done, total: plan.total))
        let pipeline = IssuancePipeline(environment: environment, actor: actor)
        for id in plan.unfinishedIDs {
            try Task.checkCancellation()
            do {
                _ = try await pipeline.finish(credentialID: id)
                summary.resumed.append(id)
            } catch {
                summary.failed.append(Failure(credentialID: id, reason: Self.describe(error)))
            }
            done += 1
            await progress(Progress(done: done, total: plan.total))
        }
        let changes = CredentialChanges(environment: environment, actor: actor)
        let note = reason ?? "program \(programID) corrected (version \(plan.toVersion))"
        for id in plan.credentialIDs {
            // A cancelled run (Ctrl-C, a server shutting down) stops between credentials; running
            // again carries on where it stopped.
            try Task.checkCancellation()
            do {
                let new = try await changes.reissue(id, reason: note, allowedStates: [.active])
                summary.reissued.append(Replacement(oldID: id, newID: new.id))
            } catch let error as IssuerError where error.code == .invalidState {
                summary.skipped.append(id)
            } catch {
                summary.failed.append(Failure(credentialID: id, reason: Self.describe(error)))
            }
            done += 1
            await progress(Progress(done: done, total: plan.total))
        }
        try await audit(
            "program.reissued", programID: programID,
            data: [
                "fromVersion": .number(Double(plan.fromVersion)), "toVersion": .number(Double(plan.toVersion)),
                "reissued": .number(Double(summary.reissued.count)), "resumed": .number(Double(summary.resumed.count)),
                "skipped": .number(Double(summary.skipped.count)), "failed": .number(Double(summary.failed.count)),
            ])
        return summary
    }

    private func audit(_ event: String, programID: String, data: JSONObject) async throws {
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in
            try recorder.record(event, subject: programID, data: .object(data), in: transaction)
        }
    }

    private static func describe(_ error: any Error) -> String {
        (error as? IssuerError)?.reason ?? String(describing: error)
    }
}
