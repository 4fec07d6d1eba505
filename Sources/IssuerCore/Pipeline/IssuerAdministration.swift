import CanonicalJSON
import Foundation
import VerifiableCredentials

/// The issuer's own setup, each change audited: creation, key rotation, programs.
public struct IssuerAdministration: Sendable {
    /// The store, clock and keys it works with.
    public let environment: IssuerEnvironment
    /// Who is acting, as the audit chain records it (`cli`, `api:NAME`).
    public let actor: String

    /// Administration acting as `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// Creates the issuer with its first key; refuses when the store already has an issuer.
    public func initialize(issuer: IssuerProfile, firstKey: SigningKeyRecord) async throws {
        let key = try environment.keys.privateKey(for: firstKey)
        let recorder = AuditRecorder(keyID: firstKey.id, key: key, actor: actor, at: environment.now())
        try await environment.store.write { transaction in
            if let existing = try transaction.issuer() {
                throw IssuerError(.alreadyInitialized, "this data folder already holds the issuer \(existing.name) (\(existing.did))")
            }
            try transaction.saveIssuer(issuer)
            try transaction.saveSigningKey(firstKey)
            try recorder.record(
                "issuer.created", subject: issuer.did, data: ["name": .string(issuer.name), "baseURL": .string(issuer.baseURL)],
                in: transaction)
            try recorder.record(
                "key.created", subject: firstKey.id, data: ["publicKeyMultibase": .string(firstKey.publicKeyMultibase)], in: transaction)
        }
    }

    /// Makes `newKey` the active key and retires the current one, which stays in the DID document.
    /// The rotation entry is signed by the old key, vouching for its successor.
    public func rotateKey(to newKey: SigningKeyRecord) async throws {
        let recorder = try await environment.auditRecorder(actor: actor)
        _ = try environment.keys.privateKey(for: newKey)  // refuse a key that cannot be loaded before retiring the old one
        try await environment.store.write { transaction in
            let keys = try transaction.signingKeys()
            guard !keys.contains(where: { $0.id == newKey.id }) else { throw IssuerError(.duplicateKey, "a key \(newKey.id) exists") }
            for var key in keys where key.retiredAt == nil {
                key.retiredAt = recorder.at
                try transaction.saveSigningKey(key)
            }
            try transaction.saveSigningKey(newKey)
            try recorder.record(
                "key.rotated", subject: newKey.id,
                data: [
                    "publicKeyMultibase": .string(newKey.publicKeyMultibase),
                    "retired": .array(keys.filter { $0.retiredAt == nil }.map { .string($0.id) }),
                ],
                in: transaction)
        }
    }

    /// Adds a program or replaces one (its version must then be higher). Kept events it can now
    /// decide (its courses, or events naming it before it existed) are decided; their outcomes are returned.
    @discardableResult
    public func saveProgram(_ program: Program) async throws -> [IntakeOutcome] {
        try ProgramValidation.validate(program)
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let released = try await environment.store.write { transaction -> [IntakeOutcome] in
            if let existing = try transaction.program(id: program.id) {
                if existing == program { return [] }
                guard program.version > existing.version else {
                    throw IssuerError(
                        .staleProgram, "program \(program.id) is at version \(existing.version); raise \"version\" to change it")
                }
            }
            try Self.refuseCourseConflicts(of: program, in: transaction)
            try transaction.saveProgram(program)
            let definition = (try? JSONEncoder.sorted.encode(program)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            try recorder.record(
                "program.saved", subject: program.id,
                data: ["version": .number(Double(program.version)), "definition": .string(definition)],
                in: transaction)
            return try IssuancePipeline.releaseKeptEvents(
                for: program, rules: CompletionRulesEngine(), random: random, recorder: recorder, in: transaction)
        }
        await finishReleased(released)
        return released
    }
}

extension JSONEncoder {
    /// Keys sorted and dates as ``DateTimeStamp`` writes them: stable output for audits and files.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(DateTimeStamp.format(date))
        }
        return encoder
    }
}
