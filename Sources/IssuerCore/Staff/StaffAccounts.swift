import CanonicalJSON
import Foundation

/// Adding, listing and disabling staff accounts, and the console's settings; the CLI, the admin
/// API and the console's Settings page all come here, so they accept exactly the same things.
/// Every change is audited under `actor`.
public struct StaffAccounts: Sendable {
    /// Store, clock, randomness and keys.
    public let environment: IssuerEnvironment
    /// Who makes the changes (`cli`, `api:NAME`, `staff:ID:EMAIL`).
    public let actor: String

    /// Accounts changed by `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// A new member; refuses an implausible address, an empty name, or an address already taken.
    public func add(email: String, name: String, role: StaffRole) async throws -> StaffMember {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard StaffMember.isPlausibleEmail(email) else {
            throw IssuerError(.invalidRequest, "email must be an email address (not \"\(email.prefix(80))\")")
        }
        guard !name.isEmpty, name.count <= 200, !name.contains(where: { $0.isNewline }) else {
            throw IssuerError(.invalidRequest, "name must be 1–200 characters on one line")
        }
        let member = StaffMember(
            id: "staff-" + environment.random.identifier(length: 12).lowercased(), email: email, name: name, role: role,
            createdAt: environment.now())
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in
            if try transaction.staffMember(email: email) != nil {
                throw IssuerError(.duplicate, "a member of staff with the address \(email) exists")
            }
            try transaction.saveStaffMember(member)
            try recorder.record(
                "staff.added", subject: member.id, data: ["email": .string(email), "name": .string(name), "role": .string(role.rawValue)],
                in: transaction)
        }
        return member
    }

    /// Every member, by address.
    public func list() async throws -> [StaffMember] {
        try await environment.store.read { try $0.staffMembers() }
    }

    /// Disables the member with `email` and ends their sessions at once; disabling a disabled
    /// member changes nothing and is not an error.
    @discardableResult
    public func disable(email: String) async throws -> StaffMember {
        let recorder = try await environment.auditRecorder(actor: actor)
        let now = environment.now()
        return try await environment.store.write { transaction in
            guard var member = try transaction.staffMember(email: email.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw IssuerError(.notFound, "no member of staff has the address \(email)")
            }
            guard member.disabledAt == nil else { return member }
            member.disabledAt = now
            try transaction.saveStaffMember(member)
            let ended = try transaction.endStaffSessions(staffID: member.id, at: now)
            try recorder.record(
                "staff.disabled", subject: member.id, data: ["email": .string(member.email), "sessionsEnded": .number(Double(ended))],
                in: transaction)
            return member
        }
    }

    /// Requires (or stops requiring) a second factor of everyone at sign-in.
    public func requireSecondFactor(_ required: Bool) async throws {
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in
            var settings = try transaction.staffSettings()
            guard settings.requireSecondFactor != required else { return }
            settings.requireSecondFactor = required
            try transaction.saveStaffSettings(settings)
            try recorder.record(
                "staff.settings.changed", subject: "console", data: ["requireSecondFactor": .bool(required)], in: transaction)
        }
    }

    /// Appends an audit entry for a console action that no other service records (`kind`, about `subject`).
    public func record(_ kind: String, subject: String, data: JSONValue = [:]) async throws {
        let recorder = try await environment.auditRecorder(actor: actor)
        try await environment.store.write { transaction in try recorder.record(kind, subject: subject, data: data, in: transaction) }
    }
}

extension StaffMember {
    /// One `@` with something on both sides, a dot in the domain, no spaces, quotes or brackets, at most 254 bytes.
    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.utf8.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !email.contains(where: { $0.isWhitespace || $0.isNewline || "<>\"(),;:\\[]".contains($0) })
            && email.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }
}
