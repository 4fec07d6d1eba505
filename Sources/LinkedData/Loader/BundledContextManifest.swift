/// The contexts shipped in `Contexts/`: URL, file name, and the SHA-256 of the file's bytes.
///
/// The hashes are pinned here, in code, so that a changed resource file is caught at load time.
/// Sources and provenance: `../shared/vectors/SOURCES.md`.
enum BundledContextManifest {
    struct Entry: Sendable {
        let url: String
        let file: String
        let sha256: String
    }

    static let entries: [Entry] = [
        Entry(
            url: "https://www.w3.org/ns/credentials/v2", file: "credentials-v2.jsonld",
            sha256: "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"),
        Entry(
            url: "https://www.w3.org/ns/credentials/examples/v2", file: "credentials-examples-v2.jsonld",
            sha256: "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c"),
        Entry(
            url: "https://www.w3.org/ns/credentials/status/v1", file: "credentials-status-v1.jsonld",
            sha256: "fda5add353231e6a6884a46b12e6c75464281900cb348284d9c360f62381d9f7"),
        Entry(
            url: "https://w3id.org/security/data-integrity/v2", file: "security-data-integrity-v2.jsonld",
            sha256: "67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4"),
        Entry(
            url: "https://w3id.org/security/multikey/v1", file: "security-multikey-v1.jsonld",
            sha256: "ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597"),
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", file: "ob-v3p0-context-3.0.3.json",
            sha256: "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"),
        Entry(
            url: "https://www.w3.org/2018/credentials/v1", file: "credentials-v1.jsonld",
            sha256: "ab4ddd9a531758807a79a5b450510d61ae8d147eab966cc9a200c07095b0cdcc"),
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json", file: "ob-v3p0-context-3.0.1.jsonld",
            sha256: "d582f3564282fb3b709136d28412e78e70b678b4dbc2f0221f67d84932748355"),
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", file: "ob-v3p0-context-3.0.2.jsonld",
            sha256: "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53"),
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json", file: "ob-v3p0-extensions.jsonld",
            sha256: "146f85aa16effd7ca1da8056eb443f53ce1eca8a34186cb062832c0a97d889c3"),
        Entry(
            url: "https://w3id.org/security/suites/ed25519-2020/v1", file: "security-suites-ed25519-2020-v1.jsonld",
            sha256: "b9e1ab971fd8bf2c7553e0c4a9438e0b9450afde1ea1ca5b2492368b9f549588"),
        Entry(
            url: "https://w3id.org/security/suites/x25519-2020/v1", file: "security-suites-x25519-2020-v1.jsonld",
            sha256: "1fee542597dc2bdc478d4138a5f01d5e6df00d8f0a76c65e4ed71b799079f993"),
        Entry(
            url: "https://w3id.org/security/data-integrity/v1", file: "security-data-integrity-v1.jsonld",
            sha256: "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554"),
        Entry(
            url: "https://www.w3.org/ns/did/v1", file: "did-v1.jsonld",
            sha256: "4f3eae5568c9c5f036a082088f9e192019ee06faa78973c87ff91d5421b88dad"),
        Entry(
            url: "https://w3id.org/dcc/v1", file: "dcc-v1.jsonld",
            sha256: "1543695325471b0d23e839a28166ba4ea445cca294ac46fe034ca584cbfc6077"),
        Entry(
            url: "https://w3id.org/citizenship/v4rc1", file: "citizenship-v4rc1.jsonld",
            sha256: "5038c7383afd7ab2158f1b997913a8f60978a0abcf96e0b0d08e29f146d2db1e"),
    ]
}
