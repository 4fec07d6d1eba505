import Foundation
import IssuerCore

/// How `attest training` prints outcomes, and how it finds the configuration a module belongs to.
enum TrainingReport {
    /// `ana (lrn-…) in site-electricians: VALID, certificate AbC123 issued`.
    static func line(_ outcome: ComplianceOutcome) -> String {
        let state = outcome.state
        var text = "\(state.learnerID) in \(state.configurationID): \(state.isValid ? "VALID" : "INVALID")"
        if !state.unmet.isEmpty { text += " (" + state.unmet.map { "\($0.id) \($0.state.rawValue)" }.joined(separator: ", ") + ")" }
        switch outcome.action {
        case .none: if let id = outcome.credentialID { text += ", certificate \(id)" }
        case .issued(let id): text += ", certificate \(id) issued"
        case .suspended(let id): text += ", certificate \(id) suspended"
        case .reinstated(let id): text += ", certificate \(id) reinstated"
        case .reissued(let old, let new): text += ", certificate \(new) issued in place of \(old)"
        }
        return text
    }

    /// `given`, or the one configuration that has `module`.
    static func configuration(for module: String?, given: String?, in context: IssuerContext) async throws -> String {
        if let given { return given }
        guard let module else { throw CLIError("name the configuration with --group") }
        let having = try await context.store.read { try $0.trainingConfigurations() }.filter { $0.module(module) != nil }.map(\.id)
        guard having.count == 1 else {
            throw CLIError(
                having.isEmpty
                    ? "no training configuration has a module \(module)"
                    : "module \(module) is in \(having.joined(separator: ", ")); name one with --group")
        }
        return having[0]
    }
}
