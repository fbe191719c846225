import Foundation
import Testing

@testable import CCMCore

extension Tag {
  /// Needs a container engine.
  @Tag static var container: Self
  /// Runs against the docker CLI and a real dockerd.
  @Tag static var docker: Self
  /// Runs against the podman CLI.
  @Tag static var podman: Self
}

/// Which engines are present, and whether their absence is a failure (`CCMSH_REQUIRE_ENGINES=1`,
/// set by `.ci/run`) or a stated skip.
enum Engines {
  static let testImage =
    ProcessInfo.processInfo.environment["CCMSH_TEST_NODE_IMAGE"]
    ?? "localhost/ccmsh-test-node:latest"

  /// The flavours the test node image's own contract is checked on: `CCMSH_TEST_NODE_IMAGES`
  /// (comma or space separated), else both (root 2025.1, non-root 2025.4).
  static let testImages: [String] = {
    let listed = (ProcessInfo.processInfo.environment["CCMSH_TEST_NODE_IMAGES"] ?? "")
      .split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    return listed.isEmpty
      ? ["localhost/ccmsh-test-node:2025.1", "localhost/ccmsh-test-node:2025.4"] : listed
  }()

  /// Per shard; small, so that many directly run test nodes fit in the host's fs.aio-max-nr.
  static let networkingBlocks = ["--max-networking-io-control-blocks", "100"]

  static var required: Bool { ProcessInfo.processInfo.environment["CCMSH_REQUIRE_ENGINES"] == "1" }

  /// nil when the engine answers, else why not; probed once per engine and run.
  static func unavailability(_ kind: RuntimeKind) async -> String? {
    await (kind == .docker ? dockerProbe : podmanProbe).value
  }

  private static let dockerProbe = Task { await probe(.docker) }
  private static let podmanProbe = Task { await probe(.podman) }

  private static func probe(_ kind: RuntimeKind) async -> String? {
    let runner = SubprocessRunner()
    guard let path = runner.locate(executable: kind.rawValue) else {
      return "\(kind.rawValue) is not installed (run scripts/setup-container-runtime --docker)"
    }
    do {
      _ = try await RuntimeSelection.client(kind, path: path).version()
      return nil
    } catch let error as ContainerError {
      return error.message
    } catch {
      return "\(error)"
    }
  }

  /// Run the suite when the engine answers, or when engines are required (it will then fail).
  static func shouldRun(_ kind: RuntimeKind) async -> Bool {
    if required { return true }
    guard let reason = await unavailability(kind) else { return true }
    print("skipping the \(kind.rawValue) integration suite: \(reason)")
    return false
  }

  /// The client under test; fails the test with the reason when the engine is missing.
  static func client(_ kind: RuntimeKind) async throws -> any ContainerClient {
    if let reason = await unavailability(kind) {
      Issue.record("CCMSH_REQUIRE_ENGINES=1 but \(kind.rawValue) is unavailable: \(reason)")
      throw ContainerError.runtimeNotFound(kind)
    }
    return RuntimeSelection.client(kind)
  }
}

/// One scenario's private namespace: unique names, one label on everything it creates, and a
/// clean-up that removes whatever carries the label and asserts that nothing is left.
struct Sandbox {
  static let labelKey = "org.ccmsh.integration-test"
  let client: any ContainerClient
  let id: String
  /// The image `node` runs.
  var image = Engines.testImage

  init(_ client: any ContainerClient, _ scenario: String, image: String = Engines.testImage) {
    self.client = client
    self.image = image
    id = "ccmsh-it-\(client.kind.rawValue)-\(scenario)-\(UUID().uuidString.prefix(8).lowercased())"
  }

  var labels: [String: String] { [Self.labelKey: id] }

  func name(_ suffix: String) -> String { "\(id)-\(suffix)" }

  /// Runs `body`, then removes everything labelled for this sandbox and checks it is gone.
  func run(_ body: (Sandbox) async throws -> Void) async throws {
    var failure: (any Error)?
    do { try await body(self) } catch { failure = error }
    for container in (try? await client.list(labels: labels)) ?? [] {
      try? await client.remove(container.name, mode: .force, volumes: .remove)
    }
    for network in (try? await client.listNetworks(labels: labels)) ?? [] {
      try? await client.removeNetwork(network)
    }
    #expect(try await client.list(labels: labels).isEmpty, "containers left behind")
    #expect(try await client.listNetworks(labels: labels).isEmpty, "networks left behind")
    if let failure { throw failure }
  }

  /// A labelled network on a random /24 (retrying on a clash with a network that exists).
  func network(_ suffix: String) async throws -> (name: String, prefix: String) {
    let name = name(suffix)
    var lastError: (any Error)?
    for _ in 0..<5 {
      let prefix = "10.\(Int.random(in: 160...223)).\(Int.random(in: 0...255))"
      do {
        try await client.createNetwork(
          NetworkSpec(name: name, subnet: "\(prefix).0/24", labels: labels))
        return (name, prefix)
      } catch {
        lastError = error
      }
    }
    throw lastError ?? ContainerError.noRuntimeAvailable
  }

  /// A test node container with this sandbox's label; its server gets a small networking AIO
  /// budget (an unknown flag to the entrypoint, passed on to the server) unless `aio` is false.
  func node(
    _ suffix: String, network: NetworkAttachment? = nil, environment: [String: String] = [:],
    volumes: [VolumeMount] = [], command: [String] = [], aio: Bool = true
  ) -> ContainerSpec {
    ContainerSpec(
      image: image, name: name(suffix), hostname: suffix, labels: labels,
      environment: environment, volumes: volumes, network: network,
      command: command + (aio ? Engines.networkingBlocks : []))
  }

  /// Polls the log until a line contains `text`.
  func waitForLog(_ container: String, _ text: String, timeout: Duration = .seconds(60))
    async throws
  {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if try await client.logs(container, options: LogOptions()).standardOutput.contains(text) {
        return
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("\(container): no log line containing '\(text)' within \(timeout)")
    throw ContainerError.timedOut(argv: ["logs", container], after: timeout)
  }

  /// Polls `inspect` until the container reaches `status`.
  func waitForStatus(
    _ container: String, _ status: ContainerStatus, timeout: Duration = .seconds(60)
  ) async throws -> ContainerInfo {
    let deadline = ContinuousClock.now + timeout
    var info = try await client.inspect(container)
    while info.state.status != status, ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(100))
      info = try await client.inspect(container)
    }
    #expect(info.state.status == status, "\(container) is \(info.state.status)")
    return info
  }
}

/// A fresh host directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("ccmsh-it-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try await body(path)
}
