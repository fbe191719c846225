/// One engine taking part in a multi-engine cluster, and the address it advertises to the Swarm.
struct SwarmMember: Sendable {
  let client: DockerClient
  /// An address on the underlay the other engines reach (2377, 7946 and 4789/udp open); nil lets
  /// the engine pick its only address.
  let advertiseAddress: String?

  init(client: DockerClient, advertiseAddress: String? = nil) {
    self.client = client
    self.advertiseAddress = advertiseAddress
  }

  /// For messages: the endpoint as the user typed it, or "the default engine".
  var name: String { client.endpoint?.description ?? "the default engine" }
}

/// What `SwarmNetwork.prepare` made, so removal undoes exactly that: record it in cluster.conf.
struct SwarmSetup: Sendable, Hashable {
  /// The member (index into the members list) where the overlay lives and tokens come from.
  var managerIndex: Int
  /// ccmsh ran `swarm init` there: the Swarm goes when the cluster does.
  var createdSwarm: Bool
  /// Members ccmsh joined to the Swarm; they leave it when the cluster goes.
  var joinedIndices: [Int]
  var network: String
  /// Members where entering the Swarm made the engine's `docker_gwbridge` (it was not there):
  /// it goes after they leave, so the engine is as ccmsh found it.
  var gatewayBridges: [Int]

  init(
    managerIndex: Int, createdSwarm: Bool, joinedIndices: [Int], network: String,
    gatewayBridges: [Int] = []
  ) {
    self.managerIndex = managerIndex
    self.createdSwarm = createdSwarm
    self.joinedIndices = joinedIndices
    self.network = network
    self.gatewayBridges = gatewayBridges
  }

  /// The bridge an engine makes when it enters a Swarm (its containers' way out of an overlay).
  static let gatewayBridge = "docker_gwbridge"
}

/// The network layer of a cluster spread over several docker engines: a Swarm used only for its
/// attachable overlay, with nodes still standalone containers with fixed addresses (Swarm services
/// cannot keep a fixed IP or stay stopped).
///
/// It initialises a Swarm when no member is in one, joins members that are not, uses the one the
/// members already form, and refuses members of different Swarms. Everything is checked before
/// any container exists; a failure part-way undoes what this call made.
enum SwarmNetwork {
  static func prepare(
    members: [SwarmMember], overlay: NetworkSpec, ipRange: String? = nil,
    addressPool: String? = nil
  ) async throws -> SwarmSetup {
    guard members.count >= 2 else {
      throw CCMError.invalidArgument("an overlay cluster needs at least two engines")
    }
    var states: [SwarmState] = []
    for member in members { states.append(try await member.client.swarmState()) }
    try checkMembership(members, states)

    var setup = SwarmSetup(
      managerIndex: 0, createdSwarm: false, joinedIndices: [], network: overlay.name)
    do {
      if let index = states.indices.first(where: { states[$0].isActive && states[$0].isManager }) {
        setup.managerIndex = index
      } else {
        let hadBridge = try await members[0].client.networkExists(SwarmSetup.gatewayBridge)
        try await members[0].client.swarmInit(
          advertiseAddress: members[0].advertiseAddress, addressPool: addressPool)
        setup.createdSwarm = true
        if !hadBridge { setup.gatewayBridges.append(0) }
        states[0] = try await members[0].client.swarmState()
      }
      let manager = members[setup.managerIndex]
      let joinAddress = states[setup.managerIndex].joinAddress
      let inactive = states.indices.filter { states[$0].isInactive && $0 != setup.managerIndex }
      if !inactive.isEmpty {
        let token = try await manager.client.swarmWorkerToken()
        for index in inactive {
          let hadBridge = try await members[index].client.networkExists(SwarmSetup.gatewayBridge)
          try await members[index].client.swarmJoin(
            token: token, manager: joinAddress, advertiseAddress: members[index].advertiseAddress)
          setup.joinedIndices.append(index)
          if !hadBridge { setup.gatewayBridges.append(index) }
        }
      }
      try await ensureOverlay(overlay, ipRange: ipRange, on: manager)
      return setup
    } catch {
      // Only what this call made; the first error is the one to report.
      await undoSwarm(setup, members: members)
      throw error
    }
  }

