import Foundation
import Testing

@testable import CCMCore

/// The local user `NonRootCallerTests` runs ccmsh as.
///
/// It is in the docker group, has subordinate id ranges and its own Podman storage holding both
/// test node flavours (scripts/setup-nonroot-user makes it). The root test process runs every
/// command as that user with `runuser` and an argv.
struct NonRootCaller {
  static let userName =
    ProcessInfo.processInfo.environment["CCMSH_TEST_NONROOT_USER"] ?? "ccmsh-ci"

  let name: String
  let uid: uid_t
  let home: String

  var runtimeDirectory: String { "/run/user/\(uid)" }

  /// The user, or why it cannot be used here; `couldSetUp` says whether this machine could have
  /// given it (root, the tools present), which makes a missing user a failure under
  /// `CCMSH_REQUIRE_ENGINES=1` rather than a skip.
  static func resolve() -> Result<NonRootCaller, Unavailable> {
    guard geteuid() == 0 else {
      return .failure(
        Unavailable(
          reason: "the tests run as uid \(geteuid()), not root: runuser needs root",
          couldSetUp: false))
    }
    guard let entry = getpwnam(userName) else {
      return .failure(
        Unavailable(
          reason: "no user \(userName) (run scripts/setup-nonroot-user)", couldSetUp: true))
    }
    return .success(
      NonRootCaller(
        name: userName, uid: entry.pointee.pw_uid, home: String(cString: entry.pointee.pw_dir)))
  }

  struct Unavailable: Error {
    let reason: String
    let couldSetUp: Bool
  }

  /// `argv` as this user, with a clean environment and `extra` set, bounded by `timeout`.
  func run(
    _ argv: [String], environment extra: [String: String] = [:], timeout: Duration = .seconds(120)
  ) async throws -> ProcessOutput {
    let environment =
      [
        "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "USER": name,
        "XDG_RUNTIME_DIR": runtimeDirectory,
      ].merging(extra) { $1 }
    let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    return try await SubprocessRunner().run(
      ProcessCommand(
        "runuser", ["-u", name, "--", "env", "-i"] + assignments + argv, timeout: timeout))
  }

  /// Why `kind` cannot be used by this user, or nil; `couldSetUp` as in `resolve`.
  func unavailability(_ kind: RuntimeKind, image: String) async -> Unavailable? {
    if let reason = await Engines.unavailability(kind) {
      return Unavailable(
        reason: "\(kind.rawValue) does not answer even for root: \(reason)", couldSetUp: false)
    }
    if kind == .podman, !FileManager.default.isExecutableFile(atPath: "/usr/bin/newuidmap") {
      return Unavailable(
        reason: "newuidmap is missing (run scripts/install-build-deps: uidmap)", couldSetUp: true)
    }
    let probe = [kind.rawValue, "image", "inspect", "--format", "{{.Id}}", image]
    guard let output = try? await run(probe, timeout: .seconds(60)) else {
      return Unavailable(
        reason: "runuser could not run \(kind.rawValue) as \(name)", couldSetUp: true)
    }
    guard output.status == .exited(0) else {
      let said = output.standardError.split(separator: "\n").last.map(String.init) ?? ""
      return Unavailable(
        reason:
          "\(name) cannot use \(image) on \(kind.rawValue) (run scripts/setup-nonroot-user): \(said)",
        couldSetUp: true)
    }
    return nil
  }
}

/// Run a non-root case when its user and engine are there; otherwise skip with the reason, or,
/// under `CCMSH_REQUIRE_ENGINES=1`, fail when this machine could have set them up.
enum NonRootGate {
  static func caller(_ kind: RuntimeKind, image: String) async -> NonRootCaller? {
    let caller: NonRootCaller
    switch NonRootCaller.resolve() {
    case .success(let found): caller = found
    case .failure(let missing):
      report(missing, kind: kind)
      return nil
    }
    if let missing = await caller.unavailability(kind, image: image) {
      report(missing, kind: kind)
      return nil
    }
    return caller
  }

  private static func report(_ missing: NonRootCaller.Unavailable, kind: RuntimeKind) {
    if Engines.required, missing.couldSetUp {
      Issue.record(
        "CCMSH_REQUIRE_ENGINES=1 and this machine could run ccmsh as a non-root user on \(kind.rawValue), but: \(missing.reason)"
      )
    } else {
      print("skipping the non-root \(kind.rawValue) case: \(missing.reason)")
    }
  }
}
