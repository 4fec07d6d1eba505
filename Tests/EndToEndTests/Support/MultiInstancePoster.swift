import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Posts completion events, signed as an LMS signs them, across several `attest serve` instances
/// at once: event N goes to instance N mod count, and to the next instance when that one does not
/// answer (killed, restarting) or answers 5xx — the retry an LMS makes, safe because intake is
/// idempotent by event id.
struct MultiInstancePoster: Sendable {
    let addresses: [String]
    let lms: LMSKey

    /// What came back: events accepted (202), those refused otherwise, and how many posts were retried.
    struct Outcome: Sendable {
        var accepted = 0
        var refused: [String] = []
        var retries = 0
    }

    /// A completion event of the example program for learner `number`.
    static func event(_ number: Int) -> Data {
        let body = """
            {"eventId":"multi-\(number)","program":"working-at-height-2",\
            "learner":{"id":"multi-learner-\(number)","email":"multi\(number)@example.org","legalName":"Learner \(number)"},\
            "completedAt":"2026-11-20T14:05:00Z","score":91,"minutes":185,\
            "modules":[{"id":"ladders","completedAt":"2026-11-18T10:00:00Z"},\
            {"id":"scaffolds","completedAt":"2026-11-19T11:30:00Z"},{"id":"harness","completedAt":"2026-11-20T13:40:00Z"}]}
            """
        return Data(body.utf8)
    }

    /// Posts events 0..<count from `clients` concurrent clients.
    func postAll(count: Int, clients: Int) async throws -> Outcome {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = clients
        configuration.timeoutIntervalForRequest = 120
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var outcome = Outcome()
                    for number in stride(from: client, to: count, by: clients) {
                        try await post(number, session: session, into: &outcome)
                    }
                    return outcome
                }
            }
            var total = Outcome()
            for try await part in group {
                total.accepted += part.accepted
                total.refused += part.refused
                total.retries += part.retries
            }
            return total
        }
    }

    private func post(_ number: Int, session: URLSession, into outcome: inout Outcome) async throws {
        let body = Self.event(number)
        for attempt in 0..<120 {
            var request = URLRequest(url: URL(string: addresses[(number + attempt) % addresses.count] + "/api/v1/events")!)
            request.httpMethod = "POST"
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("Bearer \(lms.token)", forHTTPHeaderField: "Authorization")
            // Signed at each attempt, as its time must be recent.
            request.setValue(lms.signature(body), forHTTPHeaderField: "X-Attest-Signature")
            let status: Int
            let answer: Data
            do {
                let (data, response) = try await session.data(for: request)
                (status, answer) = ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
            } catch {
                (status, answer) = (0, Data())
            }
            if status == 202 {
                outcome.accepted += 1
                return
            }
            if status != 0 && status < 500 && status != 429 {
                outcome.refused.append("event \(number): \(status) \(String(decoding: answer.prefix(300), as: UTF8.self))")
                return
            }
            outcome.retries += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        outcome.refused.append("event \(number): no instance answered after 120 attempts")
    }
}

/// Lowercase hexadecimal, as `X-Attest-Signature` and PostgreSQL's `encode(…, 'hex')` write it.
enum LowercaseHex {
    static func encode(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The bytes of an even-length hexadecimal string, or nil.
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
