import Mustache
import Pages
import Testing

@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test("the five characters become the entities Mustache writes; everything else stays")
    func fiveCharacters() {
        #expect(HTMLEscaping.escape(#"a&b<c>d"e'f"#) == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTMLEscaping.escape("Zoë — 日本") == "Zoë — 日本")
        #expect(HTMLEscaping.escape("") == "")
    }

    @Test("escapes by bytes: a quote or < followed by a combining mark is escaped too")
    func combiningMarks() {
        let hostile = "Zo\"\u{301} onmouseover=x <\u{301}b>"
        // Compared as bytes: Swift compares Characters, and "\"" + U+0301 is one Character.
        #expect(Array(HTMLEscaping.escape(hostile).utf8) == Array("Zo&quot;\u{301} onmouseover=x &lt;\u{301}b&gt;".utf8))
    }

    @Test("a template made with HTMLEscaping escapes {{value}} with it and leaves {{{value}}} raw")
    func template() throws {
        let template = try HTMLEscaping.template(#"<a title="{{name}}">{{{raw}}}</a>"#)
        let html = template.render(["name": "\"\u{301}<x>", "raw": "<b>"])
        #expect(Array(html.utf8) == Array("<a title=\"&quot;\u{301}&lt;x&gt;\"><b></a>".utf8))
    }
}
