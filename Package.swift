// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// `LTC_FUZZ=1` builds the libFuzzer targets (docs/testing.md): ltc's modules
/// instrumented for coverage and AddressSanitizer, `ltc-fuzz` linked with
/// libFuzzer. Only `swift build --product ltc-fuzz` is meant to be run so, in a
/// scratch path of its own; build tools (embed-files) stay plain.
let fuzzing = ProcessInfo.processInfo.environment["LTC_FUZZ"] == "1"
let fuzzed: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"]), .define("LTC_FUZZING")] : []

let package = Package(
    name: "ltc",
    products: [
        .executable(name: "ltc", targets: ["ltc"]),
        .executable(name: "ltc-bench", targets: ["ltc-bench"]),
        .executable(name: "ltc-server", targets: ["ltc-server"]),
        .library(name: "LTCAssessment", targets: ["LTCAssessment"]),
        .library(name: "LTCProtocol", targets: ["LTCProtocol"]),
        .library(name: "LTCSchemes", targets: ["LTCSchemes"]),
        .library(name: "LTCCases", targets: ["LTCCases"]),
        .library(name: "LTCStorage", targets: ["LTCStorage"]),
        .library(name: "LTCBenefits", targets: ["LTCBenefits"]),
        .library(name: "LTCProviders", targets: ["LTCProviders"]),
        .library(name: "LTCReports", targets: ["LTCReports"]),
        .library(name: "LTCOperations", targets: ["LTCOperations"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // The HTTP server's alone (LTCServer, ltc-server): building `ltc` never builds them.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        // The web pages' templates (LTCServer alone; docs/architecture.md says why).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // Shared foundations: an exact JSON value type, its parser and writer, and
        // the error protocol every module reports through.
        .target(name: "LTCCore", swiftSettings: fuzzed),

        // Assessment instruments as data: loading, validation and scoring.
        .target(
            name: "LTCAssessment",
            dependencies: ["LTCCore"],
            swiftSettings: fuzzed,
            plugins: ["EmbedFiles"]
        ),

        // Schemes: a city's rules for a period, loaded from data files.
        .target(name: "LTCSchemes", dependencies: ["LTCCore"], swiftSettings: fuzzed, plugins: ["EmbedFiles"]),

        // Insured people, assessors and the case lifecycle with its audit
        // trail; storage is reached only through the CaseStore protocol.
        .target(name: "LTCCases", dependencies: ["LTCCore", "LTCAssessment", "LTCSchemes"], swiftSettings: fuzzed),

        // Monthly entitlements by grade and service mode, and fund projections.
        .target(name: "LTCBenefits", dependencies: ["LTCCore", "LTCSchemes", "LTCCases"], swiftSettings: fuzzed),

        // Designated institutions: agreements, caregivers, enrolments, service-log
        // intake with the monitoring rules, and monthly settlement.
        .target(name: "LTCProviders", dependencies: ["LTCCore", "LTCAssessment", "LTCSchemes", "LTCCases", "LTCBenefits"], swiftSettings: fuzzed),

        // What the fund's managers read: the fund report of a settled month,
        // as text, CSV, JSON and a self-contained HTML page.
        .target(name: "LTCReports", dependencies: ["LTCCore", "LTCCases", "LTCProviders"], swiftSettings: fuzzed),

        // The system SQLite (libsqlite3-dev) and PostgreSQL client (libpq-dev)
        // libraries, and the store on each: repositories written once in the SQL
        // both engines share.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "LTCStorage", dependencies: ["LTCCore", "LTCSchemes", "LTCCases", "LTCProviders", "CSQLite", "CLibPQ"], swiftSettings: fuzzed),

        // The operation catalogue: every operation of ltc defined once, with its
        // typed params, permission, effect and result; the CLI, JSON-RPC and the
        // documents that describe them (rpc.describe, OpenRPC) derive from it.
        .target(name: "LTCOperations", dependencies: ["LTCCore", "LTCAssessment", "LTCSchemes", "LTCCases", "LTCBenefits", "LTCProviders", "LTCReports"], swiftSettings: fuzzed),

        // JSON-RPC 2.0 over stdin/stdout: the interface other systems embed.
        .target(name: "LTCProtocol", dependencies: ["LTCCore", "LTCAssessment", "LTCSchemes", "LTCCases", "LTCBenefits", "LTCProviders", "LTCReports", "LTCOperations"], swiftSettings: fuzzed),

        // The `ltc` commands; the executable target only calls into this.
        .target(
            name: "LTCCommandLine",
            dependencies: [
                "LTCCore", "LTCAssessment", "LTCSchemes", "LTCCases", "LTCBenefits", "LTCProviders", "LTCReports", "LTCStorage", "LTCOperations", "LTCProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ltc", dependencies: ["LTCCommandLine", "LTCCore"]),

        // HTTP/1.1 for institutions, assessors and other systems (docs/deploy.md):
        // routes derived from the catalogue, bearer credentials, limits, the access
        // log. Its own module and executable, on SwiftNIO, so that `ltc` and the
        // library never build NIO; `ltc serve` starts `ltc-server`.
        .target(
            name: "LTCServer",
            dependencies: [
                "LTCCore", "LTCAssessment", "LTCCases", "LTCProviders", "LTCOperations", "LTCProtocol", "LTCStorage",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(name: "ltc-server", dependencies: ["LTCServer", "LTCCore", "LTCAssessment", "LTCCases", "LTCOperations", "LTCStorage",
                                                                 .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log")]),
        .executableTarget(name: "ltc-bench", dependencies: ["LTCCore", "LTCAssessment", "LTCOperations", "LTCProtocol", "LTCCases", "LTCSchemes", "LTCProviders", "LTCStorage"]),

        // libFuzzer targets for what ltc reads from outside (docs/testing.md):
        // built with -sanitize=fuzzer -DLTC_FUZZING it is a fuzzer; a plain
        // build replays saved inputs and writes the seed inputs.
        .executableTarget(name: "ltc-fuzz", dependencies: ["LTCCore", "LTCAssessment", "LTCSchemes", "LTCProviders", "LTCOperations", "LTCProtocol", "LTCStorage"],
                          swiftSettings: fuzzed, linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])] : []),

        // Build-time embedding of AssessmentForms/*.json and Examples/schemes/*.json
        // into the library, so the built binary carries its instruments and example
        // schemes wherever it is copied.
        .executableTarget(name: "embed-files"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),

        // What tests share: a fresh store on the engine under test, removed afterwards.
        .target(name: "LTCTestSupport", dependencies: ["LTCCases", "LTCProviders", "LTCStorage"], path: "Tests/Support"),

        .testTarget(name: "LTCCoreTests", dependencies: ["LTCCore"]),
        .testTarget(name: "LTCAssessmentTests", dependencies: ["LTCAssessment", "LTCCore"]),
        .testTarget(name: "LTCProtocolTests", dependencies: ["LTCProtocol", "LTCOperations", "LTCAssessment", "LTCCore"]),
        .testTarget(name: "LTCOperationsTests", dependencies: ["LTCOperations", "LTCCases", "LTCAssessment", "LTCCore"]),
        .testTarget(name: "LTCCasesTests", dependencies: ["LTCCases", "LTCSchemes", "LTCTestSupport", "LTCAssessment", "LTCCore", "LTCStorage"]),
        .testTarget(name: "LTCBenefitsTests", dependencies: ["LTCBenefits", "LTCCases", "LTCSchemes", "LTCCore"]),
        .testTarget(name: "LTCProvidersTests", dependencies: ["LTCProviders", "LTCReports", "LTCBenefits", "LTCCases", "LTCSchemes", "LTCTestSupport", "LTCCore", "LTCStorage"]),
        .testTarget(name: "LTCStorageTests", dependencies: ["LTCStorage", "LTCTestSupport", "LTCProviders", "LTCCases", "LTCSchemes", "LTCCore"]),
        .testTarget(name: "LTCServerTests", dependencies: ["LTCServer", "LTCOperations", "LTCProtocol", "LTCCases", "LTCAssessment", "LTCCore", "LTCTestSupport", "LTCStorage", "LTCProviders",
                                                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                                                           .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "EndToEndTests", dependencies: ["LTCCommandLine", "LTCOperations", "LTCCases", "LTCCore", "LTCSchemes", "LTCStorage", "LTCAssessment", "LTCProviders"]),
    ],
    swiftLanguageModes: [.v6]
)
