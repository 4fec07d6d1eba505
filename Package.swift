// swift-tools-version:6.1
// Attest: a self-hosted issuer and verifier of W3C Verifiable Credential certificates.
// Targets and their allowed imports follow ../shared/docs/ARCHITECTURE.md; dependencies point down.
import PackageDescription

let package = Package(
    name: "Attest",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "VerifiableCredentials", targets: ["VerifiableCredentials"]),
        .library(name: "LinkedData", targets: ["LinkedData"]),
        .executable(name: "attest", targets: ["attest"]),
        .executable(name: "attest-verify", targets: ["attest-verify"]),
        .executable(name: "attest-bench", targets: ["attest-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // HTTPTypes (HTTPRequest, HTTPResponse.Status, HTTPField) come with Hummingbird; the server names them directly.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // attest-verify --ca-file: URLSession on Linux cannot be given a trust store.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // PostgresStore: the store shared by several `attest serve` instances (issue 20).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries: a module map and a shim.h each, nothing else.
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CQRencode", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(
            name: "CCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(
            name: "CQPDF", pkgConfig: "libqpdf",
            providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(
            name: "CRsvg", pkgConfig: "librsvg-2.0",
            providers: [.apt(["librsvg2-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // Crypto wrapper: the only target that imports COpenSSL.
        .target(name: "Ed25519", dependencies: ["COpenSSL"]),
        // Bounded inflate and deflate/gzip through zlib: the only target that imports CZlib.
        .target(name: "Zlib", dependencies: ["CZlib"]),

        // JSON value, strict parser and RFC 8785 canonicalization: the common ground of
        // LinkedData (JSON-LD input, @json literals) and VerifiableCredentials.
        .target(name: "CanonicalJSON"),

        // A few dedicated threads for blocking C work (libcurl, qpdf, Cairo), off the shared concurrency pool.
        .target(name: "ThreadPools"),

        // JSON-LD 1.1 expansion and toRdf, RDFC-1.0, N-Quads, bundled contexts. Pure Swift.
        .target(
            name: "LinkedData", dependencies: ["CanonicalJSON"],
            resources: [.copy("Contexts")]),

        // The VC 2.0 model, Data Integrity suites, did:key, Multikey, status lists, the Verifier.
        .target(name: "VerifiableCredentials", dependencies: ["CanonicalJSON", "Ed25519", "LinkedData", "Zlib"]),

        // Certificate drawing (Pango/Cairo, QR) and the PDF container (qpdf).
        .target(name: "CertificateRendering", dependencies: ["CCairo", "CQRencode", "CRsvg"]),
        .target(name: "PDFEmbedding", dependencies: ["CQPDF", "Zlib"]),

        // HTML escaping and Mustache templates for every HTML Attest writes: emails, public pages, the console.
        .target(name: "Pages", dependencies: [.product(name: "Mustache", package: "swift-mustache")]),

        // The issuer's domain and pipeline behind `protocol IssuerStore`; no I/O of its own.
        .target(
            name: "IssuerCore",
            dependencies: ["CanonicalJSON", "Ed25519", "VerifiableCredentials"]),
        // The CertificateDocumentMaker that draws (CertificateRendering) and embeds (PDFEmbedding).
        .target(
            name: "CertificateDocuments",
            dependencies: ["IssuerCore", "CanonicalJSON", "CertificateRendering", "PDFEmbedding", "ThreadPools"]),
        // The GRDB implementation of IssuerStore, with its migrations.
        .target(name: "SQLiteStore", dependencies: ["IssuerCore", "VerifiableCredentials", .product(name: "GRDB", package: "GRDB.swift")]),
        // The PostgreSQL implementation of IssuerStore, with its own migrations, for several instances on one database.
        .target(
            name: "PostgresStore",
            dependencies: [
                "IssuerCore", "VerifiableCredentials", "ThreadPools", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // SMTP mail and outbound webhooks (libcurl), and the outbox worker with retries.
        .target(
            name: "Delivery",
            dependencies: [
                "IssuerCore", "VerifiableCredentials", "Pages", "CCurl", "CanonicalJSON", "ThreadPools", "CertificateRendering",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]),

        // The HTTP face of the issuer: admin API, LMS webhooks, VC-API, public pages, status lists, did:web.
        .target(
            name: "IssuerServer",
            dependencies: [
                "IssuerCore", "Delivery", "Pages", "VerifiableCredentials", "CanonicalJSON", "Ed25519", "PDFEmbedding", "ThreadPools",
                "CertificateRendering",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),

        // The staff web console under /console: sessions, pages, forms. Generic over the request
        // context, so it does not import IssuerServer (the same layer); `attest` mounts it.
        .target(
            name: "StaffConsole",
            dependencies: [
                "IssuerCore", "Pages", "Ed25519", "Zlib", "CanonicalJSON", "VerifiableCredentials",
                "CertificateDocuments", "CertificateRendering", "Delivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]),

        .executableTarget(
            name: "attest",
            dependencies: [
                "Ed25519", "CanonicalJSON", "VerifiableCredentials", "CertificateRendering", "IssuerCore", "CertificateDocuments",
                "SQLiteStore", "PostgresStore", "Delivery", "IssuerServer", "StaffConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "attest-verify",
            dependencies: [
                "CanonicalJSON", "VerifiableCredentials", "PDFEmbedding",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),

        .executableTarget(
            name: "attest-bench",
            dependencies: [
                "Ed25519", "CanonicalJSON", "LinkedData", "VerifiableCredentials", "CertificateRendering", "PDFEmbedding", "IssuerCore",
                "CertificateDocuments", "SQLiteStore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Helpers the test targets share: running real tools, temporary folders.
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "Ed25519Tests", dependencies: ["Ed25519", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ZlibTests", dependencies: ["Zlib", "TestSupport"]),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LinkedDataTests", dependencies: ["LinkedData", "CanonicalJSON", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "VerifiableCredentialsTests",
            dependencies: ["VerifiableCredentials", "CanonicalJSON", "LinkedData", "Ed25519", "Zlib", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CertificateRenderingTests", dependencies: ["CertificateRendering", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "PagesTests", dependencies: ["Pages", .product(name: "Mustache", package: "swift-mustache")]),
        .testTarget(name: "PDFEmbeddingTests", dependencies: ["PDFEmbedding", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IssuerCoreTests", dependencies: ["IssuerCore", "Ed25519", "CanonicalJSON", "VerifiableCredentials", "TestSupport"]),
        .testTarget(
            name: "CertificateDocumentsTests",
            dependencies: [
                "CertificateDocuments", "IssuerCore", "Ed25519", "VerifiableCredentials", "PDFEmbedding", "TestSupport", "CanonicalJSON",
                "ThreadPools",
            ]),
        .testTarget(
            name: "SQLiteStoreTests",
            dependencies: ["SQLiteStore", "PostgresStore", "IssuerCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: ["PostgresStore", "IssuerCore", "TestSupport", "Ed25519", "VerifiableCredentials", "CanonicalJSON"]),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "Delivery", "IssuerCore", "CertificateDocuments", "SQLiteStore", "Ed25519", "CanonicalJSON", "TestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "IssuerServerTests",
            dependencies: [
                "IssuerServer", "IssuerCore", "CertificateDocuments", "SQLiteStore", "CanonicalJSON", "VerifiableCredentials", "Ed25519",
                "Pages", "TestSupport", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "StaffConsoleTests",
            dependencies: [
                "StaffConsole", "IssuerCore", "SQLiteStore", "Ed25519", "VerifiableCredentials", "Delivery", "CanonicalJSON", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .testTarget(name: "EndToEndTests", dependencies: ["Ed25519", "TestSupport"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
