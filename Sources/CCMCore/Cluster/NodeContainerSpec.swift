/// The `run` arguments of one node's container, from cluster.conf and node.conf.
///
/// Volumes come from the one table (`ContainerVolumes`); the entrypoint flags are the official
/// image's (`--seeds --smp --memory --overprovisioned --developer-mode --api-address ...`), the
/// defaults below overridden by the cluster's then the node's `image_flags`.
enum NodeContainerSpec {
  /// Defaults for a test cluster: one shard, bounded memory, no production checks, and the REST
  /// API on the container's interface so other containers (and the host) reach it.
  static let defaultImageFlags: [String: String] = [
    "smp": "1", "memory": "1G", "overprovisioned": "1", "developer-mode": "1",
    "api-address": "0.0.0.0",
  ]

  /// ccm adds these (scylla tunes its threads and locks memory); harmless for other images.
  static let capabilities = ["SYS_NICE", "IPC_LOCK", "SYS_RAWIO"]

  /// The spec for `node`.
  ///
  /// `seeds` are the addresses to pass as `--seeds` (empty: the image uses the node's own).
  /// `caller` decides whether the ownership prelude runs first (see `ownershipPrelude`).
  static func build(
    node: NodeConf, of cluster: Cluster, containerName: String, seeds: [String],
    configDirectory: String, caller: ContainerCaller = .root
  ) -> ContainerSpec {
    let settings = cluster.conf.containerSettings.overridden(by: node.containerSettings)
    let nodeDirectory = cluster.nodeDirectory(node.name)
    let profile = cluster.profile(of: node)
    let flags = imageFlags(settings, seeds: seeds)
    let flagArguments = ImageFlagRules.arguments(flags)
    let (entrypoint, command): (String?, [String])
    switch caller {
    case .user(let group) where profile?.runsAsRoot ?? true:
      (entrypoint, command) = ("/bin/sh", ownershipPrelude(group: group) + flagArguments)
    default:
      // A non-root image cannot chown: `NodeOwnership` prepared the directories before the run.
      (entrypoint, command) = (nil, flagArguments)
    }
    var volumes = ContainerVolumes.all.map {
      VolumeMount(
        hostPath: nodeDirectory + "/" + $0.hostSubdirectory, containerPath: $0.containerPath)
    }
    if let supervisor = cluster.supervisorMount(for: node) {
      volumes.append(supervisor)
    }
    var labels = ContainerLabels.forCluster(cluster.name, configDirectory: configDirectory)
    labels[ContainerLabels.node] = node.name
    var spec = ContainerSpec(
      image: cluster.image(of: node) ?? "",
      name: containerName, hostname: node.name, labels: labels,
      environment: settings.environment,
      volumes: volumes,
      network: cluster.conf.clusterNetwork.map {
        let address = fixedAddress(of: node, in: cluster)
        return NetworkAttachment(
          network: $0, ipv4Address: address, aliases: [node.name],
          macAddress: address.flatMap {
            ContainerNames.mac(address: $0, cluster: cluster.name, configDirectory: configDirectory)
          })
      },
      publishedPorts: LoopbackPublication.ports(
        of: node, containerCQLPort: containerCQLPort(of: node, in: cluster)),
      entrypoint: entrypoint, command: command, capabilities: capabilities,
      securityOptions: ["seccomp=unconfined"],
      limits: ResourceLimits(cpus: settings.cpus, memoryBytes: settings.memoryBytes))
    spec.labels[ContainerLabels.specDigest] = digest(of: spec)
    return spec
  }

  /// The official image's entrypoint.
  static let imageEntrypoint = "/docker-entrypoint.py"

  /// The entrypoint flags: defaults, the AIO budget (`AIOBudget`), the seeds, then the
  /// cluster's and the node's own (the user's last word).
  static func imageFlags(_ settings: ContainerSettings, seeds: [String]) -> [String: String] {
    var flags = defaultImageFlags
    flags[AIOBudget.flag] = String(AIOBudget.defaultNetworkingBlocks)
    flags.merge(settings.imageFlags) { $1 }
    if flags["seeds"] == nil, !seeds.isEmpty { flags["seeds"] = seeds.joined(separator: ",") }
    return flags
  }

  /// `sh -c` arguments sharing the mounts between the image's `scylla` user and the caller, for
  /// images that start as root (up to 2025.1) when ccmsh does not run as root.
  ///
  /// Why: files the server writes as root could not be deleted by the caller. So: owner
  /// scylla, group the caller's (`group` as seen inside the container), group-writable, setgid
  /// directories so new files keep that group; then the image's entrypoint runs with the flags
  /// that follow. No file becomes world-writable; ccmsh gives everything back at clear/remove
  /// (`OwnershipRepair`). Images with a `USER` (2025.2 on) cannot chown from inside: for them
  /// `NodeOwnership` prepares the directories before the container runs.
  static func ownershipPrelude(group: String) -> [String] {
    let paths = ContainerVolumes.all.map(\.containerPath).joined(separator: " ")
    let share =
      "chown -R scylla:\(group) \(paths) && chmod -R g+rwX \(paths)"
      + " && find \(paths) -type d -exec chmod g+s {} +"
    return [
      "-c", "if id scylla >/dev/null 2>&1; then \(share); fi; exec \(imageEntrypoint) \"$@\"",
      "ccmsh-entrypoint",
    ]
  }

  /// The node's address when it is a fixed one in the cluster's subnet; nil lets the engine pick.
  static func fixedAddress(of node: NodeConf, in cluster: Cluster) -> String? {
    guard let subnet = cluster.conf.subnet, let host = node.networkAddress, subnet.contains(host)
    else { return nil }
    return host
  }

  /// The port the server takes CQL on in its container.
  ///
  /// Its scylla.yaml's `native_transport_port` (what it was generated with), else 9042.
  /// node.conf's binary port is
  /// the host side of the publication, so a harness that rewrites it between create and start
  /// (java's random ports) moves only the host port.
  static func containerCQLPort(of node: NodeConf, in cluster: Cluster) -> Int {
    guard node.publishedCQL != nil else { return CQLShell.defaultPort }
    let path = cluster.nodeDirectory(node.name) + "/conf/scylla.yaml"
    return (try? YAMLFile.readMapping(path))?["native_transport_port"]?.int
      ?? CQLShell.defaultPort
  }

  /// A stable digest of everything `run` fixes for the container's life (image, environment,
  /// flags, mounts, limits): equal digests mean a stopped container can be started again as is.
  static func digest(of spec: ContainerSpec) -> String {
    var text = [spec.image, spec.name, spec.hostname ?? ""]
    text += spec.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    text += spec.command
    text += spec.volumes.map { "\($0.hostPath):\($0.containerPath)" }
    text += spec.publishedPorts.map(\.argument)
    text += [
      spec.network?.network ?? "", spec.network?.ipv4Address ?? "",
      spec.network?.macAddress ?? "", "\(spec.limits.cpus ?? 0)",
      "\(spec.limits.memoryBytes ?? 0)",
    ]
    return String(ContainerNames.fnv1a(text.joined(separator: "\u{1F}")), radix: 16)
  }
}
