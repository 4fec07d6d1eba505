import Pages
import Testing

/// The one `application/x-www-form-urlencoded` parser (learner portal and staff console).
@Suite("FormFields")
struct FormFieldsTests {
    @Test("`+` is a space, `%XX` a byte, names may repeat, the first value wins")
    func decodes() {
        let form = FormFields(urlencoded: Array("email=ana%2Blima%40example.org&note=two+words&module=a&module=b&empty=&bare".utf8))
        #expect(form["email"] == "ana+lima@example.org")
        #expect(form["note"] == "two words")
        #expect(form["module"] == "a")
        #expect(form.values("module") == ["a", "b"])
        #expect(form["empty"] == "")
        #expect(form["bare"] == "")
        #expect(form.trimmed("empty") == nil)
        #expect(form["absent"] == nil)
    }

    @Test("a field with a broken escape or bytes that are not UTF-8 is dropped, not guessed")
    func dropsBrokenFields() {
        let form = FormFields(urlencoded: Array("a=%4&b=%ZZ&c=%FF%FE&d=%C3%A9".utf8))
        #expect(form["a"] == nil)
        #expect(form["b"] == nil)
        #expect(form["c"] == nil)
        #expect(form["d"] == "é")
    }
}
