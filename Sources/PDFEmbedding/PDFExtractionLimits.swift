/// How much work reading embedded files out of a PDF may take: the defence against decompression
/// bombs and swollen name trees in PDFs that strangers send (`POST /verify`, `attest-verify`).
///
/// Every limit is checked before or while the work is done, never after: Flate data is inflated in
/// chunks and refused the moment its output passes ``maximumFileBytes``.
///
/// - Warning: A certificate's credential is a few KiB; the defaults leave a wide margin for real
///   certificates and stop a 2 KiB PDF from inflating to gigabytes. Raising them raises the memory
///   one request may take.
public struct PDFExtractionLimits: Sendable, Equatable {
    /// The largest PDF read at all, in bytes (16 MiB).
    public var maximumInputBytes: Int
    /// The most bytes one embedded file may decode to, counted after every filter of its chain (4 MiB).
    public var maximumFileBytes: Int
    /// The most bytes all embedded files together may decode to (8 MiB).
    public var maximumTotalBytes: Int
    /// The most embedded files the name tree, and separately the catalog's `/AF` array, may list (16).
    public var maximumEmbeddedFiles: Int
    /// The longest `/Filter` chain of an embedded file (2; only `FlateDecode` is decoded).
    public var maximumFilters: Int
    /// The most nodes of the `/EmbeddedFiles` name tree that are visited (64).
    public var maximumNameTreeNodes: Int

    /// Creates limits; every default is the value documented on its property.
    public init(
        maximumInputBytes: Int = 16 << 20, maximumFileBytes: Int = 4 << 20, maximumTotalBytes: Int = 8 << 20,
        maximumEmbeddedFiles: Int = 16, maximumFilters: Int = 2, maximumNameTreeNodes: Int = 64
    ) {
        self.maximumInputBytes = maximumInputBytes
        self.maximumFileBytes = maximumFileBytes
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumEmbeddedFiles = maximumEmbeddedFiles
        self.maximumFilters = maximumFilters
        self.maximumNameTreeNodes = maximumNameTreeNodes
    }

    /// The defaults, for every reader of untrusted PDFs.
    public static let standard = PDFExtractionLimits()
}
