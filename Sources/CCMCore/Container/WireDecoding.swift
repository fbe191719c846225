import Foundation

/// Decoders for the engines' JSON.
///
/// Only the fields ccmsh uses are declared; both engines' spellings are accepted where they differ.
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
      var status: String?
      var exitCode: Int32?
      var pid: Int?
      var oomKilled: Bool?
      var startedAt: String?
      var finishedAt: String?
      enum CodingKeys: String, CodingKey {
        case status = "Status", exitCode = "ExitCode", pid = "Pid", oomKilled = "OOMKilled"
        case startedAt = "StartedAt", finishedAt = "FinishedAt"
      }
    }
    struct Config: Decodable {
      var image: String?
      var hostname: String?
      var labels: [String: String]?
      var env: [String]?
      enum CodingKeys: String, CodingKey {
        case image = "Image", hostname = "Hostname", labels = "Labels", env = "Env"
      }
    }
    struct Endpoint: Decodable {
      var ipAddress: String?
      var aliases: [String]?
      enum CodingKeys: String, CodingKey { case ipAddress = "IPAddress", aliases = "Aliases" }
    }
    struct Settings: Decodable {
      var networks: [String: Endpoint]?
      enum CodingKeys: String, CodingKey { case networks = "Networks" }
    }
    struct Mount: Decodable {
      var type: String?
      var name: String?
      var source: String?
      var destination: String?
      var readWrite: Bool?
      enum CodingKeys: String, CodingKey {
        case type = "Type", name = "Name", source = "Source", destination = "Destination"
        case readWrite = "RW"
      }
    }
    struct HostConfig: Decodable {
      var nanoCpus: Int64?
      var memory: Int64?
      enum CodingKeys: String, CodingKey { case nanoCpus = "NanoCpus", memory = "Memory" }
    }
    var id: String
    var name: String?
    var image: String?
    var imageName: String?
    var hostConfig: HostConfig?
    var state: State?
    var config: Config?
    var networkSettings: Settings?
    var mounts: [Mount]?
    enum CodingKeys: String, CodingKey {
      case id = "Id", name = "Name", image = "Image", imageName = "ImageName", state = "State"
      case config = "Config", networkSettings = "NetworkSettings", mounts = "Mounts"
      case hostConfig = "HostConfig"
    }
  }

  static func containers(_ text: String) throws -> [ContainerInfo] {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return [] }
    return try decode([Container].self, trimmed).map { wire in
      let state = wire.state
      let environment = (wire.config?.env ?? []).reduce(into: [String: String]()) { env, pair in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        env[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
      }
      let name = wire.name ?? ""
      return ContainerInfo(
        id: wire.id,
        name: name.hasPrefix("/") ? String(name.dropFirst()) : name,
        image: wire.config?.image ?? wire.imageName ?? "",
        imageID: stripDigestPrefix(wire.image ?? ""),
        hostname: wire.config?.hostname ?? "",
        state: ContainerState(
          status: ContainerStatus(engineWord: state?.status ?? ""),
          exitCode: state?.exitCode ?? 0, pid: state?.pid ?? 0,
          oomKilled: state?.oomKilled ?? false, startedAt: state?.startedAt ?? "",
          finishedAt: state?.finishedAt ?? ""),
        labels: wire.config?.labels ?? [:],
        environment: environment,
        networks: (wire.networkSettings?.networks ?? [:]).mapValues {
          NetworkEndpoint(ipv4Address: $0.ipAddress, aliases: $0.aliases ?? [])
        },
        mounts: (wire.mounts ?? []).map {
          MountInfo(
            type: $0.type ?? "", source: $0.source ?? "", destination: $0.destination ?? "",
            readWrite: $0.readWrite ?? true, name: $0.name)
        },
        limits: limits(wire.hostConfig))
    }
  }

  /// 0 means "no limit" in both engines.
  static func limits(_ host: Container.HostConfig?) -> ResourceLimits {
    let cpus = host?.nanoCpus.flatMap { $0 > 0 ? Double($0) / 1e9 : nil }
    let memory = host?.memory.flatMap { $0 > 0 ? $0 : nil }
    return ResourceLimits(cpus: cpus, memoryBytes: memory)
  }

  // MARK: ps

  /// docker: one object a line; Names, Labels and Networks are comma-joined strings.
  static func dockerList(_ text: String) throws -> [ContainerSummary] {
    struct Row: Decodable {
      var id: String
      var names: String
      var image: String?
      var state: String?
      var labels: String?
      var networks: String?
      enum CodingKeys: String, CodingKey {
        case id = "ID", names = "Names", image = "Image", state = "State", labels = "Labels"
        case networks = "Networks"
      }
    }
    return try text.split(separator: "\n").filter { $0.hasPrefix("{") }.map { line in
      let row = try decode(Row.self, String(line))
      return ContainerSummary(
        id: row.id, name: row.names.split(separator: ",").first.map(String.init) ?? row.names,
        image: row.image ?? "", status: ContainerStatus(engineWord: row.state ?? ""),
        labels: commaSeparatedLabels(row.labels ?? ""),
        networks: (row.networks ?? "").split(separator: ",").map(String.init))
    }
  }

  /// podman: one JSON array; Names and Networks are arrays, Labels a map.
  static func podmanList(_ text: String) throws -> [ContainerSummary] {
    struct Row: Decodable {
      var id: String
      var names: [String]?
      var image: String?
      var state: String?
      var labels: [String: String]?
      var networks: [String]?
      enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", image = "Image", state = "State", labels = "Labels"
        case networks = "Networks"
      }
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return [] }
    return try decode([Row].self, trimmed).map { row in
      ContainerSummary(
        id: row.id, name: row.names?.first ?? "", image: row.image ?? "",
        status: ContainerStatus(engineWord: row.state ?? ""), labels: row.labels ?? [:],
        networks: row.networks ?? [])
    }
  }

  /// `a=1,b=2` as docker ps prints labels.
  ///
  /// A value containing a comma cannot be told apart from the next pair; such a fragment is
  /// appended to the previous value.
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
      struct Config: Decodable {
        var labels: [String: String]?
        var user: String?
        enum CodingKeys: String, CodingKey { case labels = "Labels", user = "User" }
      }
      var id: String
      var repoTags: [String]?
      var repoDigests: [String]?
      var config: Config?
      var labels: [String: String]?
      enum CodingKeys: String, CodingKey {
        case id = "Id", repoTags = "RepoTags", repoDigests = "RepoDigests", config = "Config"
        case labels = "Labels"
      }
    }
    return try decode([Image].self, text).map {
      ImageInfo(
        id: stripDigestPrefix($0.id), tags: $0.repoTags ?? [], digests: $0.repoDigests ?? [],
        labels: $0.config?.labels ?? $0.labels ?? [:], user: $0.config?.user ?? "")
    }
  }

  // MARK: network inspect

  static func dockerNetwork(_ text: String) throws -> NetworkInfo? {
    struct Network: Decodable {
      struct IPAM: Decodable {
        struct Config: Decodable {
          var subnet: String?
          enum CodingKeys: String, CodingKey { case subnet = "Subnet" }
        }
        var config: [Config]?
        enum CodingKeys: String, CodingKey { case config = "Config" }
      }
      var name: String
      var id: String?
      var ipam: IPAM?
      var labels: [String: String]?
      enum CodingKeys: String, CodingKey {
        case name = "Name", id = "Id", ipam = "IPAM", labels = "Labels"
      }
    }
    return try decode([Network].self, text).first.map {
      NetworkInfo(
        name: $0.name, id: $0.id ?? "", subnets: ($0.ipam?.config ?? []).compactMap(\.subnet),
        labels: $0.labels ?? [:])
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
