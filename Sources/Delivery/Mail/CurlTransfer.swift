internal import CCurl
import Foundation

/// One libcurl easy handle, owned here and cleaned up in `deinit`. Used for one transfer and
/// thrown away, so no state leaks between messages. `curl_easy_perform` blocks: callers keep
/// timeouts short so a stuck peer cannot hold a thread for long.
final class CurlTransfer {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    /// The bytes libcurl reads for an upload, and where it is.
    fileprivate var upload: [UInt8] = []
    fileprivate var uploadOffset = 0
    /// What the server sent back (HTTP bodies), capped.
    fileprivate(set) var received: [UInt8] = []
    fileprivate let receiveLimit = 64 * 1024
    /// The server's last refusal line (SMTP 4xx/5xx), kept so a refusal is recorded in the server's words.
    fileprivate(set) var lastServerReply = ""

    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    init() throws {
        guard Self.globalInit, let handle = curl_easy_init() else {
            throw DeliveryError(.curlUnavailable, "libcurl could not be initialised", isTransient: true)
        }
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        _ = attest_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        // Timeouts raise no signals: required when several threads use libcurl.
        _ = attest_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws { try check(attest_curl_setopt_long(handle, option, value), option) }
    func set(_ option: CURLoption, _ value: String) throws { try check(attest_curl_setopt_string(handle, option, value), option) }

    /// Sets a string-list option (recipients, headers); the list lives as long as the transfer.
    func set(_ option: CURLoption, list values: [String]) throws {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw DeliveryError(.curlUnavailable, "libcurl could not allocate a list", isTransient: true)
            }
            list = appended
        }
        guard let list else { return }
        lists.append(list)
        try check(attest_curl_setopt_slist(handle, option, list), option)
    }

    /// Sends `bytes` as the upload (SMTP DATA): libcurl pulls them through the read callback.
    func setUpload(_ bytes: [UInt8]) throws {
        upload = bytes
        uploadOffset = 0
        try set(CURLOPT_UPLOAD, 1)
        try set(CURLOPT_INFILESIZE_LARGE, bytes.count)
        try check(attest_curl_setopt_read_callback(handle, curlReadCallback), CURLOPT_READFUNCTION)
        try check(attest_curl_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(self).toOpaque()), CURLOPT_READDATA)
    }

    /// Keeps the response body (up to 64 KiB) in ``received``.
    func captureResponse() throws {
        try check(attest_curl_setopt_write_callback(handle, curlWriteCallback), CURLOPT_WRITEFUNCTION)
        try check(attest_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(self).toOpaque()), CURLOPT_WRITEDATA)
    }

    /// Records the server's reply lines through libcurl's debug callback (``lastServerReply``).
    func captureServerReplies() throws {
        try set(CURLOPT_VERBOSE, 1)
        try check(attest_curl_setopt_debug_callback(handle, curlDebugCallback), CURLOPT_DEBUGFUNCTION)
        try check(attest_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, Unmanaged.passUnretained(self).toOpaque()), CURLOPT_DEBUGDATA)
    }

    /// Runs the transfer. Returns libcurl's result, its message and the last response code
    /// (SMTP reply or HTTP status; 0 when the server never answered).
    func perform() -> (result: CURLcode, message: String, responseCode: Int) {
        let result = curl_easy_perform(handle)
        var code: Int = 0
        _ = attest_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail
        return (result, message, code)
    }

    private func check(_ result: CURLcode, _ option: CURLoption) throws {
        guard result == CURLE_OK else {
            throw DeliveryError(
                .curlOption, "libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(result)))",
                isTransient: false)
        }
    }

    /// Whether a libcurl result means "try again later" when the server gave no reply code.
    static func isTransient(_ result: CURLcode) -> Bool {
        ![CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN].contains(result)
    }

    /// A stable code for a libcurl result.
    static func code(for result: CURLcode) -> DeliveryError.Code {
        switch result {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST: .connectionFailed
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_LOGIN_DENIED: .authenticationFailed
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED: .tlsFailed
        default: .transferFailed
        }
    }
}

private func curlReadCallback(buffer: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, transfer.upload.count - transfer.uploadOffset)
    guard length > 0 else { return 0 }
    transfer.upload.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + transfer.uploadOffset, byteCount: length)
    }
    transfer.uploadOffset += length
    return length
}

private func curlWriteCallback(buffer: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?) -> Int {
    guard let buffer, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let room = max(0, transfer.receiveLimit - transfer.received.count)
    transfer.received += UnsafeRawBufferPointer(start: buffer, count: min(length, room))
    return length
}

private func curlDebugCallback(
    handle: UnsafeMutableRawPointer?, type: curl_infotype, data: UnsafeMutablePointer<CChar>?, size: Int, context: UnsafeMutableRawPointer?
) -> Int32 {
    guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: min(size, 512)), as: UTF8.self)
    // Only refusals (4xx/5xx) are kept: the polite "221 Bye" after QUIT must not hide them.
    if let first = line.first, first == "4" || first == "5" {
        transfer.lastServerReply = line.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return 0
}
