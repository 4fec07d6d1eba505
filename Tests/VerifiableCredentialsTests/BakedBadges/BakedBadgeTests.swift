import Testing

@testable import VerifiableCredentials

/// Open Badges 3.0 baked images: the credential into a PNG (`iTXt openbadgecredential`) and an
/// SVG (`<openbadges:credential>`), out again, and hostile images refused.
@Suite("Baked badges (PNG and SVG)")
struct BakedBadgeTests {
    /// A 1×1 RGBA PNG: IHDR, one IDAT, IEND, with their CRCs.
    static let tinyPNG: [UInt8] = {
        let ihdr: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]
        let idat: [UInt8] = [0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01]
        return PNGBadge.signature + PNGBadge.encode(type: "IHDR", data: ihdr) + PNGBadge.encode(type: "IDAT", data: idat)
            + PNGBadge.encode(type: "IEND", data: [])
    }()
    static let credential = Array(#"{"@context":["https://www.w3.org/ns/credentials/v2"],"name":"Zoë ]]> <&> 😂"}"#.utf8)

    static func iTXt(keyword: String = PNGBadge.keyword, compressed: Bool = false, text: [UInt8]) -> [UInt8] {
        PNGBadge.encode(type: "iTXt", data: Array(keyword.utf8) + [0, compressed ? 1 : 0, 0, 0, 0] + text)
    }

    /// `tinyPNG` with `chunks` inserted before IEND.
    static func png(inserting chunks: [UInt8]) -> [UInt8] { Array(tinyPNG.dropLast(12)) + chunks + Array(tinyPNG.suffix(12)) }

    /// The reason of a refusal with `code`; `nil` when `body` succeeds or fails with another code.
    static func refusal(_ code: CredentialError.Code, _ body: () throws(CredentialError) -> [UInt8]) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            // The wrong code counts as no refusal: each case must fail for its own reason.
            return error.code == code ? error.reason : nil
        }
    }

    @Test("PNG: the credential comes out byte for byte; the image keeps its chunks; baking again replaces it")
    func pngRoundTrip() throws {
        let baked = try PNGBadge.bake(Self.credential, into: Self.tinyPNG)
        #expect(try PNGBadge.credential(in: baked) == Self.credential)
        let types = try PNGBadge.read(baked, limits: BakedBadgeLimits()).map(\.type)
        #expect(types == ["IHDR", "IDAT", "iTXt", "IEND"])
        let again = try PNGBadge.bake(Array("{}".utf8), into: baked)
        #expect(try PNGBadge.credential(in: again) == Array("{}".utf8))
        #expect(try PNGBadge.read(again, limits: BakedBadgeLimits()).filter { $0.type == "iTXt" }.count == 1)
        #expect(try PNGBadge.size(of: baked) == (1, 1))
    }

    @Test("PNG: an altered credential fails its chunk's CRC; a plain PNG holds none; two are ambiguous; compressed is refused")
    func pngRefusals() throws {
        var tampered = try PNGBadge.bake(Self.credential, into: Self.tinyPNG)
        let at = try #require(tampered.firstIndex(of: UInt8(ascii: "Z")))
        tampered[at] = UInt8(ascii: "X")
        #expect(
            Self.refusal(.invalidBakedBadge) { () throws(CredentialError) in try PNGBadge.credential(in: tampered) }?.contains("CRC")
                == true)
        #expect(
            Self.refusal(.invalidBakedBadge) { () throws(CredentialError) in try PNGBadge.credential(in: Self.tinyPNG) }?.contains(
                "no openbadgecredential") == true)
        let twice = Self.png(inserting: Self.iTXt(text: Self.credential) + Self.iTXt(text: Self.credential))
        #expect(
            Self.refusal(.invalidBakedBadge) { () throws(CredentialError) in try PNGBadge.credential(in: twice) }?.contains("2 credentials")
                == true)
        let compressed = Self.png(inserting: Self.iTXt(compressed: true, text: [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]))
        #expect(
            Self.refusal(.invalidBakedBadge) { () throws(CredentialError) in try PNGBadge.credential(in: compressed) }?.contains(
                "compressed") == true)
        #expect(Self.refusal(.invalidBakedBadge) { () throws(CredentialError) in try PNGBadge.credential(in: Array("GIF89a".utf8)) } != nil)
    }

    @Test("PNG: bounded — the file size before parsing, lengths against the file, the chunk count, the credential size")
    func pngLimits() throws {
        let limits = BakedBadgeLimits(maximumImageBytes: 200, maximumCredentialBytes: 16, maximumPNGChunks: 5)
        let oversized = Self.tinyPNG + [UInt8](repeating: 0, count: 200)
        #expect(
            Self.refusal(.bakedBadgeTooLarge) { () throws(CredentialError) in try PNGBadge.credential(in: oversized, limits: limits) }
                != nil)
        var lying = Self.png(inserting: Self.iTXt(text: Array("{}".utf8)))
        lying[33..<37] = [0x7F, 0xFF, 0xFF, 0xFF]  // IDAT claims 2 GiB
        #expect(
            Self.refusal(.invalidBakedBadge) { () throws(CredentialError) in try PNGBadge.credential(in: lying) }?.contains(
                "more than the file holds") == true)
        let many = Self.png(inserting: Array(repeating: PNGBadge.encode(type: "tEXt", data: Array("a\0b".utf8)), count: 5).flatMap { $0 })
        #expect(
            Self.refusal(.bakedBadgeTooLarge) { () throws(CredentialError) in try PNGBadge.credential(in: many, limits: limits) }?.contains(
                "chunks") == true)
        let big = try PNGBadge.bake(Self.credential, into: Self.tinyPNG)
        let small = BakedBadgeLimits(maximumCredentialBytes: 16)
        #expect(Self.refusal(.bakedBadgeTooLarge) { () throws(CredentialError) in try PNGBadge.credential(in: big, limits: small) } != nil)
    }

    @Test("SVG: the credential comes out byte for byte, even holding ]]> and markup characters; the image is the PNG")
    func svgRoundTrip() throws {
        let svg = try SVGBadge.bake(Self.credential, png: Self.tinyPNG, title: "A <b> & \"c\"")
        #expect(SVGBadge.looksLikeSVG(svg))
        #expect(try SVGBadge.credential(in: svg) == Self.credential)
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains(#"xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0""#))
        #expect(text.contains("<title>A &lt;b&gt; &amp; &quot;c&quot;</title>"))
        #expect(text.contains("data:image/png;base64,\(SVGBadge.base64(Self.tinyPNG))"))
    }

    static func svg(_ body: String, prefix: String = "openbadges", namespace: String = SVGBadge.namespace, head: String = "") -> [UInt8] {
        Array(
            """
            \(head)<svg xmlns="http://www.w3.org/2000/svg" xmlns:\(prefix)="\(namespace)">\(body)</svg>
            """.utf8)
    }

    @Test("SVG: entities and character references in text are read; other prefixes bound to the namespace count")
    func svgText() throws {
        let svg = Self.svg(#"<ob:credential>{"a":"&lt;&#233;&#x41;&amp;"}</ob:credential>"#, prefix: "ob")
        #expect(try SVGBadge.credential(in: svg) == Array(#"{"a":"<éA&"}"#.utf8))
    }

    @Test(
        "SVG: a DTD or entity declaration (XXE), an unknown entity, the wrong namespace, a credential only in a comment, two credentials, nested markup: refused",
        arguments: [
            (
                svg(
                    #"<openbadges:credential>&xxe;</openbadges:credential>"#,
                    head: #"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#),
                "document type"
            ),
            (svg(#"<openbadges:credential>{"a":"&xxe;"}</openbadges:credential>"#), "does not expand"),
            (svg(#"<openbadges:credential>{}</openbadges:credential>"#, namespace: "https://example.org/evil"), "holds no"),
            (svg(#"<!-- <openbadges:credential>{}</openbadges:credential> -->"#), "holds no"),
            (svg(#"<openbadges:credential>{}</openbadges:credential><openbadges:credential>{}</openbadges:credential>"#), "2 credentials"),
            (svg(#"<openbadges:credential>{<x/>}</openbadges:credential>"#), "other markup"),
            (svg(#"<openbadges:credential verify="eyJ"/>"#), "empty"),
            (svg(#"<openbadges:credential>{}"#), "not closed"),
        ])
    func svgRefusals(svg: [UInt8], named: String) throws {
        let reason = Self.refusal(.invalidBakedBadge) { () throws(CredentialError) in try SVGBadge.credential(in: svg) }
        #expect(reason?.contains(named) == true, "\(reason ?? "accepted")")
    }

    @Test("SVG: bounded — the file size before parsing, the number of markup items, the credential size")
    func svgLimits() throws {
        let svg = try SVGBadge.bake(Self.credential, png: Self.tinyPNG, title: "t")
        let tooBig = BakedBadgeLimits(maximumImageBytes: svg.count - 1)
        #expect(Self.refusal(.bakedBadgeTooLarge) { () throws(CredentialError) in try SVGBadge.credential(in: svg, limits: tooBig) } != nil)
        let busy = Self.svg(String(repeating: "<g/>", count: 50) + "<openbadges:credential>{}</openbadges:credential>")
        #expect(
            Self.refusal(.bakedBadgeTooLarge) { () throws(CredentialError) in
                try SVGBadge.credential(in: busy, limits: BakedBadgeLimits(maximumSVGItems: 20))
            } != nil)
        #expect(
            Self.refusal(.bakedBadgeTooLarge) { () throws(CredentialError) in
                try SVGBadge.credential(in: svg, limits: BakedBadgeLimits(maximumCredentialBytes: 16))
            } != nil)
    }
}
