// swift-tools-version:6.0
// libFuzzer harnesses for Roster's untrusted-input readers. A package of its own, so the
// root package's `swift build` and `swift test` never see it. Build and run with
// `scripts/fuzz <loader|plan> <seconds>` (Linux; needs a toolchain with -sanitize=fuzzer).
import PackageDescription

// A path dependency's identity is its folder's name, whatever the clone is called.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "roster"

let package = Package(
    name: "RosterFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        // The desired-state loader: libyaml events, the schema decoder, diagnostics.
        .executableTarget(
            name: "FuzzLoader",
            dependencies: [
                .product(name: "RosterYAML", package: root),
                .product(name: "RosterCore", package: root),
            ]
        ),
        // The plan file reader: JSON, format version, step integrity, renderings.
        .executableTarget(
            name: "FuzzPlan",
            dependencies: [.product(name: "RosterCore", package: root)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
