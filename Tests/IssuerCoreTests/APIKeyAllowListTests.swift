import Foundation
import Testing

@testable import IssuerCore

/// Issue 18 point 5: the CIDR blocks of an API key's allow-list, parsed strictly and matched
/// against the client address the server sees.
@Suite("API key allow-lists: CIDR blocks, IPv4, IPv6 and IPv4-mapped clients")
struct APIKeyAllowListTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    func key(_ blocks: [String]) throws -> APIKeyRecord {
        APIKeyRecord(
            id: "ak-1", name: "lms", role: .viewer, tokenHash: String(repeating: "a", count: 64), createdAt: Self.now,
            allowedNetworks: try APIKeyRecord.allowList(blocks))
    }

    @Test func ipv4BlocksMatchTheirAddressesOnly() throws {
        let key = try key(["10.0.0.0/8", "192.0.2.7"])
        for inside in ["10.0.0.0", "10.255.255.255", "10.1.2.3", "192.0.2.7"] { #expect(key.allows(clientAddress: inside), "\(inside)") }
        for outside in ["11.0.0.1", "9.255.255.255", "192.0.2.8", "127.0.0.1", "::a00:1", "2001:db8::1"] {
            #expect(!key.allows(clientAddress: outside), "\(outside)")
        }
        #expect(try APIKeyRecord.allowList(["0.0.0.0/0"]).first?.contains(try #require(IPAddress("203.0.113.9"))) == true)
    }

    @Test func ipv6BlocksMatchTheirAddressesOnly() throws {
        let key = try key(["2001:db8::/32", "::1"])
        for inside in ["2001:db8::1", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "::1", "0:0:0:0:0:0:0:1", "2001:DB8::abcd"] {
            #expect(key.allows(clientAddress: inside), "\(inside)")
        }
        for outside in ["2001:db9::1", "::2", "127.0.0.1", "10.0.0.1"] { #expect(!key.allows(clientAddress: outside), "\(outside)") }
    }

    /// A dual-stack socket reports an IPv4 client as `::ffff:a.b.c.d`: IPv4 rules hold for it.
    @Test func anIPv4MappedClientMatchesIPv4Blocks() throws {
        let key = try key(["127.0.0.1/32", "10.0.0.0/8"])
        #expect(key.allows(clientAddress: "::ffff:127.0.0.1"))
        #expect(key.allows(clientAddress: "::ffff:10.20.30.40"))
        #expect(key.allows(clientAddress: "::ffff:a14:1e28"))
        #expect(!key.allows(clientAddress: "::ffff:11.0.0.1"))
        #expect(!key.allows(clientAddress: "::ffff:192.0.2.1"))
    }

    @Test func noListMeansAnywhereAndAnUnknownClientIsRefusedByAList() throws {
        #expect(try key([]).allows(clientAddress: "203.0.113.9"))
        #expect(try key([]).allows(clientAddress: "unknown"))
        #expect(!(try key(["10.0.0.0/8"]).allows(clientAddress: "unknown")))
        #expect(!(try key(["10.0.0.0/8"]).allows(clientAddress: "")))
    }

    @Test(arguments: [
        "10.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "nonsense/8", "10.0.0.0/08", "010.0.0.0/8", "10.0.0/8",
        "10.0.0.0/8/8", "10.0.0.0 /8", "fe80::1%eth0", "fe80::%eth0/64", "::ffff:10.0.0.0/104", "::ffff:10.0.0.0/8", "2001:db8::1/32",
        "1::2::3/64", "12345::/16", "example.org", "10.0.0.0/-1", "10.0.0.0/+8", "１0.0.0.0/8", "10.0.0.0/8,", "*",
    ])
    func badBlocksAreRefusedByName(_ text: String) throws {
        let error = #expect(throws: IssuerError.self) { try APIKeyRecord.allowList([text]) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.reason.contains(String(text.trimmingCharacters(in: .whitespaces).prefix(64))) == true)
    }

    @Test func listsAreDeduplicatedAndCapped() throws {
        #expect(
            try APIKeyRecord.allowList(["10.0.0.0/8", " 10.0.0.0/8 ", "", "192.0.2.1"]).map(\.description) == [
                "10.0.0.0/8", "192.0.2.1/32",
            ])
        let many = (0..<33).map { "192.0.2.\($0)" }
        #expect(throws: IssuerError.self) { try APIKeyRecord.allowList(many) }
        #expect(try APIKeyRecord.allowList(Array(many.prefix(32))).count == 32)
    }

    @Test func theStoredTextReadsBackAndAnUnreadableBlockIsAStoreError() throws {
        let blocks = try APIKeyRecord.allowList(["10.0.0.0/8", "2001:db8::/32"])
        let text = try #require(APIKeyRecord.allowListText(blocks))
        #expect(try APIKeyRecord.allowList(storedText: text, keyID: "ak-1") == blocks)
        #expect(APIKeyRecord.allowListText([]) == nil)
        #expect(try APIKeyRecord.allowList(storedText: nil, keyID: "ak-1").isEmpty)
        #expect(throws: IssuerError.self) { try APIKeyRecord.allowList(storedText: "10.0.0.1/8", keyID: "ak-1") }
    }

    @Test func rotationKeepsTheOldTokenForTheOverlapOnly() throws {
        let old = try key([])
        let rotated = old.rotated(to: String(repeating: "b", count: 64), at: Self.now, overlap: 3_600)
        #expect(rotated.tokenHash == String(repeating: "b", count: 64))
        #expect(rotated.previousTokenHash == old.tokenHash)
        #expect(rotated.acceptsPreviousToken(at: Self.now.addingTimeInterval(3_599)))
        #expect(!rotated.acceptsPreviousToken(at: Self.now.addingTimeInterval(3_600)))
        let again = rotated.rotated(to: String(repeating: "c", count: 64), at: Self.now, overlap: 0)
        #expect(again.previousTokenHash == nil && !again.acceptsPreviousToken(at: Self.now))
        #expect(throws: IssuerError.self) { try APIKeyRecord.checkRotationOverlap(-1) }
        #expect(throws: IssuerError.self) { try APIKeyRecord.checkRotationOverlap(APIKeyRecord.maximumRotationOverlap + 1) }
    }
}
