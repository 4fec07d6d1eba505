internal import COpenSSL

/// OpenSSL's per-thread error queue, read into Swift strings.
enum OpenSSLErrorQueue {
    /// Removes every queued error and returns their texts, oldest first.
    ///
    /// `ERR_error_string_n` gives the `error:XXXXXXXX:library::reason` form that the `openssl`
    /// command prints too, so a message can be searched for as is.
    static func drain() -> [String] {
        var messages: [String] = []
        while true {
            let errorCode = ERR_get_error()
            if errorCode == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(errorCode, &buffer, buffer.count)
            let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            // OpenSSL 3's decoders retry, queueing the same entries more than once.
            if !messages.contains(text) { messages.append(text) }
        }
        return messages
    }

    /// Forgets stale errors before an operation whose failure we will report.
    static func clear() {
        ERR_clear_error()
    }
}
