import Foundation

/// Finding a learner the way staff do: by a piece of their name, email address or id in the LMS,
/// searched through an index and paged by the store.
public protocol LearnerDirectoryReading {
    /// Learners every word of `search` begins a word of (name, preferred name, email, external
    /// id), by certificate name then id, skipping `offset` and at most `limit`; every learner when
    /// the search has no words.
    func learners(matching search: LearnerSearchText, limit: Int, offset: Int) throws -> [Learner]
    /// The outbox rows about `subjectID` (a credential's emails and webhooks), newest first, at most
    /// `limit`: a learner's page shows how each certificate was delivered.
    func outboxMessages(subjectID: String, limit: Int) throws -> [OutboxMessage]
}

/// What staff typed into the learner search, cut into the words the index holds: letters and
/// digits, lower-cased, accents removed, at most ``maximumWords`` words of at most
/// ``maximumWordLength`` characters. `ana.lima@example.org` is `ana lima example org`, so any of
/// those words (or their beginnings) finds her.
public struct LearnerSearchText: Sendable, Hashable {
    /// The most words a search keeps; more are dropped.
    public static let maximumWords = 8
    /// The longest word a search keeps; longer ones are cut.
    public static let maximumWordLength = 64

    /// The words, in the order typed.
    public let words: [String]

    /// The words of `text`.
    public init(_ text: String) {
        words = Self.words(of: text).prefix(Self.maximumWords).map { String($0.prefix(Self.maximumWordLength)) }
    }

    /// Whether nothing searchable was typed.
    public var isEmpty: Bool { words.isEmpty }

    /// Whether `learner` matches: every search word begins one of the learner's words.
    public func matches(_ learner: Learner) -> Bool {
        let fields = [learner.legalName, learner.preferredName ?? "", learner.email, learner.externalID]
        let learnerWords = fields.flatMap(Self.words(of:))
        return words.allSatisfy { word in learnerWords.contains { $0.hasPrefix(word) } }
    }

    /// Letters and digits folded to lower case without accents, split at everything else (the way
    /// SQLite's `unicode61` tokenizer with `remove_diacritics 2` splits and folds).
    public static func words(of text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        return folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
