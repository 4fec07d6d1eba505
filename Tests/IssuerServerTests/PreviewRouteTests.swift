import Foundation
import HummingbirdTesting
import IssuerCore
import Testing

/// `/c/{id}.png`: issuance stores no preview; the first request draws and stores it, later ones serve the stored bytes.
@Suite struct PreviewRouteTests {
    @Test func firstRequestDrawsAndStoresThePreviewTheSecondServesIt() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let record = try await fixture.issue()
        #expect(record.png == nil)
        #expect(record.pdf != nil)
        try await fixture.test { client in
            let page = try await client.execute(uri: "/c/\(record.id)", method: .get, headers: [.accept: "text/html"])
            #expect(page.text.contains(#"src="/c/\#(record.id).png""#))

            let first = try await client.execute(uri: "/c/\(record.id).png", method: .get)
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "image/png")
            let drawn = Data(first.body.readableBytesView)
            #expect(drawn.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            let stored = try await fixture.store.read { try $0.credential(id: record.id) }
            #expect(stored?.png == drawn)

            // Swap the stored preview for other bytes: the second request must serve them, not draw again.
            let marker = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7])
            try await fixture.store.write { transaction in
                var changed = try #require(try transaction.credential(id: record.id))
                changed.png = marker
                try transaction.updateCredential(changed)
            }
            let second = try await client.execute(uri: "/c/\(record.id).png", method: .get)
            #expect(Data(second.body.readableBytesView) == marker)
        }
    }

    @Test func withoutDocumentsThePreviewIsNotFound() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let record = try await fixture.issue()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/c/\(record.id).png", method: .get)
            #expect(response.status == .notFound)
        }
    }
}
