/// Checks a logo or signature image before anyone stores it: the kind from its bytes (never a
/// file name or a claimed content type), the size, for SVG the absence of anything active or
/// external, and then a real decode by the libraries that will draw it (Cairo's PNG reader,
/// librsvg), so a broken, hostile or oversized image is refused instead of failing at issuance.
public enum BrandingImageCheck {
    /// A checked image.
    public struct Checked: Sendable, Hashable {
        /// PNG or SVG.
        public var kind: Kind
        /// Its size in pixels as drawn (an SVG's raster).
        public var width: Int
        /// Its height in pixels as drawn.
        public var height: Int
    }

    /// The image formats a certificate can draw.
    public enum Kind: String, Sendable, Hashable {
        case png, svg

        /// Its media type.
        public var mediaType: String { self == .png ? "image/png" : "image/svg+xml" }
    }

    /// The largest image file accepted: 1 MiB.
    /// - Warning: The file is kept in the data folder and drawn on every certificate; raising this
    ///   raises the memory and time of every drawing.
    public static let maximumBytes = 1 << 20
    /// The largest width or height of a PNG, checked in its header before Cairo allocates the
    /// pixels (a 4096 × 4096 ARGB surface is 64 MiB).
    public static let maximumSide = 4096

    /// The image's kind and size, or `invalidImage` saying what is wrong with it (`field` names it
    /// for a person, e.g. "logo").
    public static func check(_ bytes: [UInt8], field: String) throws(RenderingError) -> Checked {
        guard !bytes.isEmpty else { throw RenderingError(.invalidImage, "the \(field) file is empty") }
        guard bytes.count <= maximumBytes else {
            throw RenderingError(
                .invalidImage, "the \(field) is larger than 1 MiB; make it smaller (a logo needs at most 1200 pixels across)")
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            try checkPNGHeader(bytes, field: field)
            let image = try RasterImage(bytes: bytes, field: field)
            return Checked(kind: .png, width: image.width, height: image.height)
        }
        guard SVGRasterizer.looksLikeSVG(bytes) else {
            throw RenderingError(.invalidImage, "the \(field) is neither a PNG nor an SVG image")
        }
        try checkSVGContent(bytes, field: field)
        let image = try RasterImage(adopting: try SVGRasterizer.rasterize(bytes, field: field), field: field)
        return Checked(kind: .svg, width: image.width, height: image.height)
    }

    /// The width and height in the PNG's `IHDR`, each 1…``maximumSide``.
    static func checkPNGHeader(_ bytes: [UInt8], field: String) throws(RenderingError) {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw RenderingError(.invalidImage, "the \(field) is not a readable PNG: it has no image header")
        }
        func number(at offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        let width = number(at: 16)
        let height = number(at: 20)
        guard width <= maximumSide, height <= maximumSide else {
            throw RenderingError(
                .invalidImage, "the \(field) is \(width) × \(height) pixels; at most \(maximumSide) pixels on each side are accepted")
        }
    }

    /// Refuses SVG that is not plain UTF-8 drawing: scripts, event handlers, embedded HTML,
    /// document types and entities (entity expansion), and references to anything outside the
    /// file (only `#fragment` and `data:` references stay).
    static func checkSVGContent(_ bytes: [UInt8], field: String) throws(RenderingError) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RenderingError(.invalidImage, "the \(field) SVG is not UTF-8 text")
        }
        let lowered = text.lowercased()
        let refused: [(String, String)] = [
            ("<script", "a script"), ("<!doctype", "a document type declaration"), ("<!entity", "an entity declaration"),
            ("<foreignobject", "embedded HTML (foreignObject)"), ("<iframe", "an embedded frame"), ("<embed", "an embedded object"),
            ("<object", "an embedded object"), ("javascript:", "a javascript: link"), ("@import", "a stylesheet import"),
            ("<?xml-stylesheet", "an external stylesheet"),
        ]
        for (marker, what) in refused where lowered.contains(marker) {
            throw RenderingError(.invalidImage, "the \(field) SVG contains \(what); upload a plain drawing without scripts or links")
        }
        if let handler = eventHandler(in: lowered) {
            throw RenderingError(
                .invalidImage, "the \(field) SVG has an event handler (\(handler)); upload a plain drawing without scripts")
        }
        if let reference = externalReference(in: lowered) {
            throw RenderingError(
                .invalidImage, "the \(field) SVG refers to something outside the file (\(reference)); embed everything it needs")
        }
    }

    /// The first `on…=` attribute (onload, onclick, …), if any.
    static func eventHandler(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 3 < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "o", scalars[index + 1] == "n", index > 0,
                scalars[index - 1] == " " || scalars[index - 1] == "\n" || scalars[index - 1] == "\t" || scalars[index - 1] == "\r"
                    || scalars[index - 1] == "/" || scalars[index - 1] == "\""
            else { continue }
            var end = index + 2
            while end < scalars.count, ("a"..."z").contains(scalars[end]) { end += 1 }
            guard end > index + 2 else { continue }
            var after = end
            while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" || scalars[after] == "\n" { after += 1 }
            if after < scalars.count, scalars[after] == "=" {
                return String(String.UnicodeScalarView(scalars[index..<end]))
            }
        }
        return nil
    }

    /// The first `href`/`xlink:href`/`src` value or CSS `url(…)` that does not stay inside the file.
    static func externalReference(in text: String) -> String? {
        for attribute in ["href", "src"] {
            var rest = Substring(text)
            while let found = rest.range(of: attribute) {
                rest = rest[found.upperBound...]
                let value = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                guard value.first == "=" else { continue }
                let quoted = value.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                guard let quote = quoted.first, quote == "\"" || quote == "'" else { return "\(attribute)=" }
                let target = quoted.dropFirst().prefix { $0 != quote }.trimmingPrefix(while: { $0 == " " })
                if !(target.hasPrefix("#") || target.hasPrefix("data:image/")) { return "\(attribute)=\"\(target.prefix(60))\"" }
            }
        }
        var rest = Substring(text)
        while let found = rest.range(of: "url(") {
            rest = rest[found.upperBound...]
            let target = rest.drop { $0 == " " || $0 == "'" || $0 == "\"" }
            if !(target.hasPrefix("#") || target.hasPrefix("data:image/")) { return "url(\(target.prefix(60)))" }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring { drop(while: predicate) }
}
