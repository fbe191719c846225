import Foundation

extension CLIContainerClient {
  func imageExists(_ image: String) async throws -> Bool {
    do {
      try await engine.check(
        ["image", "inspect", "--format", "{{.Id}}", dialect.qualify(image: image)],
        timeout: timeouts.quick, subject: image)
      return true
    } catch ContainerError.imageNotFound {
      return false
    }
  }

  func imageReferences(repository: String) async throws -> [String] {
    let qualified = dialect.qualify(image: repository)
    let output = try await engine.check(
      ["images", "--format", "{{.Repository}}:{{.Tag}}", qualified], timeout: timeouts.quick,
      subject: repository)
    // Podman names docker.io images in full; give them back as they were asked for.
    return output.standardOutput.split(separator: "\n").map(String.init).filter {
      !$0.hasSuffix(":<none>")
    }.map { reference in
      reference.hasPrefix(qualified + ":")
        ? repository + reference.dropFirst(qualified.count) : reference
    }
  }

  func inspectImage(_ image: String) async throws -> ImageInfo {
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

  func pull(_ image: String) async throws {
    try await engine.check(
      ["pull", dialect.qualify(image: image)], timeout: timeouts.pull, subject: image,
      otherwise: { .imageNotFound(image: image, $0) })
  }

  func copyFromImage(_ image: String, path: String, to hostPath: String) async throws {
    try await copyFromImage(image, [ImageCopy(path, to: hostPath)])
  }

  func copyFromImage(_ image: String, _ copies: [ImageCopy]) async throws {
    // A created, never-started container is the only way to read an image's files via the CLI.
    // It is removed with its volumes (the real image declares VOLUME /var/lib/scylla, which
    // `create` already instantiates), and labelled with its owner so a killed ccmsh's helper is
    // swept by the next one (`TransientSweep`).
    let helper = "ccmsh-copy-\(UUID().uuidString.prefix(12).lowercased())"
    var create = ["create", "--pull", "never", "--name", helper]
    for (key, value) in TransientSweep.labels(purpose: "copy").sorted(by: { $0.key < $1.key }) {
      create += ["--label", "\(key)=\(value)"]
    }
    create += ["--entrypoint", "/bin/sh", dialect.qualify(image: image)]
    try await engine.check(create, timeout: timeouts.lifecycle, subject: image)
    let removal = ["rm", "--force", "--volumes", helper]
    do {
      for copy in copies {
        do {
          try await engine.check(
            ["cp", "\(helper):\(copy.path)", copy.hostPath], timeout: timeouts.lifecycle,
            subject: helper)
        } catch  where copy.optional {
          // An image without this file (an older generation) is fine: the caller checks.
        }
      }
    } catch {
      _ = try? await engine.check(removal, timeout: timeouts.lifecycle)
      throw error
    }
    try await engine.check(removal, timeout: timeouts.lifecycle)
  }
}
