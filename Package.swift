// swift-tools-version:6.0
import PackageDescription

/// NZS: the NeoZork Strategy language. Targets follow the pipeline; dependencies point down only:
/// NZSyntax <- NZSema <- NZIR <- NZEval -> NZRuntime; NZEngine -> NZEval, NZData (and CPrefetch, a cache hint); NZModes -> NZEngine;
/// the `nzs` executable sits on top. NZData reaches the system SQLite through CSQLite, and zstd and zlib (Parquet pages) through CCompression;
/// NZRuntime's machine-learning models reach OpenBLAS and LAPACKE through COpenBLAS.
let package = Package(
    name: "NZS",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nzs", targets: ["NZCLI"]),
        .library(name: "NZSKit", targets: ["NZModes"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "NZSyntax"),
        .target(name: "NZSema", dependencies: ["NZSyntax"]),
        .target(name: "NZIR", dependencies: ["NZSema"]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .target(name: "NZRuntime", dependencies: ["COpenBLAS"]),
        .target(name: "NZEval", dependencies: ["NZIR", "NZRuntime"]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CCompression", path: "Sources/CCompression"),
        .target(name: "NZData", dependencies: ["CSQLite", "CCompression"]),
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .target(name: "NZEngine", dependencies: ["NZEval", "NZData", "CPrefetch"]),
        .target(name: "NZModes", dependencies: ["NZEngine"]),
        .target(
            name: "NZCLIKit",
            dependencies: ["NZModes", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "NZCLI", dependencies: ["NZCLIKit"]),
        .testTarget(name: "NZSyntaxTests", dependencies: ["NZSyntax"]),
        .testTarget(name: "NZSemaTests", dependencies: ["NZSyntax", "NZSema", "NZIR"]),
        .testTarget(name: "NZIRTests", dependencies: ["NZSyntax", "NZSema", "NZIR"]),
        .testTarget(name: "NZRuntimeTests", dependencies: ["NZSema", "NZIR", "NZRuntime", "NZEval", "NZCLIKit"]),
        .testTarget(name: "NZEngineTests", dependencies: ["NZCLIKit", "NZEngine", "NZData", "NZModes"]),
        .testTarget(name: "GoldenTests", dependencies: ["NZCLIKit"]),
    ],
    swiftLanguageModes: [.v6]
)
