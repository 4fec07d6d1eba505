import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// The stores the conformance suite runs against: the in-memory reference, SQLite on a real file
/// (the production set-up), and SQLite in memory (what other targets' tests may use).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case inMemory, sqliteFile, sqliteMemory

    var testDescription: String { rawValue }

    /// A new empty store; a file store puts its file in `scratch`, which the calling suite keeps
    /// for the length of the test.
    func makeStore(in scratch: TemporaryDirectory) throws -> any IssuerStore {
        switch self {
        case .inMemory: InMemoryIssuerStore()
        case .sqliteMemory: try SQLiteIssuerStore.inMemory()
        case .sqliteFile: try SQLiteIssuerStore(path: scratch.file("attest.sqlite"))
        }
    }
}

/// A fresh folder under the system's temporary folder, removed with its content when released.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-sqlitestore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// An error thrown by tests to make a transaction roll back.
struct DeliberateFailure: Error, Equatable {}
