import Foundation

/// Who runs ccmsh, as far as the files node containers write are concerned.
enum ContainerCaller: Sendable, Hashable {
  /// ccmsh runs as root: every file is the caller's already.
  case root
  /// Another user; `group` is the caller's group as seen inside the container (its gid with a
  /// rootful engine, 0 with rootless Podman, which maps the caller to root).
  case user(group: String)

  /// The caller of this process for an engine of `kind`.
  static func current(engine kind: RuntimeKind) -> ContainerCaller {
    guard geteuid() != 0 else { return .root }
    return .user(group: kind == .podman ? "0" : String(getgid()))
  }
}
