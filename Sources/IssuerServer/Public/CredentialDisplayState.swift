import Foundation
import IssuerCore

/// What the banner of a verification page says, from the live record and the clock.
enum CredentialDisplayState: String, Sendable {
    case valid, revoked, suspended, expired, superseded, invalid

    /// The live state: a permanent change wins over a temporary one, and any of them over expiry.
    init(record: CredentialRecord, now: Date) {
        switch record.state {
        case .revoked: self = .revoked
        case .superseded: self = .superseded
        case .suspended: self = .suspended
        case .active, .pending:
            if let validUntil = record.validUntil, validUntil <= now { self = .expired } else { self = .valid }
        }
    }

    var banner: String { rawValue.uppercased() }

    var explanation: String {
        switch self {
        case .valid: "This certificate is genuine and currently valid."
        case .revoked: "The issuer has revoked this certificate. It is no longer valid."
        case .suspended: "The issuer has suspended this certificate. It is not valid while suspended."
        case .expired: "This certificate was genuine but its validity period has ended."
        case .superseded: "This certificate was replaced by a newer version. The old version is no longer valid."
        case .invalid: "This document could not be verified as a certificate of this issuer."
        }
    }
}
