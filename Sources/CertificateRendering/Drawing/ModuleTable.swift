/// The compliance template's table of training modules with completion and expiry dates.
///
/// Rows that do not fit are summarised in a last line: on a certificate "and 3 more modules…, listed
/// on the verification page"; on a training history, which goes on over further pages, "… continued
/// on the next page".
struct ModuleTable {
    /// What the last line says about the rows that do not fit.
    enum Overflow {
        /// The verification page lists them (a one-page certificate).
        case listedOnVerificationPage
        /// The next page lists them (a training history of several pages).
        case continuedOnNextPage
    }

    private struct Row {
        let name: TextLayout
        let completed: TextLayout
        let expires: TextLayout
    }

    let width: Double
    private let canvas: Canvas
    private let palette: Palette
    private let header: [TextLayout]
    private let rows: [Row]
    private let remainder: TextLayout?
    private static let rowHeight: Double = 17
    private static let headerHeight: Double = 16
    private var rowHeight: Double { Self.rowHeight }
    private var headerHeight: Double { Self.headerHeight }
    private let dateColumnWidth: Double = 105

    /// How many modules the table shows; the rest are summarised in its last line.
    let shownCount: Int

    var height: Double { headerHeight + Double(rows.count + (remainder == nil ? 0 : 1)) * rowHeight + 2 }

    init(
        modules: some Collection<TrainingModuleLine>, canvas: Canvas, palette: Palette, branding: Branding, width: Double,
        maximumHeight: Double, overflow: Overflow = .listedOnVerificationPage
    ) throws(RenderingError) {
        self.width = width
        self.canvas = canvas
        self.palette = palette
        let nameWidth = width - 2 * dateColumnWidth - 12
        let headerStyle = TextStyle(
            family: branding.bodyFontFamily, size: 7.5, color: palette.muted, weight: .semibold, letterSpacing: 1.1,
            alignment: .left)
        header = [
            try canvas.fit("TRAINING MODULE", style: headerStyle, width: nameWidth, field: "table header"),
            try canvas.fit("COMPLETED", style: headerStyle, width: dateColumnWidth, field: "table header"),
            try canvas.fit("VALID UNTIL", style: headerStyle, width: dateColumnWidth, field: "table header"),
        ]
        let cellStyle = TextStyle(
            family: branding.bodyFontFamily, size: 9.5, minimumSize: 8, color: palette.ink, alignment: .left,
            overflow: .ellipsize)
        let capacity = Self.rowCapacity(height: maximumHeight)
        let shown = modules.count <= capacity ? modules.count : capacity - 1
        var rows: [Row] = []
        for module in modules.prefix(shown) {
            rows.append(
                Row(
                    name: try canvas.fit(module.name, style: cellStyle, width: nameWidth, field: "module name"),
                    completed: try canvas.fit(
                        CertificateDate.format(module.completedOn), style: cellStyle, width: dateColumnWidth,
                        field: "module completion date"),
                    expires: try canvas.fit(
                        module.expiresOn.map(CertificateDate.format) ?? "—", style: cellStyle, width: dateColumnWidth,
                        field: "module expiry date")))
        }
        self.rows = rows
        shownCount = shown
        let hidden = modules.count - shown
        let whereListed = overflow == .listedOnVerificationPage ? "listed on the verification page" : "continued on the next page"
        remainder =
            hidden > 0
            ? try canvas.fit(
                "and \(hidden) more module\(hidden == 1 ? "" : "s"), \(whereListed)",
                style: TextStyle(
                    family: branding.bodyFontFamily, size: 8.5, color: palette.muted, italic: true, alignment: .left),
                width: width - 12, field: "module summary")
            : nil
        if modules.isEmpty {
            throw RenderingError(.invalidRequest, "the compliance template needs at least one training module")
        }
    }

    /// How many lines (rows and the summary line) a table `height` points high holds, at least one.
    static func rowCapacity(height: Double) -> Int {
        guard height.isFinite else { return Int.max }
        return max(1, Int((height - headerHeight - 2) / rowHeight))
    }

    func draw(x: Double, y: Double) {
        let nameX = x + 6
        let completedX = x + width - 2 * dateColumnWidth
        let expiresX = x + width - dateColumnWidth
        let columns = [nameX, completedX, expiresX]
        for (layout, columnX) in zip(header, columns) {
            canvas.draw(layout, color: palette.muted, x: columnX, y: y + 2, field: "table header")
        }
        var rowY = y + headerHeight
        canvas.line(from: (x, rowY), to: (x + width, rowY), color: palette.primary, lineWidth: 0.8)
        for (index, row) in rows.enumerated() {
            if index % 2 == 1 {
                canvas.fillRectangle(Frame(x: x, y: rowY, width: width, height: rowHeight), color: palette.stripe)
            }
            for (layout, columnX) in zip([row.name, row.completed, row.expires], columns) {
                let textY = rowY + (rowHeight - layout.logicalFrame.height) / 2
                canvas.draw(layout, color: palette.ink, x: columnX, y: textY, field: "module table cell")
            }
            rowY += rowHeight
        }
        if let remainder {
            canvas.draw(
                remainder, color: palette.muted, x: nameX, y: rowY + (rowHeight - remainder.logicalFrame.height) / 2,
                field: "module summary")
            rowY += rowHeight
        }
        canvas.line(from: (x, rowY + 1), to: (x + width, rowY + 1), color: palette.primary.lightened(by: 0.6), lineWidth: 0.5)
    }
}
