import Foundation
import Testing
import VerifiableCredentials

@Suite("DateTimeStamp (XML Schema 1.1 dateTimeStamp)")
struct DateTimeStampTests {
    /// Seconds since 1970 for each accepted form, worked out by hand (`date -u -d … +%s` agrees).
    @Test(
        "accepted forms give the right instant",
        arguments: [
            ("2026-01-15T08:30:00Z", 1_768_465_800.0),
            ("1970-01-01T00:00:00Z", 0),
            ("2023-02-26T01:02:58.447Z", 1_677_373_378.447),
            ("2023-02-25T19:10:39-06:00", 1_677_373_839),
            ("2023-02-26T01:10:39+00:00", 1_677_373_839),
            ("2023-02-26T06:40:39+05:30", 1_677_373_839),
            ("2024-02-29T12:00:00Z", 1_709_208_000),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("2023-12-31T24:00:00Z", 1_704_067_200),
            ("1969-12-31T23:59:59Z", -1),
            ("2023-02-26T01:02:58.1234567890Z", 1_677_373_378.123_456_789),
            ("2023-01-01T00:00:00+14:00", 1_672_480_800),
            ("2023-01-01T00:00:00-14:00", 1_672_581_600),
        ])
    func accepted(text: String, secondsSince1970: Double) throws {
        let date = try #require(DateTimeStamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - secondsSince1970) < 0.000_5)
    }

    @Test("a far-future year with more than four digits, as the suite's far-future case uses")
    func farFuture() throws {
        let year4023 = try #require(DateTimeStamp.parse("4023-02-26T01:02:58.447Z"))
        let year12023 = try #require(DateTimeStamp.parse("12023-02-26T01:02:58Z"))
        #expect(year12023 > year4023)
        #expect(DateTimeStamp.parse("999999999-12-31T23:59:59Z") != nil)
        #expect(DateTimeStamp.format(year12023) == "12023-02-26T01:02:58Z")
    }

    @Test(
        "rejected forms",
        arguments: [
            "2023-02-26T01:02:58",  // no time zone: a dateTime, not a dateTimeStamp
            "2023-02-26T01:02:58.447",  // fractional seconds, still no time zone
            "2023-02-26",  // a date
            "2023-02-26 01:02:58Z",  // space instead of T
            "2023-02-26t01:02:58z",  // lowercase designators
            "2023-13-01T00:00:00Z",  // month 13
            "2023-00-10T00:00:00Z",  // month 0
            "2023-02-29T00:00:00Z",  // not a leap year
            "1900-02-29T00:00:00Z",  // century, not a leap year
            "2023-04-31T00:00:00Z",  // April has 30 days
            "2023-01-00T00:00:00Z",  // day 0
            "2023-01-01T25:00:00Z",  // hour 25
            "2023-01-01T24:00:01Z",  // only 24:00:00 is allowed at 24
            "2023-01-01T12:60:00Z",  // minute 60
            "2023-01-01T12:00:60Z",  // no leap seconds in XML Schema
            "2023-01-01T12:00:00.Z",  // a dot without digits
            "2023-01-01T12:00:00+14:01",  // offset beyond ±14:00
            "2023-01-01T12:00:00+0600",  // offset without colon
            "2023-01-01T12:00:00+06",  // offset without minutes
            "2023-01-01T12:00Z",  // no seconds
            "23-01-01T12:00:00Z",  // two-digit year
            "02023-01-01T12:00:00Z",  // leading zero on a five-digit year
            "-0000-01-01T00:00:00Z",  // negative zero year
            "1000000000-01-01T00:00:00Z",  // ten-digit year, beyond what parse promises
            "Sat 25 Feb 2023 07:16:31 PM CST",  // from credential-validfrom-invalid-fail
            "Sun, 26 Feb 2023 01:22:14 +0000",  // from credential-validuntil-invalid-fail
            "2023-01-01T12:00:00Z ",  // trailing space
            "",
        ])
    func rejected(text: String) {
        #expect(DateTimeStamp.parse(text) == nil)
    }

    @Test("format writes UTC with Z and whole seconds, cutting fractions")
    func format() throws {
        #expect(DateTimeStamp.format(Date(timeIntervalSince1970: 1_768_465_800.999)) == "2026-01-15T08:30:00Z")
        #expect(DateTimeStamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(DateTimeStamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(DateTimeStamp.format(try #require(DateTimeStamp.parse("2023-02-25T19:10:39-06:00"))) == "2023-02-26T01:10:39Z")
        #expect(DateTimeStamp.format(try #require(DateTimeStamp.parse("0001-01-01T00:00:00Z"))) == "0001-01-01T00:00:00Z")
    }

    @Test("format never traps, even on an infinite or NaN interval")
    func formatExtremes() {
        #expect(DateTimeStamp.format(Date(timeIntervalSince1970: .infinity)) == "999999999-12-31T23:59:56Z")
        #expect(DateTimeStamp.format(Date(timeIntervalSince1970: -.infinity)) == "-999999999-01-01T00:00:00Z")
        #expect(DateTimeStamp.format(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
    }

    @Test("format and parse round-trip across leap days, centuries and eras")
    func roundTrip() throws {
        let texts = [
            "2024-02-29T23:59:59Z", "2100-03-01T00:00:00Z", "1600-02-29T00:00:00Z", "0000-03-01T00:00:00Z",
            "-0001-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2038-01-19T03:14:08Z",
        ]
        for text in texts {
            let date = try #require(DateTimeStamp.parse(text), "\(text)")
            #expect(DateTimeStamp.format(date) == text)
        }
    }

    @Test("every day of every month from 1999 to 2005 round-trips, matching Foundation's Gregorian calendar")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = try #require(calendar.date(from: DateComponents(year: 1999, month: 1, day: 1)))
        let end = try #require(calendar.date(from: DateComponents(year: 2005, month: 12, day: 31)))
        while day <= end {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let text = String(format: "%04d-%02d-%02dT00:00:00Z", parts.year!, parts.month!, parts.day!)
            #expect(DateTimeStamp.parse(text) == day, "\(text)")
            #expect(DateTimeStamp.format(day) == text)
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
    }
}
