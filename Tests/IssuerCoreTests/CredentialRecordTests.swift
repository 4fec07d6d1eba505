import Foundation
import IssuerCore
import Testing

/// A record is its summary plus its files: its fields are the summary's, and the summary's file
/// flags always say what the record holds, so `record.summary` equals what a listing returns.
@Suite("CredentialRecord: its summary and its files")
struct CredentialRecordTests {
    static func pending() -> CredentialRecord {
        CredentialRecord(
            id: "c1", learnerID: "l1", programID: "p1", programVersion: 1, completionID: "e1",
            issuedAt: Date(timeIntervalSince1970: 1_700_000_000), validUntil: nil, state: .pending, revocationList: "revocation-1",
            revocationIndex: 7, suspensionList: "suspension-1", suspensionIndex: 9)
    }

    @Test("fields read and write through the summary")
    func fieldsAreTheSummarys() {
        var record = Self.pending()
        record.state = .revoked
        record.stateReason = "withdrawn"
        record.id = "c2"
        #expect(record.summary.state == .revoked)
        #expect(record.summary.stateReason == "withdrawn")
        #expect(record.summary.id == "c2")
        #expect(record.revocationIndex == 7 && record.suspensionIndex == 9)
    }

    @Test("the summary's file flags follow the files, however they are set")
    func flagsFollowTheFiles() {
        var record = Self.pending()
        #expect(!record.isSigned && !record.hasPDF && !record.hasPNG && !record.hasPreview)
        record.credentialJSON = Data("{}".utf8)
        record.pdf = Data("%PDF".utf8)
        #expect(record.summary.isSigned && record.summary.hasPDF && !record.summary.hasPNG)
        #expect(record.hasPreview)
        record.documents = CredentialDocuments(png: Data([0x89]))
        #expect(!record.isSigned && !record.hasPDF && record.hasPNG)
        // A summary carrying flags that the files contradict is corrected on the way in.
        var stale = record.summary
        stale.hasPDF = true
        stale.hasPNG = false
        record.summary = stale
        #expect(!record.hasPDF && record.hasPNG)
        #expect(CredentialRecord(summary: stale).summary.hasPDF == false)
    }

    @Test("a summary's record with files is the record made with them")
    func summaryRoundTrip() {
        let record = CredentialRecord(
            summary: Self.pending().summary, documents: CredentialDocuments(credentialJSON: Data("{}".utf8), pdf: Data("%PDF".utf8)))
        #expect(record.summary.record(credentialJSON: record.credentialJSON, pdf: record.pdf) == record)
        #expect(CredentialRecordSummary(record) == record.summary)
        #expect(record.document(.json) == Data("{}".utf8) && record.document(.png) == nil)
    }
}
