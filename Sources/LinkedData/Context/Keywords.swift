/// The JSON-LD keywords, including the framing ones, which a 1.1 processor also may not redefine.
enum Keywords {
    static let all: Set<String> = [
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@first", "@graph", "@id",
        "@import", "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix",
        "@preserve", "@protected", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab", "@propagate",
    ]
}
