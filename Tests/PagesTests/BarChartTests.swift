import Foundation
import Pages
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The dashboard's SVG charts: well-formed XML whose bars are the data, labels escaped.
@Suite("Bar chart")
struct BarChartTests {
    /// The `<rect>` bars and the text of every `<title>` of an SVG document, read by a real XML parser.
    final class SVGReader: NSObject, XMLParserDelegate {
        var bars: [[String: String]] = []
        var titles: [String] = []
        var rootName: String?
        private var text: String?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            if rootName == nil { rootName = name }
            if name == "rect" { bars.append(attributes) }
            if name == "title" { text = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text?.append(string)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title", let text {
                titles.append(text)
                self.text = nil
            }
        }
    }

    static func read(_ svg: String) throws -> SVGReader {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        let parsed = parser.parse()
        #expect(parsed, "the SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        return reader
    }

    @Test func barsMatchTheData() throws {
        let values = [3, 0, 7, 14, 1]
        let chart = BarChart(
            id: "issued", title: "Credentials issued per day", summary: "Five days",
            bars: values.enumerated().map { BarChart.Bar(label: "2026-12-0\($0.offset + 1)", value: $0.element) })
        let reader = try Self.read(chart.svg())
        #expect(reader.rootName == "svg")
        #expect(reader.bars.count == values.count)
        #expect(reader.bars.map { $0["data-value"] } == values.map(String.init))
        #expect(reader.bars.map { $0["data-label"] } == (1...5).map { "2026-12-0\($0)" })
        let heights = try reader.bars.map { try #require(Double($0["height"] ?? "")) }
        // The tallest bar fills the plot; the others are in proportion; zero is flat.
        #expect(heights[3] == 126)
        #expect(heights[1] == 0)
        for (height, value) in zip(heights, values) {
            #expect(abs(height - 126 * Double(value) / 14) < 0.01)
        }
        // Bars left to right in data order, none overlapping.
        let xs = try reader.bars.map { try #require(Double($0["x"] ?? "")) }
        #expect(xs == xs.sorted())
        #expect(reader.titles.first == "Credentials issued per day")
    }

    @Test func labelsAreEscaped() throws {
        let hostile = #"</title><script>alert("x")</script> & 'q'"#
        let chart = BarChart(id: "t", title: hostile, summary: hostile, bars: [BarChart.Bar(label: hostile, value: 2)])
        let svg = chart.svg()
        #expect(!svg.contains("<script>"))
        let reader = try Self.read(svg)
        #expect(reader.titles == [hostile, "\(hostile): 2"])
        #expect(reader.bars.first?["data-label"] == hostile)
        let table = chart.table(labelHeading: "Day", valueHeading: "Issued")
        #expect(!table.contains("<script>"))
        #expect(table.contains("<caption>&lt;/title&gt;&lt;script&gt;"))
    }

    @Test func theTableSaysTheSameNumbers() throws {
        let chart = BarChart(
            id: "ttc", title: "Time to credential", summary: "Six ranges",
            bars: [BarChart.Bar(label: "< 1 min", value: 5), BarChart.Bar(label: "1–5 min", value: 12)])
        let table = chart.table(labelHeading: "Time", valueHeading: "Credentials")
        let reader = try Self.read(table)
        #expect(reader.rootName == "table")
        #expect(table.contains(#"<tr><th scope="row">&lt; 1 min</th><td class="numeric">5</td></tr>"#))
        #expect(table.contains(#"<tr><th scope="row">1–5 min</th><td class="numeric">12</td></tr>"#))
    }

    @Test func anEmptyChartIsStillWellFormed() throws {
        let reader = try Self.read(BarChart(id: "empty", title: "Nothing yet", summary: "No bars", bars: []).svg())
        #expect(reader.bars.isEmpty)
    }
}
