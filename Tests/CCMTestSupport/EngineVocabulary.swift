/// The docker/podman argv words the CLI clients emit: what the argv-level fakes may answer.
///
/// Anything else is refused with `UnmodelledCall`, so a mistyped argv fails its unit test instead
/// of getting a made-up success.
public enum EngineVocabulary {
  public static let verbs: Set<String> = [
    "version", "run", "create", "start", "stop", "kill", "pause", "unpause", "rm", "exec",
    "inspect", "ps", "logs", "cp", "pull", "image", "network", "info", "swarm",
  ]
  public static let subcommands: [String: Set<String>] = [
    "image": ["inspect"],
    "network": ["create", "rm", "inspect", "ls", "connect", "disconnect"],
    "swarm": ["init", "join", "join-token", "leave"],
  ]
  /// Options before the verb that choose the engine endpoint; each takes one value.
  public static let endpointOptions: Set<String> = ["--host", "--context", "--url", "--connection"]

  /// Throws `UnmodelledCall` unless `arguments` (argv without the executable) start with a
  /// verb, and subcommand where one is needed, that the clients use.
  public static func check(_ arguments: [String]) throws {
    var rest = arguments[...]
    while let option = rest.first, endpointOptions.contains(option) { rest = rest.dropFirst(2) }
    let arguments = Array(rest)
    guard let verb = arguments.first, verbs.contains(verb) else {
      throw UnmodelledCall(arguments.joined(separator: " "))
    }
    if let allowed = subcommands[verb] {
      guard let subcommand = arguments.dropFirst().first, allowed.contains(subcommand) else {
        throw UnmodelledCall(arguments.joined(separator: " "))
      }
    }
  }

  /// True for the engines' executables (`podman`, `/usr/bin/docker`).
  public static func isEngine(_ executable: String) -> Bool {
    let name = executable.split(separator: "/").last.map(String.init) ?? executable
    return name == "docker" || name == "podman"
  }
}
