import Foundation

/// One engine's Swarm membership, from `docker info --format '{{json .Swarm}}'`.
struct SwarmState: Sendable, Hashable {
  /// `inactive`, `pending`, `active`, `error` or `locked`, as the engine says it.
  var localNodeState: String
  var nodeID: String
  /// The address the engine advertises to the Swarm (empty when inactive).
  var nodeAddress: String
  /// True on a manager: only managers create overlay networks and hand out join tokens.
  var isManager: Bool
  /// The Swarm's managers as this engine knows them: node ID → `host:port`.
  var managers: [String: String]
  var error: String

  var isActive: Bool { localNodeState == "active" }
  var isInactive: Bool { localNodeState == "inactive" }

  /// Two engines are in the same Swarm when they know a manager in common; workers are not told
  /// the cluster ID, so the manager set is the one identity both roles report.
  func sharesSwarm(with other: SwarmState) -> Bool {
    isActive && other.isActive && !Set(managers.keys).isDisjoint(with: other.managers.keys)
  }

  /// Where a new member joins: this manager's own entry, else its advertised address.
  var joinAddress: String {
    managers[nodeID] ?? "\(nodeAddress):2377"
  }

  static func decode(_ text: String) throws -> SwarmState {
    struct Manager: Decodable {
      var nodeID: String
      var address: String
      enum CodingKeys: String, CodingKey { case nodeID = "NodeID", address = "Addr" }
    }
    struct Wire: Decodable {
      var nodeID: String?
      var nodeAddress: String?
      var localNodeState: String?
      var controlAvailable: Bool?
      var error: String?
      var remoteManagers: [Manager]?
      enum CodingKeys: String, CodingKey {
        case nodeID = "NodeID", nodeAddress = "NodeAddr", localNodeState = "LocalNodeState"
        case controlAvailable = "ControlAvailable", error = "Error"
        case remoteManagers = "RemoteManagers"
      }
    }
    let wire = try JSONDecoder().decode(
      Wire.self, from: Data(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
    return SwarmState(
      localNodeState: wire.localNodeState ?? "", nodeID: wire.nodeID ?? "",
      nodeAddress: wire.nodeAddress ?? "", isManager: wire.controlAvailable ?? false,
      managers: Dictionary(
        (wire.remoteManagers ?? []).map { ($0.nodeID, $0.address) },
        uniquingKeysWith: { first, _ in first }),
      error: wire.error ?? "")
  }
}
