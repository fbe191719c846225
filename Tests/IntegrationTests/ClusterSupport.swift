import Foundation
import Testing

@testable import CCMCore

/// Whether the cluster suites run on an engine: it must answer (or be required) and be named by
/// `CCMSH_TEST_ENGINES` (`docker`, `podman`, `docker,podman`; unset runs both).
enum ClusterSuiteGate {
  static func shouldRun(_ kind: RuntimeKind) async -> Bool {
    if let list = ProcessInfo.processInfo.environment["CCMSH_TEST_ENGINES"], !list.isEmpty,
      !list.split(whereSeparator: { ",| ".contains($0) }).contains(where: { $0 == kind.rawValue })
    {
      print("skipping the \(kind.rawValue) cluster suite: CCMSH_TEST_ENGINES does not name it")
      return false
    }
    return await Engines.shouldRun(kind)
  }
}

/// One scenario's own config dir (so its containers and network carry a unique
/// `org.ccmsh.config-dir` label), the operations over it, and a clean-up that asserts the
/// scenario left nothing behind before removing whatever a failure left.
struct ClusterSandbox {
  let kind: RuntimeKind
  let client: any ContainerClient
  let root: String
  let operations: ClusterOperations
  /// Network names (`ccm-<cluster>`) are engine-wide, so cluster names carry this suffix and
  /// overlapping runs and suites never collide.
  let suffix = String(UUID().uuidString.prefix(6)).lowercased()

  init(_ kind: RuntimeKind, client: any ContainerClient) {
    self.kind = kind
    self.client = client
    root =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("ccmsh-cl-\(kind.rawValue)-\(UUID().uuidString.prefix(8))").path
    operations = ClusterOperations(store: ClusterStore(root: root))
  }

  /// A cluster name unique to this sandbox.
  func name(_ base: String) -> String { "\(base)-\(suffix)" }

  var environment: [String: String] { ["CCM_CONTAINER_RUNTIME": kind.rawValue] }
  var setup: ContainerClusterSetup {
    ContainerClusterSetup(operations: operations, environment: environment)
  }
  var labels: [String: String] { [ContainerLabels.configDirectory: root] }

  /// A container cluster of `nodes` test nodes (not started).
  @discardableResult
  func create(
    _ name: String, nodes: Int, settings: ContainerSettings = ContainerSettings(),
    image: String = Engines.testImage
  ) async throws -> Cluster {
    try await setup.create(
      ClusterSpec(
        name: name, source: .container(image: image, runtime: nil, baseConfig: nil),
        nodeCount: try NodeCount(parsing: String(nodes))),
      settings: settings, pull: .requirePresent)
  }

  func lifecycle(_ name: String) async throws -> ContainerLifecycle {
    let runtime = try await ClusterRuntime.resolve(
      operations, cluster: name, environment: environment)
    // A test keeps its life-cycle over many commands, so every operation reads the files.
    runtime.resolved.discard()
    return ContainerLifecycle(runtime: runtime)
  }

  /// Runs `body`, then checks and cleans up.
  ///
  /// On success nothing labelled with this config dir may remain. Everything
  /// is then removed anyway (after a failure) and the config dir deleted.
  func run(_ body: (ClusterSandbox) async throws -> Void) async throws {
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    var failure: (any Error)?
    do { try await body(self) } catch { failure = error }
    if failure == nil {
      #expect(try await client.list(labels: labels).isEmpty, "containers left behind")
      #expect(try await client.listNetworks(labels: labels).isEmpty, "networks left behind")
    }
    for container in (try? await client.list(labels: labels)) ?? [] {
      try? await client.remove(container.name, mode: .force, volumes: .remove)
    }
    for network in (try? await client.listNetworks(labels: labels)) ?? [] {
      try? await client.removeNetwork(network)
    }
    try? FileManager.default.removeItem(atPath: root)
    if let failure { throw failure }
  }
}

/// Start options for tests. The timeout only guards against a hang (a test node is ready in
/// about a second); a crash is reported at once whatever it is.
extension StartOptions {
  static func test(
    _ order: StartOrder = .sequential, readiness: Readiness = .binaryProtocol,
    otherNotice: OtherNotice = .skip
  ) -> StartOptions {
    StartOptions(
      order: order, readiness: readiness, otherNotice: otherNotice, timeout: .seconds(90))
  }
}