  /// Undoes `prepare`: the overlay, then the joins, then the Swarm ccmsh created.
  ///
  /// The overlay goes only when it carries `overlay.labels` (ccmsh made it); members ccmsh joined
  /// leave, then the manager when ccmsh created the Swarm. A Swarm ccmsh found is kept, and so
  /// is one ccmsh made while another overlay is still on it (another cluster found it and uses
  /// it). Every step runs; the first failure is thrown at the end.
  static func remove(
    _ setup: SwarmSetup, members: [SwarmMember], overlay: NetworkSpec
  ) async throws {
    guard members.indices.contains(setup.managerIndex) else {
      throw CCMError.invalidArgument(
        "the recorded Swarm manager #\(setup.managerIndex + 1) is not among the cluster's engines")
    }
    var firstError: (any Error)?
    let manager = members[setup.managerIndex]
    do {
      if let labels = try await manager.client.networkLabels(overlay.name),
        overlay.labels.allSatisfy({ labels[$0.key] == $0.value })
      {
        try await manager.client.removeNetwork(overlay.name)
      }
    } catch {
      firstError = error
    }
    do {
      let others =
        setup.createdSwarm || !setup.joinedIndices.isEmpty
        ? try await manager.client.overlayNetworks().filter { $0 != overlay.name } : []
      if others.isEmpty { try await undoSwarmThrowing(setup, members: members) }
    } catch {
      firstError = firstError ?? error
    }
    if let firstError { throw firstError }
  }

  /// Refuses, before anything is made, members in a state ccmsh cannot use.
  static func checkMembership(_ members: [SwarmMember], _ states: [SwarmState]) throws {
    for (member, state) in zip(members, states) where !state.isActive && !state.isInactive {
      let detail = state.error.isEmpty ? "" : ": \(state.error)"
      throw CCMError.container(
        "engine \(member.name) is in Swarm state '\(state.localNodeState)'\(detail);"
          + " fix or leave that Swarm first")
    }
    let active = states.indices.filter { states[$0].isActive }
    if let first = active.first,
      let stranger = active.first(where: { !states[$0].sharesSwarm(with: states[first]) })
    {
      throw CCMError.container(
        "engines \(members[first].name) and \(members[stranger].name) are in different Swarms;"
          + " use engines of one Swarm, or engines in none")
    }
    if !active.isEmpty, !active.contains(where: { states[$0].isManager }) {
      throw CCMError.container(
        "engines \(active.map { members[$0].name }.joined(separator: ", ")) are Swarm workers and"
          + " no engine given is a manager of their Swarm; add a manager engine")
    }
  }

  static func ensureOverlay(
    _ overlay: NetworkSpec, ipRange: String? = nil, on manager: SwarmMember
  ) async throws {
    guard let labels = try await manager.client.networkLabels(overlay.name) else {
      try await manager.client.createOverlay(overlay, ipRange: ipRange)
      return
    }
    guard overlay.labels.allSatisfy({ labels[$0.key] == $0.value }) else {
      throw CCMError.container(
        "network \(overlay.name) already exists on \(manager.name) and ccmsh did not make it;"
          + " remove it or choose another cluster name")
    }
  }

  private static func undoSwarm(_ setup: SwarmSetup, members: [SwarmMember]) async {
    try? await undoSwarmThrowing(setup, members: members)
  }

  private static func undoSwarmThrowing(_ setup: SwarmSetup, members: [SwarmMember]) async throws {
    var firstError: (any Error)?
    var leaving = setup.joinedIndices.filter { members.indices.contains($0) }
    if setup.createdSwarm { leaving.append(setup.managerIndex) }  // workers first, manager last
    for index in leaving {
      do {
        try await members[index].client.swarmLeave()
        if setup.gatewayBridges.contains(index) {
          do {
            try await members[index].client.removeNetwork(SwarmSetup.gatewayBridge)
          } catch ContainerError.networkNotFound {}
        }
      } catch {
        firstError = firstError ?? error
      }
    }
    if let firstError { throw firstError }
  }
}
