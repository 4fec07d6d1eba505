import Foundation
import Testing
import VerifiableCredentials

/// The nine-digit form the issuer's store writes: fixed width, exact round trip, strict reading.
@Suite("DateTimeStamp nanosecond form (the store's timestamps)")
struct DateTimeStampNanosecondTests {
    @Test("known instants give known text (worked out with `date -u -d @SECONDS`)")
    func knownText() {
        #expect(DateTimeStamp.formatNanoseconds(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000000Z")
        #expect(DateTimeStamp.formatNanoseconds(Date(timeIntervalSince1970: 1_768_465_800.5)) == "2026-01-15T08:30:00.500000000Z")
        #expect(DateTimeStamp.formatNanoseconds(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000000000Z")
    }

    /// Within about 194 days (2^24 s) of 2001-01-01 a `Date`'s Double is finer than a nanosecond, so
    /// those few months round to the nearest nanosecond instead; every later date reads back identical.
    @Test("every Date reads back identical, and text order is time order")
    func exactRoundTripAndOrder() throws {
        var previous: (Date, String)?
        for step in 0..<2_000 {
            // Dates between 1990 and 2100 in increasing order, their fractions of a second spread over
            // [0, 1) by a fixed stride, so every run tests the same instants.
            let fraction = Double(step * 7_919 % 1_000_003) / 1_000_003
            let date = Date(timeIntervalSinceReferenceDate: -350_000_000 + Double(step) * 1_700_000 + fraction)
            let text = DateTimeStamp.formatNanoseconds(date)
            #expect(text.utf8.count == 30, "\(text)")
            let back = try #require(DateTimeStamp.parseNanoseconds(text), "\(text)")
            if abs(date.timeIntervalSinceReferenceDate) >= 16_777_216 {
                #expect(back == date, "\(text)")
            } else {
                #expect(abs(back.timeIntervalSince(date)) <= 0.000_000_001, "\(text)")
            }
            if let (earlier, earlierText) = previous, earlier < date { #expect(earlierText < text) }
            previous = (date, text)
        }
    }

    @Test(
        "anything but the exact form is refused",
        arguments: [
            "2026-01-15T08:30:00Z", "2026-01-15T08:30:00.12345678Z", "2026-01-15T08:30:00.1234567890Z",
            "2026-02-30T08:30:00.000000000Z", "2026-13-01T08:30:00.000000000Z", "2026-01-15T24:00:00.000000000Z",
            "2026-01-15 08:30:00.000000000Z", "2026-01-15T08:30:00.00000000aZ", "2026-01-15T08:30:00.000000000+",
        ])
    func refused(text: String) {
        #expect(DateTimeStamp.parseNanoseconds(text) == nil)
    }
}
