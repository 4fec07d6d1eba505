extension JSONValue {
    /// How deep arrays and objects may nest before a document is refused: far deeper than any
    /// credential, shallow enough that hostile input cannot exhaust the stack.
    public static let defaultMaximumDepth = 100

    /// Parses UTF-8 JSON text strictly (RFC 8259 and I-JSON): duplicate member names, lone
    /// surrogates, invalid UTF-8, numbers beyond IEEE-754 doubles and excessive nesting are refused.
    public static func parse(bytes: some Collection<UInt8>, maximumDepth: Int = defaultMaximumDepth) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes: Array(bytes), maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    /// Parses JSON text strictly; see ``parse(bytes:maximumDepth:)``.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONError) -> JSONValue {
        try parse(bytes: Array(text.utf8), maximumDepth: maximumDepth)
    }
}
