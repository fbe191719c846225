import Foundation

/// One node moved to another image by `upgrade`.
public struct NodeUpgrade: Sendable, Hashable {
  public var node: String
  public var from: String?
  public var to: String
  public var fromVersion: String?
  public var toVersion: String?
}

/// upgrade: a version is an image, so a version change is the node's container re-created on
/// another image over the same directories, address and settings (dtest's `set_install_dir`,
/// done the container way).
///
/// The new image is checked (present, its profile read, its flags) before anything is touched;
/// the node is drained and stopped gently; node.conf records the new image and its profile;
/// the old container goes; the files are handed to the new image's user when it differs
/// (images up to 2025.1 run as root, later ones as `scylla`); the node starts and is awaited as
/// `start` awaits. A failure after the stop puts the node's record, its files' owner and
/// (when it was running) the node itself back on the old image, and says so.
extension ContainerLifecycle {
  /// Moves one node to `image`.
  public func upgrade(
    _ name: String, to image: String, options: StartOptions, stopTimeout: Duration
  ) async throws -> NodeUpgrade {
    let plan = try await plan(name, to: image)
    let backend = runtime.backend(plan.node, in: plan.cluster)
    let wasRunning = try await quiesce(backend, stopTimeout: stopTimeout)
    do {
      try await switchImage(plan)
      try await start([name], options: options)
    } catch {
      throw await restore(plan, after: error, restart: wasRunning, options: options)
    }
    return plan.result
  }

  /// Moves every node (decommissioned ones aside) to `image`.
  ///
  /// Rolling: node by node, each awaited until the others notice it up before the next.
  /// Otherwise: every node drained and stopped, then all started on the new image. Nodes
  /// already on it are left alone. A failure stops the roll; the error says where each node
  /// is. When every node is on `image`, it becomes the cluster's image (nodes added later run
  /// it).
  public func upgradeCluster(
    to image: String, rolling: Bool, options: StartOptions, stopTimeout: Duration
  ) async throws -> [NodeUpgrade] {
    let cluster = try runtime.read()
    let names = cluster.nodes.filter {
      $0.status != .decommissioned && cluster.image(of: $0) != image
    }.map(\.name)
    var done: [NodeUpgrade] = []
    if rolling {
      var each = options
      each.otherNotice = .wait
      if each.readiness == .launched { each.readiness = .readyLine }
      for name in names {
        do {
          done.append(try await upgrade(name, to: image, options: each, stopTimeout: stopTimeout))
        } catch {
          var detail = Self.text(of: error)
          if case CCMError.upgradeFailed(_, let inner) = error { detail = inner }
          throw CCMError.upgradeFailed(
            node: name, detail: detail + "; the roll stopped: " + placement())
        }
      }
    } else {
      done = try await upgradeAllAtOnce(
        names, to: image, options: options, stopTimeout: stopTimeout)
    }
    try await adopt(image)
    return done
  }

  // MARK: steps

  /// What an upgrade of one node starts from and goes to, settled before anything changes.
  struct UpgradePlan {
    var cluster: Cluster
    var node: NodeConf
    var image: String
    var profile: ImageProfile
    var result: NodeUpgrade
  }

  func plan(_ name: String, to image: String) async throws -> UpgradePlan {
    let cluster = try runtime.read()
    let node = try cluster.node(named: name)
    guard node.status != .decommissioned else {
      throw CCMError.nodeState(node: name, problem: "is decommissioned and cannot be upgraded")
    }
    let old = cluster.image(of: node)
    guard old != image else {
      throw CCMError.nodeState(node: name, problem: "already runs \(image)")
    }
    let client = runtime.engines.client(for: node.engine)
    _ = try await ImageCheck.ensure(image, policy: .requirePresent, client: client)
    let profile: ImageProfile
    if image == cluster.conf.dockerImage, let known = cluster.conf.imageProfile {
      profile = known
    } else {
      profile = try await NodeImage.readProfile(
        image, client: client, clusterDirectory: cluster.directory)
    }
    let settings = cluster.conf.containerSettings.overridden(by: node.containerSettings)
    try ImageFlagRules.check(settings.imageFlags, profile: profile, subject: "\(name):")
    var target = node
    target.setDockerImage(image == cluster.conf.dockerImage ? nil : image)
    target.ownImageProfile = image == cluster.conf.dockerImage ? nil : profile
    var after = cluster
    if let index = after.nodes.firstIndex(where: { $0.name == name }) {
      after.nodes[index] = target
    }
    return UpgradePlan(
      cluster: cluster, node: node, image: image, profile: profile,
      result: NodeUpgrade(
        node: name, from: old, to: image, fromVersion: cluster.version(of: node),
        toVersion: after.version(of: target)))
  }

