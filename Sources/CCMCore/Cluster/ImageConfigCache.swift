import Foundation

/// The image's own `/etc/scylla`, extracted once per cluster into `<cluster>/image-conf/`.
///
/// `scylla.yaml` from it becomes the cluster's base config (merged with ccmsh's options by the
/// generator); every other file (the image may ship more than ccmsh generates) is copied into
/// each node's `conf/`, because that directory is mounted over `/etc/scylla` and would otherwise
/// hide them. Nodes added later copy from the cache: the image is never read again.
enum ImageConfigCache {
  static let directoryName = "image-conf"
  /// Files ccmsh writes itself in each node's conf/.
  static let generated: Set<String> = [
    "scylla.yaml", "cassandra.yaml", "cassandra-rackdc.properties",
  ]

  /// Extracts `/etc/scylla` of `image` into `path` (which must not exist), with the files
  /// `ImageProfile` reads, in one helper container; returns its scylla.yaml text and profile.
  static func extract(
    _ image: String, info: ImageInfo, client: any ContainerClient, to path: String
  ) async throws -> (yaml: String, profile: ImageProfile) {
    do {
      try await client.copyFromImage(
        image, [ImageCopy("/etc/scylla", to: path)] + ImageProfile.copies(into: path))
    } catch let error as ContainerError {
      throw CCMError.container(
        "cannot read /etc/scylla from image \(image) (is it a ScyllaDB image?): \(error.message)")
    }
    guard let data = FileManager.default.contents(atPath: path + "/scylla.yaml") else {
      throw CCMError.container("image \(image) has no /etc/scylla/scylla.yaml")
    }
    let profile = try ImageProfile.make(image: image, info: info, filesIn: path)
    return (String(decoding: data, as: UTF8.self), profile)
  }

  /// The profile of a cluster made without one (by scylla-ccm or an older ccmsh): the files it
  /// needs are copied into the cluster's cache directory, created if missing.
  static func readProfile(
    _ image: String, client: any ContainerClient, clusterDirectory: String
  ) async throws -> ImageProfile {
    let cache = clusterDirectory + "/" + directoryName
    do {
      try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
    } catch {
      throw CCMError.fileSystem(
        path: cache, problem: "cannot create: \(error.localizedDescription)")
    }
    let info = try await client.inspectImage(image)
    try await client.copyFromImage(image, ImageProfile.copies(into: cache))
    return try ImageProfile.make(image: image, info: info, filesIn: cache)
  }

  /// Copies the cached files ccmsh does not generate into the node's conf/, keeping any that
  /// are already there.
  static func install(clusterDirectory: String, node: String) throws(CCMError) {
    let cache = clusterDirectory + "/" + directoryName
    let conf = clusterDirectory + "/" + node + "/" + ContainerVolumes.conf.hostSubdirectory
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: cache) else { return }
    // Hidden entries are ccmsh's own (`.ccmsh-image`), not the image's configuration.
    for entry in entries where !generated.contains(entry) && !entry.hasPrefix(".") {
      let target = conf + "/" + entry
      guard !FileManager.default.fileExists(atPath: target) else { continue }
      do {
        try FileManager.default.copyItem(atPath: cache + "/" + entry, toPath: target)
      } catch {
        throw .fileSystem(path: target, problem: "cannot copy: \(error.localizedDescription)")
      }
    }
  }
}
