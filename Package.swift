// swift-tools-version: 6.1
import PackageDescription
import Foundation

// chitieu: a staged pipeline (ingest → extract → evaluate → emit) over a pure domain model.
// Stage modules depend on the model only, never on each other; ChitieuPipeline wires them.
// Only XlsxWriter and TextMetrics touch C, through the two system-library targets.
let package = Package(
    name: "chitieu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chitieu", targets: ["chitieu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries from Debian packages.
        .systemLibrary(
            name: "CXlsxWriter",
            path: "Sources/CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CHarfBuzz",
            path: "Sources/CHarfBuzz",
            pkgConfig: "harfbuzz",
            providers: [.apt(["libharfbuzz-dev"])]
        ),

        // The pure centre.
        .target(name: "ChitieuModel", resources: [.copy("Resources/catalogue.json"), .copy("Resources/lexicon"), .copy("Resources/units")]),
        .target(name: "Spreadsheet"),

        // Readers and writers of real formats.
        .target(name: "XlsxReader", dependencies: ["Spreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "XlsxWriter", dependencies: ["CXlsxWriter", "Spreadsheet"]),
        .target(name: "TextMetrics", dependencies: ["CHarfBuzz", "Spreadsheet"]),

        // One module per stage.
        .target(name: "ChitieuIngest", dependencies: [
            "ChitieuModel", "XlsxReader", "Spreadsheet",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "ChitieuExtract", dependencies: ["ChitieuModel"]),
        .target(name: "ChitieuEvaluate", dependencies: ["ChitieuModel"]),
        .target(name: "ChitieuCompare", dependencies: ["ChitieuModel"]),
        .target(name: "ChitieuEmit", dependencies: ["ChitieuModel", "Spreadsheet"]),
        // What is remembered between runs: SQLite through GRDB.
        .target(name: "ChitieuHistory", dependencies: ["ChitieuModel", .product(name: "GRDB", package: "GRDB.swift")]),

        // The only module that knows the order of the stages.
        .target(name: "ChitieuPipeline", dependencies: [
            "ChitieuModel", "ChitieuIngest", "ChitieuExtract", "ChitieuEvaluate", "ChitieuCompare", "ChitieuEmit",
            "ChitieuHistory", "XlsxWriter", "TextMetrics", "Spreadsheet",
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "chitieu", dependencies: [
            "ChitieuPipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // `make bench`: extraction throughput on the samples repeated to about 50 MB.
        // The C floor program in reference/ is compiled by the Makefile, not by SwiftPM.
        .executableTarget(name: "chitieu-bench", dependencies: ["ChitieuExtract", "ChitieuIngest", "ChitieuModel"],
                          exclude: ["reference"]),

        // Helpers shared by the test targets.
        .target(name: "TestSupport", dependencies: ["XlsxReader", .product(name: "ZIPFoundation", package: "ZIPFoundation")], path: "Tests/TestSupport"),
        .testTarget(name: "ChitieuModelTests", dependencies: ["ChitieuModel", "TestSupport"]),
        .testTarget(name: "ChitieuExtractTests", dependencies: ["ChitieuExtract", "ChitieuIngest", "ChitieuModel", "TestSupport"]),
        .testTarget(name: "ChitieuEvaluateTests", dependencies: ["ChitieuEvaluate", "ChitieuCompare", "ChitieuIngest", "ChitieuModel", "TestSupport"]),
        .testTarget(name: "WorkbookTests", dependencies: [
            "XlsxWriter", "XlsxReader", "TextMetrics", "Spreadsheet", "ChitieuEmit", "ChitieuModel", "TestSupport",
        ]),
        // Every hostile input of Tests/Fixtures/fuzz read as `make fuzz` reads it, with what it must give.
        .testTarget(name: "FuzzRegressionTests", dependencies: ["ChitieuIngest", "ChitieuExtract", "ChitieuPipeline", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "chitieu", "TestSupport", "XlsxReader", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "HistoryTests", dependencies: [
            "chitieu", "ChitieuHistory", "ChitieuModel", "TestSupport", "XlsxReader", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// `make fuzz` only: libFuzzer targets, one per parser of outside bytes (Fuzz/README.md). They
// have no main of their own (libFuzzer brings it), so they exist only in the fuzzing build,
// which sets CHITIEU_FUZZ and builds in its own folder with -sanitize=fuzzer.
if ProcessInfo.processInfo.environment["CHITIEU_FUZZ"] != nil {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("fuzz-text", ["ChitieuIngest", "ChitieuExtract", "ChitieuModel"]),
        ("fuzz-html", ["ChitieuIngest", "ChitieuExtract", "ChitieuModel"]),
        ("fuzz-docx", ["ChitieuIngest", "ChitieuExtract", "ChitieuModel"]),
        ("fuzz-xlsx", ["ChitieuIngest", "ChitieuModel", "XlsxReader"]),
        ("fuzz-csv", ["ChitieuIngest", "ChitieuModel"]),
        ("fuzz-yaml", ["ChitieuPipeline"]),
    ]
    for target in fuzzTargets {
        package.targets.append(.executableTarget(name: target.name, dependencies: target.dependencies + ["FuzzSupport"], path: "Fuzz/Targets/\(target.name)",
                                                      // gold trips over libFuzzer's own main beside SwiftPM's; lld links it.
                                                      linkerSettings: [.unsafeFlags(["-use-ld=lld"])]))
        package.products.append(.executable(name: target.name, targets: [target.name]))
    }
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["ChitieuIngest", "ChitieuExtract"], path: "Fuzz/Support"))
}
