internal import CQRencode
import Foundation

/// A QR code symbol (ISO/IEC 18004) made by libqrencode: a square matrix of dark and light modules.
///
/// The matrix excludes the quiet zone; whoever draws it leaves ``quietZoneModules`` light modules around it.
public struct QRCode: Sendable, Equatable {
    /// How much of the symbol may be damaged and still read.
    public enum ErrorCorrection: Sendable, CaseIterable {
        /// About 7 % recoverable.
        case low
        /// About 15 % recoverable.
        case medium
        /// About 25 % recoverable: the choice for print, which gets folded, scuffed and stamped.
        case quartile
        /// About 30 % recoverable.
        case high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// The light border the standard requires around the symbol, in modules.
    public static let quietZoneModules = 4

    /// The number of modules along one side (21 for version 1, 4 more per version).
    public let size: Int
    /// The QR version (1...40) libqrencode chose for the text.
    public let version: Int
    private let darkModules: [Bool]

    /// Encodes text (8-bit byte mode, UTF-8) at the smallest version that holds it.
    public init(encoding text: String, errorCorrection: ErrorCorrection = .quartile) throws(RenderingError) {
        guard !text.isEmpty else {
            throw RenderingError(.qrEncodingFailed, "the QR code text is empty")
        }
        // Byte mode with case sensitivity keeps a URL exactly as given (alphanumeric mode would upper-case it).
        guard let symbol = QRcode_encodeString8bit(text, 0, errorCorrection.level) else {
            let message = String(cString: strerror(errno))
            throw RenderingError(.qrEncodingFailed, "libqrencode could not encode the text: \(message)")
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        size = width
        version = Int(symbol.pointee.version)
        // Bit 0 of each byte is the module colour; the other bits describe what the module is part of.
        darkModules = (0..<(width * width)).map { symbol.pointee.data[$0] & 1 == 1 }
    }

    /// Whether the module at column `x`, row `y` (from the top-left, 0-based) is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return darkModules[y * size + x]
    }
}
