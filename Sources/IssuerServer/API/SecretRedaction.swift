import Foundation
import IssuerCore

/// What API representations show of values that may carry secrets. A webhook URL can hold its
/// secret in the query, the user part or the path (`hooks.example.com/services/T0/B0/SECRET`), so
/// a reader sees only its scheme, host and port; error texts get the same treatment for every URL
/// in them; a learner-link row from before links were hashed shows no subject.
enum SecretRedaction {
    /// `https://hooks.example.com/…` for any `scheme://…` URL; other text unchanged.
    static func url(_ text: String) -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme, let host = components.host,
            text.contains("://")
        else { return text }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)/…"
    }

    /// `text` with every `scheme://…` word replaced by ``url(_:)``.
    static func urls(in text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: ":,;()<>\"'"))
            guard trimmed.contains("://") else { return String(word) }
            return word.replacingOccurrences(of: trimmed, with: url(trimmed))
        }.joined(separator: " ")
    }

    /// The subject id of an outbox row as readers may see it.
    static func subjectID(_ message: OutboxMessage) -> String {
        if message.event == LearnerLinkToken.outboxEvent, !PublicRoutes.isPlainIdentifier(message.subjectID) { return "redacted" }
        return message.subjectID
    }
}
