/// The output the toRdf `#tnt01–16` cases must produce. The W3C manifest marks them
/// `jld:PositiveSyntaxTest` and ships no `-out.nq` (they come from the N-Triples literal-syntax
/// suite), so the expected N-Quads are written here by hand from the canonical N-Quads escaping
/// rule RDFC-1.0 uses (RDF 1.2 N-Quads §canonical form): `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r` as
/// ECHAR; every other U+0000–U+001F and U+007F as `\uXXXX` with uppercase hex; everything else,
/// `'` and all of U+0080 and above included, as itself in UTF-8.
enum NTriplesLiteralExpectations {
    static let subject = "<http://a.example/s> <http://a.example/p> "

    /// The expected N-Quads document per test id (one quad, ending in a line feed).
    static let nquads: [String: String] = [
        "#tnt01": subject + #""\u0000\t\u000B\f\u000E&([]\u007F" ."# + "\n",
        "#tnt02": subject
            + "\"\u{80}\u{7FF}\u{800}\u{FFF}\u{1000}\u{CFFF}\u{D000}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{3FFFD}\u{40000}\u{FFFFD}\u{100000}\u{10FFFD}\" .\n",
        "#tnt03": subject
            + #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\u000B\f\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" ."#
            + "\n",
        "#tnt04": subject + ##"" !\"#$%&():;<=>?@[]^_`{|}~" ."## + "\n",
        "#tnt05": subject + #""x'y" ."# + "\n",
        "#tnt06": subject + #""x''y" ."# + "\n",
        "#tnt07": subject + #""x\"y" ."# + "\n",
        "#tnt08": subject + #""x\"\"y" ."# + "\n",
        "#tnt09": #"<http://example.org/ns#s> <http://example.org/ns#p1> "test-\\" ."# + "\n",
        "#tnt10": subject + #""\t" ."# + "\n",
        "#tnt11": subject + #""\b" ."# + "\n",
        "#tnt12": subject + #""\n" ."# + "\n",
        "#tnt13": subject + #""\r" ."# + "\n",
        "#tnt14": subject + #""\f" ."# + "\n",
        "#tnt15": subject + #""\\" ."# + "\n",
        "#tnt16": subject + #""\u000F" ."# + "\n",
    ]
}
