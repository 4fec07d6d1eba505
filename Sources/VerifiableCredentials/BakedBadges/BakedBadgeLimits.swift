/// How much a baked-badge reader accepts, checked before and while parsing. The defaults are
/// generous for a certificate image and small enough that a hostile file costs little.
///
/// - Warning: these bound untrusted input (anyone can hand `attest-verify` an image); raise them
///   only knowingly.
public struct BakedBadgeLimits: Sendable, Hashable {
    /// The largest image read at all (checked before parsing): 16 MiB.
    public var maximumImageBytes: Int
    /// The largest credential inside an image: 1 MiB.
    public var maximumCredentialBytes: Int
    /// The most PNG chunks read before giving up: 4,096.
    public var maximumPNGChunks: Int
    /// The most SVG markup items (tags, comments, sections) read before giving up: 100,000.
    public var maximumSVGItems: Int

    /// Limits; the defaults are the documented ones.
    public init(
        maximumImageBytes: Int = 16 * 1024 * 1024, maximumCredentialBytes: Int = 1024 * 1024, maximumPNGChunks: Int = 4096,
        maximumSVGItems: Int = 100_000
    ) {
        self.maximumImageBytes = maximumImageBytes
        self.maximumCredentialBytes = maximumCredentialBytes
        self.maximumPNGChunks = maximumPNGChunks
        self.maximumSVGItems = maximumSVGItems
    }
}
