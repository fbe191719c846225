import Foundation

/// Failures of the tools run inside a node; `message` is the one rendering.
///
/// Everything else the tools report (a node that is not running, a wait that timed out, a bad
/// argument) is a `CCMError`.
public enum NodeToolError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A tool in the container exited non-zero; its stderr is what the user needs.
  case toolFailed(node: String, tool: String, exitCode: Int32, standardError: String)

  public var message: String {
    switch self {
    case .toolFailed(let node, let tool, let exitCode, let standardError):
      let detail = standardError.trimmingCharacters(in: .whitespacesAndNewlines)
      return "\(node): \(tool) exited with status \(exitCode)"
        + (detail.isEmpty ? "" : ": " + detail)
    }
  }

  public var description: String { message }
}
