import CanonicalJSON
import IssuerCore
import VerifiableCredentials

extension APIRepresentation {
    /// `completion` as ``intake(_:credentialID:)`` gives it, plus `scheduledIssuance`
    /// (`state`: scheduled, done, cancelled or held; `dueAt`) when its program delays issuance.
    static func intake(_ completion: CompletionRecord, credentialID: String?, in reading: any IssuerReading) throws -> JSONValue {
        var object = intake(completion, credentialID: credentialID).objectValue ?? [:]
        if let work = try reading.scheduledWork(subjectID: completion.id).first(where: { $0.kind == .issuance }) {
            object["scheduledIssuance"] = .object([
                "state": .string(work.state.rawValue), "dueAt": .string(DateTimeStamp.format(work.dueAt)),
            ])
        }
        return .object(object)
    }
}
