import Foundation

extension CLIContainerClient {
  public func imageExists(_ image: String) async throws -> Bool {
    do {
      try await engine.check(
        ["image", "inspect", "--format", "{{.Id}}", dialect.qualify(image: image)],
        timeout: timeouts.quick, subject: image)
      return true
    } catch ContainerError.imageNotFound {
      return false
    }
  }

  public func inspectImage(_ image: String) async throws -> ImageInfo {
    let arguments = ["image", "inspect", dialect.qualify(image: image)]
    let output = try await engine.check(
      arguments, timeout: timeouts.quick, subject: image,
      otherwise: { .imageNotFound(image: image, $0) })
    do {
      guard let info = try WireDecoding.images(output.standardOutput).first else {
        throw ContainerError.unexpectedOutput(
          argv: [dialect.binary] + arguments, reason: "no image in the answer")
      }
      return info
    } catch let error as ContainerError {
      throw error
    } catch {
      throw ContainerError.unexpectedOutput(
        argv: [dialect.binary] + arguments, reason: "\(error)")
    }
  }

  public func pull(_ image: String) async throws {
    try await engine.check(
      ["pull", dialect.qualify(image: image)], timeout: timeouts.pull, subject: image,
      otherwise: { .imageNotFound(image: image, $0) })
  }

  public func copyFromImage(_ image: String, path: String, to hostPath: String) async throws {
    // A created, never-started container is the only way to read an image's files via the CLI.
    let helper = "ccmsh-copy-\(UUID().uuidString.prefix(12).lowercased())"
    try await engine.check(
      [
        "create", "--pull", "never", "--name", helper, "--label", "org.ccmsh.transient=copy",
        "--entrypoint", "/bin/sh", dialect.qualify(image: image),
      ], timeout: timeouts.lifecycle, subject: image)
    do {
      try await engine.check(
        ["cp", "\(helper):\(path)", hostPath], timeout: timeouts.lifecycle, subject: helper)
    } catch {
      _ = try? await engine.check(["rm", "--force", helper], timeout: timeouts.lifecycle)
      throw error
    }
    try await engine.check(["rm", "--force", helper], timeout: timeouts.lifecycle)
  }
}
