/// The further pages of a training history: the frame, who and what it is for, the module table
/// with its header repeated, and where to verify it. The QR code and the signature stay on page 1.
extension CertificatePainter {
    /// Where the table starts below the page's heading lines, from the content area's top.
    private static let continuationTableOffset: Double = 74
    /// What the bottom lines (verification, page label) take above the content area's bottom.
    private static let continuationFooterHeight: Double = 44

    /// How many module rows one continuation page holds on `geometry`'s page.
    static func continuationRowCapacity(geometry: CertificateGeometry) -> Int {
        let content = geometry.content
        return ModuleTable.rowCapacity(height: content.height - continuationTableOffset - continuationFooterHeight)
    }

    /// Paints a continuation page listing `modules` (at most ``continuationRowCapacity(geometry:)``).
    func paintContinuation(modules: ArraySlice<TrainingModuleLine>) throws(RenderingError) {
        canvas.fillRectangle(Frame(x: 0, y: 0, width: geometry.width, height: geometry.height), color: palette.white)
        drawFrame()
        let area = geometry.content
        var y = area.y
        y += try canvas.text(
            content.achievementName,
            style: TextStyle(
                family: branding.bodyFontFamily, size: 16, minimumSize: 11, color: palette.primary, weight: .semibold,
                overflow: .ellipsize),
            x: area.x, y: y, width: area.width, maximumHeight: 26, field: "achievement name")
        y += 4
        try canvas.text(
            content.learnerName,
            style: TextStyle(family: branding.headingFontFamily, size: 15, minimumSize: 10, color: palette.ink, overflow: .ellipsize),
            x: area.x, y: y, width: area.width, maximumHeight: 24, field: "learner name")
        drawOrnamentRule(centerY: area.y + Self.continuationTableOffset - 12, halfWidth: 150)
        let table = try ModuleTable(
            modules: modules, canvas: canvas, palette: palette, branding: branding, width: moduleTableWidth,
            maximumHeight: .infinity, overflow: .continuedOnNextPage)
        table.draw(x: (geometry.width - table.width) / 2, y: area.y + Self.continuationTableOffset)
        let footerY = area.maxY - Self.continuationFooterHeight + 12
        try canvas.text(
            "Verify at \(content.verificationURL) · Passcode \(content.passcode)",
            style: TextStyle(family: "DejaVu Sans Mono", size: 7.5, minimumSize: 5.5, color: palette.ink, overflow: .ellipsize),
            x: area.x, y: footerY, width: area.width, field: "verification URL")
        try drawCredentialID()
        try canvas.checkStatus()
    }
}
