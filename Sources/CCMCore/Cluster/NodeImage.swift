import Foundation

/// A node's own image: `docker_image` in node.conf (`add --docker-image`, `create --node-image`,
/// `NODE upgrade`) over the cluster's, and the profile of that image (`image_user`,
/// `image_version` in node.conf, ccmsh's keys), so a mixed-version cluster runs each node as its
/// own image's user.
///
/// A node without its own keys runs the cluster's image and profile, as before.
extension NodeConf {
  /// Sets (nil: drops) the node's own image.
  mutating func setDockerImage(_ image: String?) {
    fields.set(ConfKey.dockerImage, image.map(YAMLScalar.string))
  }

  /// The profile of the node's own image, when it has one recorded.
  var ownImageProfile: ImageProfile? {
    get {
      ImageProfile(recordedUser: fields[.imageUser]?.text, version: fields[.imageVersion]?.text)
    }
    set {
      guard let profile = newValue else {
        fields[.imageUser] = nil
        fields[.imageVersion] = nil
        return
      }
      fields.set(.imageUser, YAMLScalar.string("\(profile.uid):\(profile.gid)"))
      fields.set(.imageVersion, profile.generation.map { YAMLScalar.string($0.description) })
    }
  }
}

extension Cluster {
  /// The image `node` runs: its own, else the cluster's.
  public func image(of node: NodeConf) -> String? { node.dockerImage ?? conf.dockerImage }

  /// Whether `node` runs an image other than the cluster's.
  func hasOwnImage(_ node: NodeConf) -> Bool {
    guard let own = node.dockerImage else { return false }
    return own != conf.dockerImage
  }

  /// The profile of the image `node` runs (nil until read).
  func profile(of node: NodeConf) -> ImageProfile? {
    hasOwnImage(node) ? node.ownImageProfile : conf.imageProfile
  }

  /// The version `node` runs, as its image says it: the tag when it is a version
  /// (`scylla:2025.1.3` → `2025.1.3`), else the image's recorded generation (`2025.4`).
  public func version(of node: NodeConf) -> String? {
    if let image = image(of: node), let tag = NodeImage.versionTag(image) { return tag }
    return profile(of: node)?.generation?.description
  }

  /// The supervisor program file mounted into `node`'s container: its own image's when it
  /// runs one, else the cluster's.
  func supervisorMount(for node: NodeConf) -> VolumeMount? {
    guard hasOwnImage(node), let image = node.dockerImage else {
      return ImageProfile.supervisorMount(cluster: directory)
    }
    return ImageProfile.supervisorMount(
      directory: NodeImage.profileDirectory(clusterDirectory: directory, image: image))
  }
}

enum NodeImage {
  /// `scylladb/scylla:2025.1.3` → `2025.1.3`; nil when the tag is not a version.
  static func versionTag(_ image: String) -> String? {
    let last = image.split(separator: "/").last.map(String.init) ?? image
    guard let colon = last.lastIndex(of: ":") else { return nil }
    let tag = last[last.index(after: colon)...]
    guard tag.first?.isNumber == true else { return nil }
    return String(tag)
  }

  /// Where the files of a node's own image are kept (hidden: never copied into a node's conf/),
  /// one directory per image reference, so an old image's stay for a rollback.
  static func profileDirectory(clusterDirectory: String, image: String) -> String {
    clusterDirectory + "/" + ImageConfigCache.directoryName + "/.ccmsh-images/"
      + String(ContainerNames.fnv1a(image), radix: 16)
  }

  /// Reads the profile of `image` (a node's own) into its directory, created if missing.
  static func readProfile(
    _ image: String, client: any ContainerClient, clusterDirectory: String
  ) async throws -> ImageProfile {
    let directory = profileDirectory(clusterDirectory: clusterDirectory, image: image)
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CCMError.fileSystem(
        path: directory, problem: "cannot create: \(error.localizedDescription)")
    }
    let info = try await client.inspectImage(image)
    try await client.copyFromImage(image, ImageProfile.copies(into: directory))
    return try ImageProfile.make(image: image, info: info, filesIn: directory)
  }
}
