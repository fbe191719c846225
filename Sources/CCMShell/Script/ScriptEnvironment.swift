import CCMCore
import Synchronization

/// The environment scripts' commands see: the process's, with `--config-dir` as
/// `CCM_CONFIG_DIR` so every command inside the script uses that directory.
enum ScriptEnvironment {
  static func with(_ global: GlobalOptions, _ environment: [String: String]) -> [String: String] {
    with(configDirectory: global.configDirectory, environment)
  }

  static func with(configDirectory: String?, _ environment: [String: String]) -> [String: String] {
    guard let configDirectory else { return environment }
    var copy = environment
    copy[ConfigDirectory.environmentVariable] = ConfigDirectory.absolutePath(configDirectory)
    return copy
  }
}

/// Process-wide feedback settings, decided once in `main.swift` (a terminal gets a live
/// line, CI a plain line every few seconds); nil in tests, which print nothing extra.
enum ProcessFeedback {
  private static let shared = Mutex<DelayedProgress?>(nil)

  static var progress: DelayedProgress? {
    get { shared.withLock { $0 } }
    set { shared.withLock { $0 = newValue } }
  }
}

/// `run --bisect`: is the container runtime usable at all? If not, the commit cannot be judged.
enum InfrastructureProbe {
  static func problem(
    environment: [String: String], runner: any ProcessRunning = SubprocessRunner()
  ) async -> String? {
    do {
      let choice = try await RuntimeSelection.select(environment: environment, runner: runner)
      _ = try await choice.client.version()
      return nil
    } catch {
      return "no usable container runtime: \(error)"
    }
  }
}
