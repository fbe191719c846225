import Foundation
import Yams

/// What ccmsh must know about a cluster's image before it starts a node: whom the server runs
/// as, which generation of the entrypoint it has, and the supervisor program file to mount.
///
/// Read once (at create, or at the first start of a cluster made by scylla-ccm or an older
/// ccmsh) and kept in cluster.conf (`image_user`, `image_version`);
/// the image's `/etc/passwd`, `/etc/group` and `scylla-server.conf` are kept in `image-conf/`
/// under hidden names (never copied into nodes' conf/).
public struct ImageProfile: Sendable, Hashable {
  /// uid and gid the image's server runs as (`Config.User`, resolved through its own
  /// /etc/passwd and /etc/group); 0:0 for images with no `USER` (up to 2025.1).
  var uid: UInt32
  var gid: UInt32
  /// From the tag (`scylla:2025.4.2`) or the `org.opencontainers.image.version` label.
  public var generation: ImageGeneration?

  var runsAsRoot: Bool { uid == 0 }

  init(uid: UInt32 = 0, gid: UInt32 = 0, generation: ImageGeneration? = nil) {
    (self.uid, self.gid, self.generation) = (uid, gid, generation)
  }

  /// ccmsh's own files in the cache directory (hidden: never copied into a node's conf/).
  static let prefix = ".ccmsh-image-"
  /// The image's supervisor program for scylla, with respawn turned off (mounted read-only).
  static let supervisorFile = ".ccmsh-scylla-server.conf"
  static let supervisorPath = "/etc/supervisord.conf.d/scylla-server.conf"

  /// The copies that go with `/etc/scylla` in the same helper container, into `cache`.
  static func copies(into cache: String) -> [ImageCopy] {
    [
      ImageCopy("/etc/passwd", to: cache + "/" + prefix + "passwd", optional: true),
      ImageCopy("/etc/group", to: cache + "/" + prefix + "group", optional: true),
      ImageCopy(supervisorPath, to: cache + "/" + prefix + "scylla-server.conf", optional: true),
    ]
  }

  /// The profile of `image`.
  ///
  /// Built from the image's inspect answer and the files copied next to its
  /// `/etc/scylla`, and writes the respawn-free supervisor file. Throws when `USER` names a user
  /// the image does not define (ccmsh could not give it the node directories).
  static func make(
    image: String, info: ImageInfo, filesIn dir: String
  ) throws(CCMError) -> ImageProfile {
    let read = { (name: String) in
      FileManager.default.contents(atPath: dir + "/" + prefix + name).map {
        String(decoding: $0, as: UTF8.self)
      }
    }
    let (uid, gid) = try ImageUser.resolve(
      info.user, passwd: read("passwd") ?? "", group: read("group") ?? "", image: image)
    let profile = ImageProfile(
      uid: uid, gid: gid,
      generation: ImageGeneration.of(image: image, tags: info.tags, labels: info.labels))
    if let program = read("scylla-server.conf") {
      let target = dir + "/" + supervisorFile
      do {
        try SupervisorProgram.withoutRespawn(program).write(
          toFile: target, atomically: true, encoding: .utf8)
      } catch {
        throw .fileSystem(path: target, problem: "cannot write: \(error.localizedDescription)")
      }
    }
    return profile
  }

  /// Rewrites the mounted program file from the image's copy when ccmsh's settings changed
  /// since it was written (a cluster made by an older ccmsh), so new containers get them.
  static func refreshSupervisorFile(cluster: String) {
    let dir = cluster + "/" + ImageConfigCache.directoryName
    guard
      let image = FileManager.default.contents(atPath: dir + "/" + prefix + "scylla-server.conf")
    else { return }
    let wanted = SupervisorProgram.withoutRespawn(String(decoding: image, as: UTF8.self))
    let target = dir + "/" + supervisorFile
    if FileManager.default.contents(atPath: target).map({ String(decoding: $0, as: UTF8.self) })
      != wanted
    {
      try? wanted.write(toFile: target, atomically: true, encoding: .utf8)
    }
  }

  /// The host file mounted over the image's scylla-server.conf, when the image has one.
  static func supervisorMount(cluster: String) -> VolumeMount? {
    supervisorMount(directory: cluster + "/" + ImageConfigCache.directoryName)
  }

  /// The respawn-free program file `make` wrote into `directory`, when there is one.
  static func supervisorMount(directory: String) -> VolumeMount? {
    let file = directory + "/" + supervisorFile
    guard FileManager.default.fileExists(atPath: file) else { return nil }
    return VolumeMount(hostPath: file, containerPath: supervisorPath, access: .readOnly)
  }
}

