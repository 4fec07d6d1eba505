import Foundation
import Testing
import VerifiableCredentials

/// ``DateTimeStamp/format(_:)`` replaced the `ISO8601DateFormatter`s that webhooks, emails, the CLI
/// and the benchmark used: for the instants Attest writes it must give the very same text.
@Suite("DateTimeStamp.format writes what ISO8601DateFormatter wrote")
struct DateTimeStampFormatAgreementTests {
    @Test("the same text for instants from 1970 to 2199, whole and fractional seconds")
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        var generator = SystemRandomNumberGenerator()
        var instants: [TimeInterval] = [0, 951_782_400, 1_700_000_000, 1_764_806_400.999, 4_102_444_799, 7_258_118_399]
        for _ in 0..<2_000 { instants.append(Double(UInt64.random(in: 0..<7_258_118_400, using: &generator))) }
        for _ in 0..<200 { instants.append(Double(UInt64.random(in: 0..<7_258_118_400, using: &generator)) + 0.25) }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(DateTimeStamp.format(date) == formatter.string(from: date), "at \(instant)")
        }
    }
}
