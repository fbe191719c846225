// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "ccmsh",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "ccmsh", targets: ["CCMShell"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    // The scenario language. Depends on nothing but Foundation; reaches commands via CommandHost.
    // The one wait engine (deadline, interval, last observation), shared by CCMCore and CCMLang.
    .target(name: "CCMWait"),
    .target(name: "CCMLang", dependencies: ["CCMWait"]),
    // Cluster model, disk state, config generation, container clients, node lifecycle, waits.
    .target(
      name: "CCMCore",
      dependencies: [
        "CCMWait",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Subprocess", package: "swift-subprocess"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // libedit's native API, through a shim header for its variadic functions.
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    // The ccmsh executable: one command table for CLI, REPL and scripts.
    .executableTarget(
      name: "CCMShell",
      dependencies: [
        "CCMCore",
        "CCMLang",
        "CCMWait",
        "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Shared by the unit test targets: the in-memory engine and the argv fakes' vocabulary.
    .target(name: "CCMTestSupport", dependencies: ["CCMCore"], path: "Tests/CCMTestSupport"),
    .testTarget(name: "CCMWaitTests", dependencies: ["CCMWait"]),
    .testTarget(name: "CCMLangTests", dependencies: ["CCMLang", "CCMWait"]),
    .testTarget(name: "CCMCoreTests", dependencies: ["CCMCore", "CCMWait", "CCMTestSupport"]),
    .testTarget(
      name: "CCMShellTests", dependencies: ["CCMShell", "CCMCore", "CCMLang", "CCMTestSupport"]),
    // Real engines: Podman and Docker. Skips with a reason when none is present, fails under CI.
    .testTarget(
      name: "IntegrationTests", dependencies: ["CCMCore", "CCMWait", "CCMTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
