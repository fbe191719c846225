import Yams

/// Where a cluster spread over engines records its placement: keys scylla-ccm does not read
/// (it reads cluster.conf and node.conf key by key and ignores the others), absent for a cluster
/// on the CLI's default engine, so such a cluster's files are byte for byte as before.
extension NodeConf {
  /// The engine this node runs on (`ccmsh_engine:`); nil: the CLI's default engine.
  public var engine: EngineEndpoint? {
    get { fields[.engine]?.text.flatMap { try? EngineEndpoint(parsing: $0) } }
    set {
      fields.set(.engine, newValue.map { YAMLScalar.string($0.description) })
    }
  }
}

extension ClusterConf {
  /// The engines given at create, in order (`ccmsh_engines:`); empty for the default engine.
  var engines: [EngineEndpoint] {
    get {
      (fields[.engines]?.strings ?? []).compactMap {
        try? EngineEndpoint(parsing: $0)
      }
    }
    set {
      fields.set(
        .engines, newValue.isEmpty ? nil : YAMLScalar.stringList(newValue.map(\.description)))
    }
  }

  /// What ccmsh made of a Swarm for this cluster (`ccmsh_swarm:`), so `remove` undoes exactly
  /// that; nil for a cluster on one engine.
  var swarmSetup: SwarmSetup? {
    get {
      guard let record = fields[.swarm]?.mappingValue,
        let manager = record["manager"]?.text.flatMap(Int.init),
        let network = record["network"]?.text
      else { return nil }
      return SwarmSetup(
        managerIndex: manager, createdSwarm: record["created_swarm"]?.text == "true",
        joinedIndices: (record["joined"]?.strings ?? []).compactMap { Int($0) },
        network: network,
        gatewayBridges: (record["gateway_bridges"]?.strings ?? []).compactMap { Int($0) })
    }
    set {
      fields.set(
        .swarm,
        newValue.map { setup in
          .mapping(
            Node.Mapping([
              (Node("manager"), YAMLScalar.int(setup.managerIndex)),
              (Node("created_swarm"), Node(setup.createdSwarm ? "true" : "false")),
              (Node("joined"), Node(setup.joinedIndices.map { YAMLScalar.int($0) })),
              (Node("network"), YAMLScalar.string(setup.network)),
              (Node("gateway_bridges"), Node(setup.gatewayBridges.map { YAMLScalar.int($0) })),
            ]))
        })
    }
  }
}