  /// Drains and gently stops a running node; returns whether it was running.
  private func quiesce(_ backend: ContainerNodeBackend, stopTimeout: Duration) async throws -> Bool
  {
    switch try await backend.state() {
    case .running: break
    case .paused:
      throw CCMError.nodeState(node: backend.nodeName, problem: "is paused (resume it first)")
    default: return false
    }
    if await backend.serverState()?.isDown == true {
      try await stop([backend.nodeName], mode: .gentle(timeout: stopTimeout))
      return false
    }
    let drain = try await backend.exec(ExecRequest(["nodetool", "drain"], timeout: .seconds(600)))
    guard drain.exitCode == 0 else {
      let output =
        (drain.standardError + drain.standardOutput)
        .split(separator: "\n").last.map(String.init) ?? ""
      throw CCMError.nodeState(
        node: backend.nodeName,
        problem: "nodetool drain failed (exit \(drain.exitCode)): \(output); not upgraded")
    }
    try await stop([backend.nodeName], mode: .gentle(timeout: stopTimeout))
    return true
  }

  /// Records the plan's image in node.conf, removes the old container and hands the files to
  /// the new image's user.
  private func switchImage(_ plan: UpgradePlan) async throws {
    try record(image: plan.image, profile: plan.profile, for: plan.node.name)
    try await runtime.backend(plan.node, in: plan.cluster).destroy()
    try await handOver(plan.node, in: plan.cluster, to: plan.profile, image: plan.image)
  }

  /// node.conf's image keys of `name`: none of its own when `image` is the cluster's.
  private func record(image: String?, profile: ImageProfile?, for name: String) throws(CCMError) {
    try runtime.modify { (cluster: inout Cluster) throws(CCMError) in
      let own = image != cluster.conf.dockerImage
      for index in cluster.nodes.indices where cluster.nodes[index].name == name {
        cluster.nodes[index].setDockerImage(own ? image : nil)
        cluster.nodes[index].ownImageProfile = own ? profile : nil
        cluster.nodes[index].status = .down
      }
    }
  }

  /// The node's directories for `profile`'s user: a non-root image's user gets them
  /// (`NodeOwnership`); a root image gets them back when ccmsh is root (otherwise the root
  /// image's own prelude shares them at its start).
  private func handOver(
    _ node: NodeConf, in cluster: Cluster, to profile: ImageProfile?, image: String?
  ) async throws {
    guard node.engine == nil else { return }
    let directory = cluster.nodeDirectory(node.name)
    if let profile, !profile.runsAsRoot {
      try await NodeOwnership.prepare([directory], profile: profile, image: image, client: client)
    } else if geteuid() == 0 {
      for volume in ContainerVolumes.all where volume != ContainerVolumes.conf {
        let path = directory + "/" + volume.hostSubdirectory
        guard FileManager.default.fileExists(atPath: path) else { continue }
        try NodeOwnership.chownTree(path, uid: 0, gid: 0)
      }
    }
  }

  /// Puts a node whose upgrade failed back on its old image; returns the error to report.
  private func restore(
    _ plan: UpgradePlan, after cause: any Error, restart: Bool, options: StartOptions
  ) async -> CCMError {
    let name = plan.node.name
    let old = plan.result.from ?? "its old image"
    var steps: [String] = []
    do {
      try runtime.modify { (cluster: inout Cluster) throws(CCMError) in
        for index in cluster.nodes.indices where cluster.nodes[index].name == name {
          var restored = plan.node
          restored.status = .down
          restored.dockerID = cluster.nodes[index].dockerID
          cluster.nodes[index] = restored
        }
      }
      try await runtime.backend(plan.node, in: plan.cluster).destroy()
      try await handOver(
        plan.node, in: plan.cluster, to: plan.cluster.profile(of: plan.node),
        image: plan.result.from)
      steps.append("\(name) is on \(old) again")
    } catch {
      return .upgradeFailed(
        node: name,
        detail:
          "to \(plan.image), and putting it back on \(old) failed too (\(Self.text(of: error)))"
          + "; the cause: " + Self.text(of: cause))
    }
    if restart {
      do {
        try await start([name], options: options)
        steps.append("and started")
      } catch {
        steps.append("but did not start there: \(Self.text(of: error))")
      }
    } else {
      steps.append("and stopped (start it: \(name) start)")
    }
    return .upgradeFailed(
      node: name,
      detail: "to \(plan.image); " + steps.joined(separator: " ") + "; the cause: "
        + Self.text(of: cause))
  }

