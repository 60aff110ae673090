// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Roster",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "roster", targets: ["roster"]),
        .library(name: "RosterCore", targets: ["RosterCore"]),
        .library(name: "RosterYAML", targets: ["RosterYAML"]),
        .library(name: "Auth0Emulator", targets: ["Auth0Emulator"]),
        .library(name: "Auth0Management", targets: ["Auth0Management"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev, Homebrew: libyaml). Never a vendored copy.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(
            name: "RosterCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "RosterYAML", dependencies: ["CYAML", "RosterCore"]),
        // A local Auth0 Management API. Shares no types with any client code on purpose.
        .target(
            name: "Auth0Emulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Roster's Management API client. Shares no types with the emulator on purpose.
        .target(
            name: "Auth0Management",
            dependencies: [
                "RosterCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The session: load -> read -> plan -> guard -> apply, with the plan file and the journal.
        .target(
            name: "Roster",
            dependencies: [
                "RosterCore",
                "RosterYAML",
                "Auth0Management",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RosterCLI",
            dependencies: [
                "Roster",
                "RosterCore",
                "RosterYAML",
                "Auth0Emulator",
                "Auth0Management",
                .product(name: "Logging", package: "swift-log"),
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
                "CYAML", "RosterCore", "RosterYAML", "Roster", "Auth0Management", "Auth0Emulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Runs the built roster-bench --quick: it runs, and its request counts are exact.
        .testTarget(name: "RosterBenchTests"),
        .testTarget(name: "RosterCoreTests", dependencies: ["RosterCore"], exclude: ["Snapshots", "Fixtures"]),
        .testTarget(
            name: "RosterYAMLTests",
            dependencies: ["RosterYAML", "RosterCore", "CYAML"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "Auth0EmulatorTests",
            dependencies: [
                "Auth0Emulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "Auth0ManagementTests",
            dependencies: [
                "Auth0Management",
                "Auth0Emulator",
                "RosterCore",
                "RosterYAML",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Fixtures"]
        ),
        // Starts child processes for tests with posix_spawn (Foundation's Process.run can
        // crash a long test run on Linux); used by the test targets only.
        .target(name: "ChildProcessSupport", path: "Tests/ChildProcessSupport"),
        .testTarget(
            name: "RosterTests",
            dependencies: [
                "ChildProcessSupport",
                "Roster",
                "RosterCore",
                "Auth0Management",
                "Auth0Emulator",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "RosterCLITests",
            dependencies: [
                "ChildProcessSupport",
                "RosterCore",
                "Auth0Emulator",
                .product(name: "Logging", package: "swift-log"),
                "RosterCLI",
                "Auth0Management",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
