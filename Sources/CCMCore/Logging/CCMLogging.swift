import Foundation
import Logging
import Synchronization

/// Process-wide logging set-up: everything goes to stderr (stdout is for command output), at a
/// level chosen by `-v`/`--verbose` and `CCMSH_LOG_LEVEL`.
public enum CCMLogging {
  /// The environment variable that sets the level: trace, debug, info, notice, warning, error,
  /// critical.
  static let levelVariable = "CCMSH_LOG_LEVEL"

  /// The level for a verbosity count (`-v` repeated) and the environment.
  ///
  /// The more verbose of the two wins; with neither, `.warning`. A level the variable names
  /// that does not exist is an error, as `--log-level bogus` is, not silently the default.
  public static func level(
    verbosity: Int, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(InvalidLevel) -> Logger.Level {
    let fromFlags: Logger.Level =
      switch verbosity {
      case ..<1: .warning
      case 1: .debug
      default: .trace
      }
    guard let fromEnvironment = try environmentLevel(environment) else { return fromFlags }
    return min(fromFlags, fromEnvironment)
  }

  /// The level `CCMSH_LOG_LEVEL` sets, if it is set.
  public static func environmentLevel(_ environment: [String: String]) throws(InvalidLevel)
    -> Logger.Level?
  {
    guard let name = environment[levelVariable] else { return nil }
    guard let level = Logger.Level(rawValue: name.lowercased()) else {
      throw InvalidLevel(variable: levelVariable, value: name)
    }
    return level
  }

  /// `CCMSH_LOG_LEVEL` names no level.
  public struct InvalidLevel: Error, Equatable {
    public let variable: String
    public let value: String

    public var message: String {
      let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
      return "\(variable)=\(value) is not a log level (one of: \(names))"
    }
  }

  /// Installs the stderr handler at `level`.
  ///
  /// swift-log allows one bootstrap per process; later calls only change the level.
  public static func bootstrap(level: Logger.Level) {
    state.withLock { state in
      state.level = level
      guard !state.bootstrapped else { return }
      state.bootstrapped = true
      LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = CCMLogging.currentLevel
        return handler
      }
    }
  }

  /// The level new loggers get.
  static var currentLevel: Logger.Level { state.withLock { $0.level } }

  private struct State {
    var bootstrapped = false
    var level: Logger.Level = .warning
  }
  private static let state = Mutex(State())
}