  /// The non-rolling upgrade: every node drained and stopped, all re-created, then started.
  private func upgradeAllAtOnce(
    _ names: [String], to image: String, options: StartOptions, stopTimeout: Duration
  ) async throws -> [NodeUpgrade] {
    var plans: [UpgradePlan] = []
    for name in names { plans.append(try await plan(name, to: image)) }
    var running: [String] = []
    for plan in plans {
      let backend = runtime.backend(plan.node, in: plan.cluster)
      if try await quiesce(backend, stopTimeout: stopTimeout) { running.append(plan.node.name) }
    }
    do {
      for plan in plans { try await switchImage(plan) }
      try await start(names, options: options)
    } catch {
      for plan in plans {
        _ = await restore(
          plan, after: error, restart: running.contains(plan.node.name), options: options)
      }
      throw CCMError.upgradeFailed(
        node: names.joined(separator: ","),
        detail: Self.text(of: error) + "; every node was put back: " + placement())
    }
    return plans.map(\.result)
  }

  /// When every node runs `image`, it becomes the cluster's: cluster.conf's image, id and
  /// profile, the image's files in the cluster's cache, no node keeping keys of its own.
  private func adopt(_ image: String) async throws {
    let cluster = try runtime.read()
    guard cluster.conf.dockerImage != image,
      cluster.nodes.allSatisfy({ $0.status == .decommissioned || cluster.image(of: $0) == image }),
      let sample = cluster.nodes.first(where: { cluster.image(of: $0) == image }),
      let profile = cluster.profile(of: sample)
    else { return }
    let info = try await runtime.engines.client(for: sample.engine).inspectImage(image)
    let source = NodeImage.profileDirectory(clusterDirectory: cluster.directory, image: image)
    let cache = cluster.directory + "/" + ImageConfigCache.directoryName
    let names = ["passwd", "group", "scylla-server.conf"].map { ImageProfile.prefix + $0 }
    for name in names + [ImageProfile.supervisorFile] {
      let from = source + "/" + name
      let to = cache + "/" + name
      guard FileManager.default.fileExists(atPath: from) else { continue }
      try? FileManager.default.removeItem(atPath: to + ".new")
      do {
        try FileManager.default.copyItem(atPath: from, toPath: to + ".new")
      } catch {
        throw CCMError.fileSystem(path: to, problem: "cannot copy: \(error.localizedDescription)")
      }
      guard rename(to + ".new", to) == 0 else {
        throw CCMError.fileSystem(path: to, problem: AtomicFile.errnoText())
      }
    }
    try runtime.modify { (cluster: inout Cluster) throws(CCMError) in
      cluster.conf.dockerImage = image
      cluster.conf.dockerImageID = info.id
      cluster.conf.dockerImageDigest = info.digests.first
      cluster.conf.imageProfile = profile
      for index in cluster.nodes.indices where cluster.nodes[index].dockerImage == image {
        cluster.nodes[index].setDockerImage(nil)
        cluster.nodes[index].ownImageProfile = nil
      }
    }
  }

  /// `node1 on IMG1, node2 on IMG2` from the files as they are now.
  private func placement() -> String {
    guard let cluster = try? runtime.load() else { return "(the cluster's files cannot be read)" }
    return cluster.nodes.map { "\($0.name) on \(cluster.image(of: $0) ?? "no image")" }
      .joined(separator: ", ")
  }

  static func text(of error: any Error) -> String {
    switch error {
    case let error as CCMError: error.message
    case let error as ContainerError: error.message
    case let error as NodeToolError: error.message
    case let error as ProcessError: error.message
    default: String(describing: error)
    }
  }
}
