/// Writes an HTML page as UTF-8 bytes: markup only from string literals (`StaticString`, so no
/// value can reach the page unescaped by mistake), every value through ``HTMLEscaping``.
///
/// The verification page is written this way instead of through Mustache: Mustache finds each
/// `{{name}}` at render time by splitting it on `.` and walking the context stack with dynamic
/// casts, which was a quarter of the server's CPU per page.
public struct HTMLWriter: Sendable {
    /// What has been written so far.
    public private(set) var bytes: [UInt8]

    /// An empty page with room for `capacity` bytes.
    public init(capacity: Int = 8192) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends `literal` as it is.
    public mutating func markup(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` escaped.
    public mutating func text(_ value: String) {
        HTMLEscaping.appendEscaped(value, to: &bytes)
    }
}
