import IssuerCore
import Testing

@Suite("CSV parsing")
struct CSVParserTests {
    func read(_ text: String) -> [(Int, [String]?)] {
        CSVParser.records(text).map { ($0.line, try? $0.fields.get()) }
    }

    @Test("quotes, doubled quotes, commas and newlines inside quotes, CRLF, blank lines and a BOM")
    func wellFormed() {
        let records = read("\u{FEFF}a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n\n\"\",last")
        #expect(records.count == 3)
        #expect(records[0].0 == 1 && records[0].1 == ["a", "b"])
        #expect(records[1].0 == 2 && records[1].1 == ["x, \"y\"", "two\nlines"])
        #expect(records[2].0 == 5 && records[2].1 == ["", "last"])
    }

    @Test("a stray quote spoils only its own record")
    func strayQuote() {
        let records = read("h1,h2\nok,1\nHal \"the\" Ox,2\n\"quoted\"tail,3\nok,4\n")
        #expect(records.map(\.0) == [1, 2, 3, 4, 5])
        #expect(records[2].1 == nil)
        #expect(records[3].1 == nil)
        #expect(records[4].1 == ["ok", "4"])
    }

    @Test("an unclosed quote spoils only the line that opened it; the records before and after it stand")
    func unclosedQuote() {
        let records = CSVParser.records("h\nok\n\"never closed\nmore\n")
        #expect(records.count == 4)
        #expect(records[1].line == 2)
        guard case .failure(let error) = records[2].fields else { Issue.record("expected an error"); return }
        #expect(records[2].line == 3)
        #expect(error.reason.contains("not closed"))
        #expect(records[3].line == 4)
        #expect((try? records[3].fields.get()) == ["more"])
    }
}
