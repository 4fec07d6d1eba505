import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

extension IssuancePipeline {
    /// Builds, signs, renders and stores a pending credential, then queues its email and webhook.
    /// Does nothing for a credential that is no longer pending. Safe to repeat after a crash: the
    /// document is a function of the stored record, and the final write checks it is still pending.
    @discardableResult
    public func finish(credentialID: String) async throws -> CredentialRecord {
        let inputs = try await environment.store.read { reading -> FinishInputs? in
            guard let record = try reading.credential(id: credentialID) else {
                throw IssuerError(.notFound, "there is no credential \(credentialID)")
            }
            guard record.state == .pending else { return nil }
            guard let issuer = try reading.issuer(), let program = try reading.program(id: record.programID),
                let learner = try reading.learner(id: record.learnerID), let completion = try reading.completion(id: record.completionID)
            else { throw IssuerError(.inconsistentStore, "credential \(credentialID) refers to records that do not exist") }
            return FinishInputs(record: record, issuer: issuer, program: program, learner: learner, completion: completion.event)
        }
        guard let inputs else {
            return try await environment.store.read { try $0.credential(id: credentialID)! }
        }
        let signingKey = try await environment.activeSigningKey()
        let unsigned = CredentialBuilder(issuer: inputs.issuer).credential(
            for: inputs.record, program: inputs.program, learner: inputs.learner, completion: inputs.completion)
        let signed = try DataIntegrity().addProof(
            to: unsigned, suite: EdDSARDFC2022(),
            options: .init(verificationMethod: "\(inputs.issuer.did)#\(signingKey.record.id)", created: inputs.record.issuedAt),
            key: signingKey.key
        ).proofAsArray()
        let credentialBytes = Array(signed.serialized(pretty: true).utf8)
        let passcode = SignedCredentialView(signedCredential: signed).passcode
        let documents = try await environment.documents?.documents(
            signedCredential: signed, credentialBytes: credentialBytes, program: inputs.program, passcode: passcode)

        let recorder = AuditRecorder(keyID: signingKey.record.id, key: signingKey.key, actor: actor, at: environment.now())
        let random = environment.random
        return try await environment.store.write { transaction in
            guard var record = try transaction.credential(id: credentialID), record.state == .pending else {
                return try transaction.credential(id: credentialID)!
            }
            record.state = .active
            record.credentialJSON = Data(credentialBytes)
            record.passcode = passcode
            record.pdf = documents.map { Data($0.pdf) }
            record.png = documents?.png.map { Data($0) }
            try transaction.updateCredential(record)
            if let supersededID = record.supersedes, var superseded = try transaction.credential(id: supersededID) {
                superseded.supersededBy = record.id
                try transaction.updateCredential(superseded)
            }
            let digest = Hex.encode(SHA256.hash(credentialBytes))
            try recorder.record(
                "credential.issued", subject: record.id,
                data: [
                    "learner": .string(record.learnerID), "program": .string(record.programID), "key": .string(signingKey.record.id),
                    "sha256": .string(digest),
                ], in: transaction)
            for (channel, recipient) in [(OutboxChannel.email, Optional(inputs.learner.email)), (.webhook, nil)] {
                try transaction.saveOutboxMessage(
                    OutboxMessage(
                        id: "out-" + random.identifier(length: 12), channel: channel,
                        event: record.supersedes == nil ? .credentialIssued : .credentialReissued,
                        subjectID: record.id, recipient: recipient, createdAt: recorder.at))
            }
            // Supervisors hear of a new credential once; a reissue (a corrected name) is not news to them.
            if record.supersedes == nil {
                for supervisor in inputs.program.supervisorEmails ?? [] {
                    try transaction.saveOutboxMessage(
                        OutboxMessage(
                            id: "out-" + random.identifier(length: 12), channel: .email, event: Self.supervisorEvent, subjectID: record.id,
                            recipient: supervisor, createdAt: recorder.at))
                }
            }
            try SchedulePlanner.planAfterIssuance(of: record, program: inputs.program, random: random, now: recorder.at, in: transaction)
            return record
        }
    }

    /// The outbox event of a supervisor's notice (channel `email`, recipient the supervisor).
    public static let supervisorEvent = OutboxEvent.credentialIssuedSupervisor

    /// Finishes every pending credential (after a crash, or after a bulk intake), `parallelism` at
    /// a time; returns how many were finished.
    @discardableResult
    public func finishPending(parallelism: Int = 2, progress: @escaping @Sendable () -> Void = {}) async throws -> Int {
        let pending = try await environment.store.read {
            try $0.credentialSummaries(filter: CredentialFilter(states: [.pending])).map(\.id)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var iterator = pending.makeIterator()
            for _ in 0..<max(1, parallelism) {
                guard let id = iterator.next() else { break }
                group.addTask { try await finish(credentialID: id) }
            }
            while try await group.next() != nil {
                progress()
                if let id = iterator.next() { group.addTask { try await finish(credentialID: id) } }
            }
        }
        return pending.count
    }
}

private struct FinishInputs: Sendable {
    let record: CredentialRecord
    let issuer: IssuerProfile
    let program: Program
    let learner: Learner
    let completion: CompletionEvent
}
