import CCMCore

/// The facts of a run that a report needs to be reproduced elsewhere: which ccmsh, which
/// engine, which image, which params (JUnit `<properties>`).
enum RunProperties {
  /// This build's version, as `--version` says it.
  static var ccmshVersion: String { CCMVersion.current }

  static func collect(
    environment: [String: String], params: [String: String],
    runner: any ProcessRunning = SubprocessRunner()
  ) async -> [(String, String)] {
    var properties = [("ccmsh.version", ccmshVersion)]
    // The engine a script's plain `create` would get (a cluster may name its own).
    do {
      let choice = try await RuntimeSelection.select(environment: environment, runner: runner)
      properties.append(("engine", choice.client.kind.rawValue))
    } catch {
      properties.append(("engine", "none (\(error))"))
    }
    if let image = environment["SCYLLA_DOCKER_IMAGE"], !image.isEmpty {
      properties.append(("image", image))
    }
    for name in params.keys.sorted() { properties.append(("param.\(name)", params[name] ?? "")) }
    return properties
  }
}
