import ArgumentParser
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest api-keys rotate ID [--overlap PT24H]`: a new token, printed once; the old one keeps
/// working until the overlap ends, so the system holding it can switch without a gap.
struct APIKeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate", abstract: "Give an API key a new token (shown only this once); the old token works until the overlap ends.",
        discussion: """
            The overlap is an ISO 8601 duration (PT24H, P2D, PT0S for none) or 12h, 2d, 30m; at most 30 days.
            Rotating again during an overlap stops the oldest token at once. The new token is always the last line printed.
            """)

    @OptionGroup var data: DataOptions

    @Argument(help: "The key's id (ak-…), as attest api-keys list shows it.")
    var id: String

    @Option(help: ArgumentHelp("How long the old token keeps working (default PT24H).", valueName: "duration"))
    var overlap: String = "PT24H"

    func validate() throws {
        guard Self.seconds(overlap) != nil else {
            throw ValidationError("--overlap must be a duration of 0 to 30 days, like PT24H, P2D, PT0S, 12h or 2d")
        }
    }

    /// The overlap in seconds: `PT0S`/`0` for none, otherwise what ``APIKeysCommand/expiry(_:from:)`` reads; nil when unreadable or over 30 days.
    static func seconds(_ text: String) -> TimeInterval? {
        if text == "0" || text == "PT0S" || text == "P0D" { return 0 }
        let start = Date(timeIntervalSince1970: 0)
        guard let end = APIKeysCommand.expiry(text, from: start) else { return nil }
        let seconds = end.timeIntervalSince(start)
        return seconds <= APIKeyRecord.maximumRotationOverlap ? seconds : nil
    }

    func run() async throws {
        let context = try await IssuerContext.open(data)
        let token = APIKeyToken.generate()
        let key = try await IssuerAdministration(environment: context.environment, actor: "cli").rotateAPIKey(
            id: id, newTokenHash: APIKeyToken.hash(token), overlap: Self.seconds(overlap) ?? APIKeyRecord.defaultRotationOverlap)
        if let until = key.previousTokenValidUntil {
            print("Rotated API key \(key.id) \"\(key.name)\"; the old token works until \(DateTimeStamp.format(until)).")
        } else {
            print("Rotated API key \(key.id) \"\(key.name)\"; the old token stopped working now.")
        }
        print("The new token is shown only now:")
        print(token)
    }
}

extension APIKeysCommand {
    /// `--expires`: a date (`2027-03-31`, midnight UTC), a UTC time (`2027-03-31T12:00:00Z`) or a
    /// duration as ``expiry(_:from:)`` reads it; `nil` when unreadable or not after `now`.
    static func expiryDate(_ text: String, from now: Date) -> Date? {
        if let relative = expiry(text, from: now) { return relative }
        let date: Date?
        if text.count == 10 {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }), let year = Int(parts[0]),
                let month = Int(parts[1]), let day = Int(parts[2]),
                let made = calendar.date(from: DateComponents(year: year, month: month, day: day)),
                calendar.component(.day, from: made) == day
            else { return nil }
            date = made
        } else {
            date = DateTimeStamp.parse(text)
        }
        guard let date, date > now else { return nil }
        return date
    }
}
