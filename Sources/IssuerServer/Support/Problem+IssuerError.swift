import HTTPTypes
import IssuerCore

extension Problem {
    /// The status of each issuer error code: the caller's mistakes are 4xx, the deployment's 5xx.
    ///
    /// Exhaustive on purpose, with no `default`: a new ``IssuerError/Code`` does not compile until
    /// it is given a status here, so it can never become a 500 by accident.
    static func status(for code: IssuerError.Code) -> HTTPResponse.Status {
        switch code.kind {
        case .notFound:
            .notFound
        case .duplicate, .invalidState, .alreadyInitialized, .duplicateKey, .staleProgram, .activeKey:
            .conflict
        case .invalidEvent, .unknownProgram, .invalidProgram, .invalidCSV, .invalidBaseURL, .passcodeMismatch:
            .unprocessableContent
        case .invalidRequest, .invalidPresentation:
            .badRequest
        case .challengeUsed:
            .conflict
        case .exchangeExpired:
            .gone
        case .statusListFull, .noSigningKey, .keyUnavailable, .notInitialized, .documentsUnavailable, .storeUnavailable:
            .serviceUnavailable
        case .invalidConfiguration, .invalidCredential:
            // Routes that accept configurations or credentials answer these with 422 and 400
            // themselves; anywhere else they are the server's own data going wrong.
            .internalServerError
        case .invalidAuditHead, .inconsistentStore, .unprintableCredential, .secretUnsealable:
            .internalServerError
        }
    }

    /// What the problem tells the client: the error's reason, except for a database failure, whose
    /// reason (SQLite's message, a file path) is none of the client's business.
    static func detail(for error: IssuerError) -> String {
        error.code == .storeUnavailable ? "the database is not available; try again shortly" : error.reason
    }
}
