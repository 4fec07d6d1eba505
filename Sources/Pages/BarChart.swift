/// A small bar chart drawn on the server as inline SVG, with its text equivalent as a table:
/// the dashboard's "issued per day" and "time to credential" charts. Every label and id goes
/// through ``HTMLEscaping``, so a program or label can never break out of the markup.
///
/// The SVG scales to its container (`width="100%"` and a `viewBox`), so it never makes a narrow
/// screen scroll sideways; it is one image to assistive technology (`role="img"` with a name and
/// a description), and the table says the same numbers in words and digits.
public struct BarChart: Sendable, Hashable {
    /// One bar.
    public struct Bar: Sendable, Hashable {
        /// What the bar stands for: a day, a range of durations.
        public var label: String
        /// Its height, a count (negative counts are drawn as zero).
        public var value: Int

        /// A bar.
        public init(label: String, value: Int) {
            self.label = label
            self.value = value
        }
    }

    /// An id unique in the page (letters, digits, `-`), the prefix of the chart's element ids.
    public var id: String
    /// The chart's name, e.g. "Credentials issued per day, last 30 days".
    public var title: String
    /// A one-sentence summary of what it shows, read by screen readers.
    public var summary: String
    /// The bars, left to right.
    public var bars: [Bar]
    /// Label every n-th bar under the axis (the first and last are always labelled).
    public var labelEvery: Int

    /// The drawing's coordinate space; the SVG is scaled to its container's width.
    static let width = 600.0
    static let height = 180.0
    static let plotTop = 24.0
    static let plotBottom = 150.0

    /// A chart.
    public init(id: String, title: String, summary: String, bars: [Bar], labelEvery: Int = 1) {
        self.id = id
        self.title = title
        self.summary = summary
        self.bars = bars
        self.labelEvery = max(1, labelEvery)
    }

    /// The largest value, the top of the scale (at least 1, so an empty chart has flat bars).
    public var scaleMaximum: Int { max(1, bars.map(\.value).max() ?? 0) }

    /// The height in drawing units of a bar of `value`.
    public func barHeight(_ value: Int) -> Double {
        (Self.plotBottom - Self.plotTop) * Double(max(0, value)) / Double(scaleMaximum)
    }

    /// The chart as an inline `<svg>` element.
    public func svg() -> String {
        let e = HTMLEscaping.escape
        let slot = Self.width / Double(max(1, bars.count))
        let barWidth = max(1, slot * 0.7)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" id="\(e(id))" role="img" \
            aria-labelledby="\(e(id))-title \(e(id))-summary" viewBox="0 0 \(Self.format(Self.width)) \(Self.format(Self.height))" \
            width="100%" preserveAspectRatio="xMidYMid meet" focusable="false">\
            <title id="\(e(id))-title">\(e(title))</title><desc id="\(e(id))-summary">\(e(summary))</desc>\
            <text class="chart-scale" x="0" y="14" font-size="13">\(scaleMaximum)</text>\
            <line class="chart-axis" x1="0" y1="\(Self.format(Self.plotBottom))" x2="\(Self.format(Self.width))" \
            y2="\(Self.format(Self.plotBottom))" stroke="currentColor" stroke-width="1"/>
            """
        for (index, bar) in bars.enumerated() {
            let height = barHeight(bar.value)
            let x = slot * Double(index) + (slot - barWidth) / 2
            out += """
                <rect class="chart-bar" x="\(Self.format(x))" y="\(Self.format(Self.plotBottom - height))" \
                width="\(Self.format(barWidth))" height="\(Self.format(height))" data-label="\(e(bar.label))" \
                data-value="\(bar.value)" fill="currentColor"><title>\(e(bar.label)): \(bar.value)</title></rect>
                """
            if index % labelEvery == 0 || index == bars.count - 1 {
                let anchor = index == 0 ? "start" : index == bars.count - 1 ? "end" : "middle"
                let labelX = index == 0 ? x : index == bars.count - 1 ? x + barWidth : x + barWidth / 2
                out += """
                    <text class="chart-label" x="\(Self.format(labelX))" y="\(Self.format(Self.plotBottom + 20))" font-size="13" \
                    text-anchor="\(anchor)">\(e(bar.label))</text>
                    """
            }
        }
        return out + "</svg>"
    }

    /// The same numbers as a `<table>` with a caption: the chart's text equivalent.
    /// `labelHeading` and `valueHeading` name the two columns.
    public func table(labelHeading: String, valueHeading: String) -> String {
        let e = HTMLEscaping.escape
        var out = """
            <table class="chart-table" id="\(e(id))-table"><caption>\(e(title))</caption>\
            <thead><tr><th scope="col">\(e(labelHeading))</th><th scope="col" class="numeric">\(e(valueHeading))</th></tr></thead><tbody>
            """
        for bar in bars {
            out += "<tr><th scope=\"row\">\(e(bar.label))</th><td class=\"numeric\">\(bar.value)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// A coordinate with at most two decimals and no trailing zeros (`12`, `12.5`, `12.25`).
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = abs(hundredths % 100)
        if fraction == 0 { return String(whole) }
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        return fraction % 10 == 0 ? "\(sign)\(whole).\(fraction / 10)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