extension ImageProfile {
  /// The profile as cluster.conf and a node's own keys record it (`image_user: "UID:GID"`,
  /// `image_version`); nil when the user is missing or not two ids.
  init?(recordedUser user: String?, version: String?) {
    guard let user else { return nil }
    let ids = user.split(separator: ":").compactMap { UInt32($0) }
    guard ids.count == 2 else { return nil }
    self.init(
      uid: ids[0], gid: ids[1], generation: version.flatMap(ImageGeneration.init(version:)))
  }
}

extension ClusterConf {
  /// The recorded profile; nil until it has been read from the image.
  public var imageProfile: ImageProfile? {
    get {
      ImageProfile(recordedUser: fields[.imageUser]?.text, version: fields[.imageVersion]?.text)
    }
    set {
      guard let profile = newValue else {
        for key in [ConfKey.imageUser, .imageVersion, .imageForwardsFlags] { fields[key] = nil }
        return
      }
      fields.set(.imageUser, YAMLScalar.string("\(profile.uid):\(profile.gid)"))
      fields.set(.imageVersion, profile.generation.map { YAMLScalar.string($0.description) })
      // Written by ccmsh versions that knew a test image refusing unknown flags; meaningless now.
      fields.set(.imageForwardsFlags, nil)
    }
  }
}

/// `year.minor` (2025.4) or `major.minor` (6.2) of a ScyllaDB image.
public struct ImageGeneration: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var major: Int
  var minor: Int

  public init(_ major: Int, _ minor: Int) { (self.major, self.minor) = (major, minor) }

  /// From `2025.4`, `2025.4.2`, `6.2.3`, `2026.1.0-rc1`; nil for `latest`, `nightly`...
  init?(version: String) {
    let parts = version.split(separator: ".", maxSplits: 2)
    guard parts.count >= 2, let major = Int(parts[0]),
      let minor = Int(parts[1].prefix { $0.isNumber }), !parts[1].prefix(while: \.isNumber).isEmpty
    else { return nil }
    self.init(major, minor)
  }

  public var description: String { "\(major).\(minor)" }

  public static func < (a: Self, b: Self) -> Bool { (a.major, a.minor) < (b.major, b.minor) }

  /// The version in the reference ccmsh was given, else in one of the image's tags (an id or
  /// `latest` given, the same image tagged `2025.4`), else the OCI version label.
  static func of(
    image: String, tags: [String] = [], labels: [String: String]
  ) -> ImageGeneration? {
    for reference in [image] + tags {
      let lastComponent = reference.split(separator: "/").last.map(String.init) ?? reference
      if let colon = lastComponent.lastIndex(of: ":"),
        let generation = ImageGeneration(
          version: String(lastComponent[lastComponent.index(after: colon)...]))
      {
        return generation
      }
    }
    return labels["org.opencontainers.image.version"].flatMap(ImageGeneration.init(version:))
  }
}

/// The supervisord program file with respawn off, as scylla-ccm patches it, but on the host.
enum SupervisorProgram {
  /// The keys ccmsh sets in `[program:scylla]`.
  ///
  /// No respawn after an exit (scylla-ccm's `autorestart=false`), and no retry of a start that
  /// died before `startsecs`. Why the second:
  /// supervisord retries such a death `startretries` (3) times whatever `autorestart` says, so a
  /// crash at start that ccmsh already reported would come back as STARTING, then RUNNING (a
  /// real server lives seconds before it fails) and `status` would say UP. With 0 the first
  /// death is FATAL at once.
  static let settings = [("autorestart", "false"), ("startretries", "0")]

  /// Drops the `[program:scylla]` section's own values of `settings`' keys and puts ccmsh's
  /// right after its header (a duplicated key is an error for supervisord's parser).
  static func withoutRespawn(_ text: String) -> String {
    let ours = settings.map { "\($0.0)=\($0.1)" }
    var lines: [String] = []
    var inScylla = false
    var added = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("[") { inScylla = trimmed == "[program:scylla]" }
      let key = trimmed.split(separator: "=", maxSplits: 1).first.map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if inScylla, let key, settings.contains(where: { $0.0 == key }) { continue }
      lines.append(line)
      if inScylla, trimmed == "[program:scylla]", !added {
        lines += ours
        added = true
      }
    }
    if !added { lines += ["[program:scylla]"] + ours }
    return lines.joined(separator: "\n")
  }
}
