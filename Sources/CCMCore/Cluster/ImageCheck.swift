/// Whether a missing image may be pulled (`--pull-image`).
public enum ImagePullPolicy: Sendable, Hashable {
  /// The image must already be in the runtime (`imageNotFound` with the pull command otherwise).
  case requirePresent
  /// Pull it when missing.
  case pullIfMissing
  /// Pull it even when present (a newer image behind the tag).
  case alwaysPull
}

/// Validates an image before anything is written: present, or pulled when allowed.
enum ImageCheck {
  static func ensure(
    _ image: String, policy: ImagePullPolicy, client: any ContainerClient
  ) async throws -> ImageInfo {
    let present: Bool
    do {
      present = try await client.imageExists(image)
    } catch let error as ContainerError
      where error.message.lowercased().contains("invalid reference format")
    {
      // Both engines' words for a malformed name; say it in ccmsh's, on one line.
      throw CCMError.invalidArgument("'\(image)' is not a valid image reference")
    }
    switch (present, policy) {
    case (false, .requirePresent):
      throw CCMError.imageNotFound(image: image, runtime: client.kind.rawValue)
    case (false, _), (true, .alwaysPull):
      try await client.pull(image)
    case (true, _):
      break
    }
    return try await client.inspectImage(image)
  }

  /// What `show`/`status -v` print for the image: its id, and a warning when the tag now names
  /// another image than the one recorded at create.
  static func drift(recorded: String?, current: ImageInfo?) -> String? {
    guard let recorded, let current, current.id != recorded else { return nil }
    return "the image tag now points to \(current.id.prefix(12)), not \(recorded.prefix(12))"
      + " recorded at create: nodes started from now on run a different build"
  }
}
