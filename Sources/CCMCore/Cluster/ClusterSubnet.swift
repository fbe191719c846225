import Yams

/// Fixed node addresses on the cluster's network.
///
/// Why fixed: engines hand out a new address when a stopped container starts again (podman
/// does it every time), and a Scylla node whose address changes is a different node to its
/// peers. So the network gets an explicit /24 at create (Docker only accepts `--ip` on a network
/// with a configured subnet), node N gets `<prefix>.<N+1>` (`.1` is the gateway), and the
/// addresses are in node.conf and every scylla.yaml before anything starts.
struct ClusterSubnet: Sendable, Hashable {
  /// The first three octets, `10.201.7`.
  let prefix: String

  init(prefix: String) { self.prefix = prefix }

  /// `10.201.7.0/24`.
  var cidr: String { prefix + ".0/24" }

  /// Parses `a.b.c.0/24` (what the network reports); nil for anything else.
  init?(cidr: String) {
    let parts = cidr.split(separator: "/")
    guard parts.count == 2, parts[1] == "24" else { return nil }
    let octets = parts[0].split(separator: ".")
    guard octets.count == 4 else { return nil }
    prefix = octets.prefix(3).joined(separator: ".")
  }

  /// A random private /24 to try (10.160.0.0 - 10.223.255.0; engines pick from 10.88+ and
  /// 172.17+ themselves, so a clash is unlikely, and it is retried anyway).
  static func random() -> ClusterSubnet {
    ClusterSubnet(prefix: "10.\(Int.random(in: 160...223)).\(Int.random(in: 0...255))")
  }

  /// Whether `address` is in this subnet.
  func contains(_ address: String) -> Bool { address.hasPrefix(prefix + ".") }

  /// The lowest host address from .2 that none of `used` has.
  func firstFree(excluding used: [String]) -> String? {
    let taken = Set(used)
    return (2...254).lazy.map { "\(prefix).\($0)" }.first { !taken.contains($0) }
  }

  /// Gives every node of `cluster` whose address is outside the subnet (ccm's 127.0.0.N
  /// placeholders) a free address in it, in node order; ports are kept.
  ///
  /// A node whose loopback address is to be published (the cluster's prefix is a loopback one,
  /// or the node is in `loopbackNodes`, given by `add -i 127.x.y.z`) keeps it in node.conf and
  /// gets the subnet address as `container_address` instead.
  func assignAddresses(in cluster: inout Cluster, loopbackNodes: Set<String> = []) {
    var used = cluster.nodes.compactMap(\.networkAddress).filter(contains)
    let publishes = cluster.conf.publishesLoopback
    for index in cluster.nodes.indices {
      let node = cluster.nodes[index]
      guard let storage = node.storage, node.containerAddress == nil, !contains(storage.host),
        let address = firstFree(excluding: used)
      else { continue }
      used.append(address)
      let keepsLoopback =
        (publishes || loopbackNodes.contains(node.name))
        && LoopbackPublication.isLoopback(storage.host)
      if keepsLoopback {
        cluster.nodes[index].containerAddress = address
        continue
      }
      cluster.nodes[index].storage = Endpoint(host: address, port: storage.port)
      cluster.nodes[index].binary = cluster.nodes[index].binary.map {
        Endpoint(host: address, port: $0.port)
      }
    }
  }
}

extension ClusterConf {
  /// `cluster_subnet:` of a container cluster with fixed addresses.
  var subnet: ClusterSubnet? {
    get { fields[.clusterSubnet]?.text.flatMap(ClusterSubnet.init(cidr:)) }
    set {
      fields.set(.clusterSubnet, newValue.map { YAMLScalar.string($0.cidr) } ?? YAMLScalar.null)
    }
  }
}
