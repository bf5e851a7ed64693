// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "marac",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "marac", targets: ["marac"]),
        .library(name: "MaracCore", targets: ["MaracCore"]),
        .library(name: "MaracStore", targets: ["MaracStore"]),
        .library(name: "MaracCases", targets: ["MaracCases"]),
        .library(name: "MaracAge", targets: ["MaracAge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        // Domain types and rules: pure Swift, no I/O.
        .target(name: "MaracCore"),
        // SQLite through GRDB: migrations, services, audit trail.
        .target(
            name: "MaracStore",
            dependencies: [
                "MaracCore",
                "MaracAge",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // SQLite's C API, for the audit verifier's raw cursors.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // age v1 (age-encryption.org/v1) for circulation packs: the format
        // only; every primitive is swift-crypto's.
        .target(
            name: "MaracAge",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The use cases: one method per thing a person does, one transaction
        // each. The command line and the terminal UI call only this.
        .target(
            name: "MaracCases",
            dependencies: [
                "MaracCore",
                "MaracStore",
                "MaracAge",
                "MaracDocuments",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // What leaves the program, one copy each: the figures laid out as
        // tables with suppression applied once (stats, report and the UI's
        // figures screen), and JSON in the contract's key order.
        .target(name: "MaracDocuments", dependencies: ["MaracCore"]),
        // ncursesw, wrapped so Swift 6 can reach its macros and globals.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        // Screens render into a cell buffer; only Terminal.swift talks to ncurses.
        .target(name: "MaracTUI", dependencies: ["MaracCore", "MaracCases", "MaracDocuments", "CNCurses"]),
        .executableTarget(
            name: "marac",
            dependencies: [
                "MaracCore",
                "MaracCases",
                "MaracDocuments",
                "MaracTUI",
                "MaracAge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Keypress-to-frame timings of the UI over a large database (scripts/bench).
        .executableTarget(name: "marac-uibench", dependencies: ["MaracCore", "MaracCases", "MaracTUI"]),
        // Fills a database with a million chained audit rows to time `marac audit verify`.
        .executableTarget(name: "marac-auditbench", dependencies: ["MaracCore", "MaracStore"]),
        // Times name search over a million referrals in the engine (docs/benchmarks.md).
        .executableTarget(name: "marac-searchbench", dependencies: ["MaracCore", "MaracStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Issue 20: intake matching, merge and unmerge at a million referrals (docs/benchmarks.md).
        .executableTarget(name: "marac-identitybench", dependencies: ["MaracCore", "MaracStore", "MaracCases", .product(name: "GRDB", package: "GRDB.swift")]),
        // Issue 23: the repeat check at incident entry and the flag list at a million referrals (docs/benchmarks.md).
        .executableTarget(name: "marac-incidentbench", dependencies: ["MaracCore", "MaracStore", "MaracCases", .product(name: "GRDB", package: "GRDB.swift")]),
        // Issue 24: the harm ranking of every perpetrator and a perpetrator's page at a million referrals (docs/benchmarks.md).
        .executableTarget(name: "marac-perpetratorbench", dependencies: ["MaracCore", "MaracStore", "MaracCases", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "MaracCoreTests", dependencies: ["MaracCore"]),
        .testTarget(name: "MaracAgeTests", dependencies: ["MaracAge"]),
        // Test fixtures: a real SQLite file in a temporary folder, shared by the store's and the use cases' tests.
        .target(name: "MaracTestSupport", dependencies: ["MaracCore", "MaracStore", "MaracCases",
                                                         .product(name: "GRDB", package: "GRDB.swift")],
                path: "Tests/MaracTestSupport"),
        .testTarget(name: "MaracStoreTests", dependencies: ["MaracStore", "MaracCore", "MaracCases", "MaracAge", "MaracTestSupport"]),
        .testTarget(name: "MaracCasesTests", dependencies: ["MaracCases", "MaracCore", "MaracStore", "MaracAge", "MaracDocuments", "MaracTestSupport"]),
        .testTarget(name: "MaracDocumentsTests", dependencies: ["MaracDocuments", "MaracCore"]),
        .testTarget(name: "MaracCLITests", dependencies: ["marac", "MaracCore"]),
        .testTarget(name: "MaracTUITests", dependencies: ["MaracTUI", "MaracCases", "MaracCore", "MaracDocuments", "marac"]),
    ]
)
