internal import COpenSSL

/// Owns one OpenSSL memory `BIO`, the buffer that PEM readers and writers work on.
///
/// It always uses `BIO_s_secmem`: its buffer is wiped when freed, which matters because private
/// keys pass through it in clear.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty buffer for OpenSSL to write into.
    init() throws(CryptoError) {
        guard let pointer = BIO_new(BIO_s_secmem()) else {
            throw CryptoError.openSSL(.encodingFailed, "OpenSSL could not allocate a memory buffer")
        }
        self.pointer = pointer
    }

    /// A buffer holding a copy of `contents`, for OpenSSL to read from.
    convenience init(contents: [UInt8]) throws(CryptoError) {
        try self.init()
        let written = contents.withNonNilBaseAddress { base, count in
            BIO_write(pointer, base, Int32(count))
        }
        // BIO_write returns 0 (not the count) when asked to write nothing; both are fine.
        guard written == Int32(contents.count) || contents.isEmpty else {
            throw CryptoError.openSSL(.invalidPEM, "OpenSSL could not buffer the PEM text")
        }
        _ = attest_BIO_set_mem_eof_return(pointer, 0)
    }

    deinit {
        BIO_free(pointer)
    }

    /// Everything written so far, as text (PEM is ASCII).
    func contentsAsString() -> String {
        var data: UnsafeMutablePointer<CChar>?
        let length = attest_BIO_get_mem_data(pointer, &data)
        guard let data, length > 0 else { return "" }
        let bytes = UnsafeRawBufferPointer(start: data, count: Int(length))
        return String(decoding: bytes, as: UTF8.self)
    }
}
