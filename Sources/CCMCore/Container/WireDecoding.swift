import Foundation

/// Decoders for the engines' JSON. Only the fields ccmsh uses are declared; both engines'
/// spellings are accepted where they differ.
enum WireDecoding {
  static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(text.utf8))
  }

  static func stripDigestPrefix(_ id: String) -> String {
    id.hasPrefix("sha256:") ? String(id.dropFirst("sha256:".count)) : id
  }

  // MARK: container inspect (same shape from both engines)

  struct Container: Decodable {
    struct State: Decodable {
      var Status: String?
      var ExitCode: Int32?
      var Pid: Int?
      var OOMKilled: Bool?
      var StartedAt: String?
      var FinishedAt: String?
    }
    struct Config: Decodable {
      var Image: String?
      var Hostname: String?
      var Labels: [String: String]?
      var Env: [String]?
    }
    struct Endpoint: Decodable {
      var IPAddress: String?
      var Aliases: [String]?
    }
    struct Settings: Decodable {
      var Networks: [String: Endpoint]?
    }
    struct Mount: Decodable {
      var `Type`: String?
      var Source: String?
      var Destination: String?
      var RW: Bool?
    }
    var Id: String
    var Name: String?
    var Image: String?
    var ImageName: String?
    var State: State?
    var Config: Config?
    var NetworkSettings: Settings?
    var Mounts: [Mount]?
  }

  static func containers(_ text: String) throws -> [ContainerInfo] {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return [] }
    return try decode([Container].self, trimmed).map { wire in
      let state = wire.State
      let environment = (wire.Config?.Env ?? []).reduce(into: [String: String]()) { env, pair in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        env[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
      }
      let name = wire.Name ?? ""
      return ContainerInfo(
        id: wire.Id,
        name: name.hasPrefix("/") ? String(name.dropFirst()) : name,
        image: wire.Config?.Image ?? wire.ImageName ?? "",
        imageID: stripDigestPrefix(wire.Image ?? ""),
        hostname: wire.Config?.Hostname ?? "",
        state: ContainerState(
          status: ContainerStatus(engineWord: state?.Status ?? ""),
          exitCode: state?.ExitCode ?? 0, pid: state?.Pid ?? 0,
          oomKilled: state?.OOMKilled ?? false, startedAt: state?.StartedAt ?? "",
          finishedAt: state?.FinishedAt ?? ""),
        labels: wire.Config?.Labels ?? [:],
        environment: environment,
        networks: (wire.NetworkSettings?.Networks ?? [:]).mapValues {
          NetworkEndpoint(ipv4Address: $0.IPAddress, aliases: $0.Aliases ?? [])
        },
        mounts: (wire.Mounts ?? []).map {
          MountInfo(
            type: $0.Type ?? "", source: $0.Source ?? "", destination: $0.Destination ?? "",
            readWrite: $0.RW ?? true)
        })
    }
  }

  // MARK: ps

  /// docker: one object a line; Names, Labels and Networks are comma-joined strings.
  static func dockerList(_ text: String) throws -> [ContainerSummary] {
    struct Row: Decodable {
      var ID: String
      var Names: String
      var Image: String?
      var State: String?
      var Labels: String?
      var Networks: String?
    }
    return try text.split(separator: "\n").filter { $0.hasPrefix("{") }.map { line in
      let row = try decode(Row.self, String(line))
      return ContainerSummary(
        id: row.ID, name: row.Names.split(separator: ",").first.map(String.init) ?? row.Names,
        image: row.Image ?? "", status: ContainerStatus(engineWord: row.State ?? ""),
        labels: commaSeparatedLabels(row.Labels ?? ""),
        networks: (row.Networks ?? "").split(separator: ",").map(String.init))
    }
  }

  /// podman: one JSON array; Names and Networks are arrays, Labels a map.
  static func podmanList(_ text: String) throws -> [ContainerSummary] {
    struct Row: Decodable {
      var Id: String
      var Names: [String]?
      var Image: String?
      var State: String?
      var Labels: [String: String]?
      var Networks: [String]?
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return [] }
    return try decode([Row].self, trimmed).map { row in
      ContainerSummary(
        id: row.Id, name: row.Names?.first ?? "", image: row.Image ?? "",
        status: ContainerStatus(engineWord: row.State ?? ""), labels: row.Labels ?? [:],
        networks: row.Networks ?? [])
    }
  }

  /// `a=1,b=2` as docker ps prints labels. A value containing a comma cannot be told apart from
  /// the next pair; such a fragment is appended to the previous value.
  static func commaSeparatedLabels(_ text: String) -> [String: String] {
    var labels: [String: String] = [:]
    var lastKey: String?
    for piece in text.split(separator: ",") {
      let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      if parts.count == 2 {
        labels[String(parts[0])] = String(parts[1])
        lastKey = String(parts[0])
      } else if let key = lastKey {
        labels[key, default: ""] += ",\(piece)"
      }
    }
    return labels
  }

  // MARK: image inspect

  static func images(_ text: String) throws -> [ImageInfo] {
    struct Image: Decodable {
      struct Config: Decodable { var Labels: [String: String]? }
      var Id: String
      var RepoTags: [String]?
      var RepoDigests: [String]?
      var Config: Config?
      var Labels: [String: String]?
    }
    return try decode([Image].self, text).map {
      ImageInfo(
        id: stripDigestPrefix($0.Id), tags: $0.RepoTags ?? [], digests: $0.RepoDigests ?? [],
        labels: $0.Config?.Labels ?? $0.Labels ?? [:])
    }
  }

  // MARK: network inspect

  static func dockerNetwork(_ text: String) throws -> NetworkInfo? {
    struct Network: Decodable {
      struct IPAM: Decodable {
        struct Config: Decodable { var Subnet: String? }
        var Config: [Config]?
      }
      var Name: String
      var Id: String?
      var IPAM: IPAM?
      var Labels: [String: String]?
    }
    return try decode([Network].self, text).first.map {
      NetworkInfo(
        name: $0.Name, id: $0.Id ?? "", subnets: ($0.IPAM?.Config ?? []).compactMap(\.Subnet),
        labels: $0.Labels ?? [:])
    }
  }

  static func podmanNetwork(_ text: String) throws -> NetworkInfo? {
    struct Network: Decodable {
      struct Subnet: Decodable { var subnet: String? }
      var name: String
      var id: String?
      var subnets: [Subnet]?
      var labels: [String: String]?
    }
    return try decode([Network].self, text).first.map {
      NetworkInfo(
        name: $0.name, id: $0.id ?? "", subnets: ($0.subnets ?? []).compactMap(\.subnet),
        labels: $0.labels ?? [:])
    }
  }
}
