import Foundation
import HTTPTypes
import IssuerCore
import Testing

@testable import IssuerServer

/// Every issuer error code reaches clients with the status and wire `code` they have always seen.
///
/// The table is the contract (Spec/openapi.yaml's 4xx/5xx responses and the codes clients
/// compare), written out here by hand rather than derived from `Problem.status(for:)`, so a change
/// of a status or a spelling fails this test.
@Suite struct ProblemMappingTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let code: IssuerError.Code
        let wire: String
        let status: HTTPResponse.Status
        var testDescription: String { "\(wire) → \(status.code)" }
    }

    static let contract: [Row] = [
        Row(code: .notFound, wire: "notFound", status: .notFound),
        Row(code: .duplicate, wire: "duplicate", status: .conflict),
        Row(code: .invalidState, wire: "invalidState", status: .conflict),
        Row(code: .alreadyInitialized, wire: "alreadyInitialized", status: .conflict),
        Row(code: .duplicateKey, wire: "duplicateKey", status: .conflict),
        Row(code: .staleProgram, wire: "staleProgram", status: .conflict),
        Row(code: .activeKey, wire: "activeKey", status: .conflict),
        Row(code: .invalidRequest, wire: "invalidRequest", status: .badRequest),
        Row(code: .invalidEvent, wire: "invalidEvent", status: .unprocessableContent),
        Row(code: .unknownProgram, wire: "unknownProgram", status: .unprocessableContent),
        Row(code: .invalidProgram, wire: "invalidProgram", status: .unprocessableContent),
        Row(code: .invalidCSV, wire: "invalidCSV", status: .unprocessableContent),
        Row(code: .invalidBaseURL, wire: "invalidBaseURL", status: .unprocessableContent),
        Row(code: .passcodeMismatch, wire: "passcodeMismatch", status: .unprocessableContent),
        Row(code: .statusListFull, wire: "statusListFull", status: .serviceUnavailable),
        Row(code: .noSigningKey, wire: "noSigningKey", status: .serviceUnavailable),
        Row(code: .keyUnavailable, wire: "keyUnavailable", status: .serviceUnavailable),
        Row(code: .notInitialized, wire: "notInitialized", status: .serviceUnavailable),
        Row(code: .documentsUnavailable, wire: "documentsUnavailable", status: .serviceUnavailable),
        Row(code: .storeUnavailable, wire: "storeUnavailable", status: .serviceUnavailable),
        Row(code: .invalidConfiguration, wire: "invalidConfiguration", status: .internalServerError),
        Row(code: .invalidCredential, wire: "invalidCredential", status: .internalServerError),
        Row(code: .invalidAuditHead, wire: "invalidAuditHead", status: .internalServerError),
        Row(code: .inconsistentStore, wire: "inconsistentStore", status: .internalServerError),
        Row(code: .unprintableCredential, wire: "unprintableCredential", status: .internalServerError),
        Row(code: .secretUnsealable, wire: "secretUnsealable", status: .internalServerError),
        Row(code: .invalidPresentation, wire: "invalidPresentation", status: .badRequest),
        Row(code: .challengeUsed, wire: "challengeUsed", status: .conflict),
        Row(code: .exchangeExpired, wire: "exchangeExpired", status: .gone),
    ]

    @Test(arguments: contract)
    func eachCodeHasItsStatusAndWireCode(_ row: Row) throws {
        let problem = Problem(IssuerError(row.code, "what happened"))
        #expect(problem.status == row.status)
        #expect(problem.code.description == row.wire)
        #expect("\(row.code)" == row.wire)
        let body = try #require(try JSONSerialization.jsonObject(with: problem.json) as? [String: Any])
        #expect(body["code"] as? String == row.wire)
        #expect(body["status"] as? Int == row.status.code)
        #expect(body["type"] as? String == "https://attest.dev/problems/\(row.wire)")
        #expect(body["detail"] as? String == (row.code == .storeUnavailable ? Self.databaseDetail : "what happened"))
    }

    /// A database failure tells the client to come back, never SQLite's message or the file's path.
    static let databaseDetail = "the database is not available; try again shortly"

    @Test func aDatabaseFailureSaysNothingOfTheDatabase() {
        let problem = Problem(IssuerError(.storeUnavailable, "cannot open the database /srv/attest/attest.sqlite: disk I/O error"))
        #expect(problem.detail == Self.databaseDetail)
        #expect(!String(decoding: problem.json, as: UTF8.self).contains("/srv/attest"))
    }

    /// A code added to ``IssuerError/Code`` without a row here (and so without a decided status) fails.
    @Test func theContractNamesEveryCodeOnce() {
        let kinds = Self.contract.map(\.code.kind)
        #expect(Set(kinds) == Set(IssuerError.Code.Kind.allCases))
        #expect(kinds.count == IssuerError.Code.Kind.allCases.count)
    }
}
