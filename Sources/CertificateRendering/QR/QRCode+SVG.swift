/// QR codes as SVG, for pages that show one without an image file (the "add to a wallet" pages).
extension QRCode {
    /// An SVG of the symbol with its quiet zone: one path of unit squares in a `viewBox` of modules,
    /// scaled by the page, and never wider than its container (a phone's screen). `label` becomes the accessible name (`role="img"`, `<title>`); it must
    /// already be escaped for XML.
    public func svg(escapedLabel label: String, pixelsPerModule: Int = 6) -> String {
        let side = size + 2 * Self.quietZoneModules
        var path = ""
        path.reserveCapacity(size * size * 4)
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                path += "M\(x + Self.quietZoneModules) \(y + Self.quietZoneModules)h1v1h-1z"
            }
        }
        let pixels = side * pixelsPerModule
        return """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(label)" viewBox="0 0 \(side) \(side)" \
            width="\(pixels)" height="\(pixels)" style="max-width:100%;height:auto" shape-rendering="crispEdges"><title>\(label)</title>\
            <rect width="\(side)" height="\(side)" fill="#ffffff"/><path fill="#000000" d="\(path)"/></svg>
            """
    }
}
