// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Roster",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "roster", targets: ["roster"]),
        .library(name: "RosterCore", targets: ["RosterCore"]),
        .library(name: "RosterYAML", targets: ["RosterYAML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev, Homebrew: libyaml). Never a vendored copy.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "RosterCore"),
        .target(name: "RosterYAML", dependencies: ["CYAML", "RosterCore"]),
        .target(
            name: "RosterCLI",
            dependencies: [
                "RosterCore",
                "RosterYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "roster",
            dependencies: ["RosterCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "roster-bench",
            dependencies: [
                "CYAML", "RosterCore", "RosterYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RosterCoreTests", dependencies: ["RosterCore"]),
        .testTarget(
            name: "RosterYAMLTests",
            dependencies: ["RosterYAML", "RosterCore", "CYAML"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RosterCLITests",
            dependencies: ["RosterCore"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
