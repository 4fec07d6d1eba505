/// Why a document could not be fetched: a stable `code` and a `reason` that says what happened.
struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `refusedURL` (scheme, host or form not allowed, checked before any I/O), `refusedRedirect`,
    /// `tooManyRedirects`, `httpStatus`, `timeout`, `tooLarge`, `network`.
    let code: String
    let reason: String

    init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    var description: String { reason }

    static func refusedURL(_ url: String, _ why: String) -> FetchError {
        FetchError("refusedURL", "refused to fetch \(url): \(why)")
    }

    static func timeout(_ url: String, seconds: Double) -> FetchError {
        FetchError("timeout", "\(url) did not answer in full within \(seconds.formatted()) s")
    }

    static func tooLarge(_ url: String, limit: Int) -> FetchError {
        FetchError("tooLarge", "\(url) sent more than \(limit) bytes, the most read for this kind of document")
    }
}

extension Double {
    /// `10` rather than `10.0`, `0.5` as is.
    fileprivate func formatted() -> String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}
