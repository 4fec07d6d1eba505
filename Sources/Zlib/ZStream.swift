internal import CZlib

/// Owns one zlib stream (`z_stream`) and ends it in `deinit`.
///
/// The stream lives at a fixed heap address: zlib keeps a pointer back to it and refuses a stream
/// that has moved, which a Swift `var` may do.
final class ZStream {
    /// Whether this stream inflates or deflates, which decides how it is ended.
    private enum Direction {
        case inflating, deflating
    }

    /// The C stream, for the calls of this target only.
    let pointer: UnsafeMutablePointer<z_stream>
    private let direction: Direction

    /// A stream that inflates data of `format`.
    init(inflating format: DeflateFormat) throws(ZlibError) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: z_stream())
        direction = .inflating
        let status = czlib_inflate_init2(pointer, format.windowBits)
        guard status == Z_OK else {
            pointer.deallocate()
            throw ZlibError(.corrupt, "zlib could not start inflating (error \(status))")
        }
    }

    /// A stream that deflates into `format` at compression `level` (0...9).
    /// - Precondition: zlib starts; it fails only when memory runs out.
    init(deflating format: DeflateFormat, level: Int32) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: z_stream())
        direction = .deflating
        let status = czlib_deflate_init2(pointer, level, format.windowBits, MAX_MEM_LEVEL)
        precondition(status == Z_OK, "zlib could not start deflating (error \(status))")
    }

    deinit {
        switch direction {
        case .inflating: inflateEnd(pointer)
        case .deflating: deflateEnd(pointer)
        }
        pointer.deallocate()
    }

    /// zlib's message about the last error, or the status number when it left none.
    func message(status: Int32) -> String {
        pointer.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
    }
}
