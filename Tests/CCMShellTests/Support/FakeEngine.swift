import CCMTestSupport
import Foundation
import Synchronization

@testable import CCMCore

/// A container engine that answers just enough for state-level shell tests.
///
/// For container clusters: the image exists, `/etc/scylla` holds the built-in base scylla.yaml, networks are
/// created, and no container exists. No process is started. An argv outside the engines'
/// vocabulary (`EngineVocabulary`) is refused, not answered.
final class FakeEngine: ProcessRunning {
  private let recorded = Mutex<[[String]]>([])
  private let missing = Mutex<Set<String>>([])

  /// Makes `image` absent: inspecting or pulling it fails as the engine would.
  func removeImage(_ image: String) { missing.withLock { _ = $0.insert(image) } }

  private let observer = Mutex<(@Sendable ([String]) -> Void)?>(nil)
  private let execFailure = Mutex<(standardError: String, network: String)?>(nil)

  /// Makes every container run on `network`, and every later `exec` in one exit 1 with
  /// `standardError` (a node tool that cannot reach its server).
  func failExecs(standardError: String, network: String) {
    execFailure.withLock { $0 = (standardError, network) }
  }

  /// Calls `body` with the argv of every later engine call before it is answered (to look at
  /// what holds while the command runs).
  func observe(_ body: @escaping @Sendable ([String]) -> Void) {
    observer.withLock { $0 = body }
  }

  /// argv of every engine call, executable first.
  var calls: [[String]] { recorded.withLock { $0 } }

  func run(_ command: ProcessCommand) async throws -> ProcessOutput {
    let argv = command.argv
    recorded.withLock { $0.append(argv) }
    observer.withLock { $0 }?(argv)
    let args = Array(argv.dropFirst())
    let podman = argv[0].hasSuffix("podman")
    let absent = missing.withLock { $0 }
    if args.first == "image" || args.first == "pull",
      let image = args.last, absent.contains(where: { image.hasSuffix($0) })
    {
      return ProcessOutput(status: .exited(1), standardError: "Error: No such image: \(image)\n")
    }
    if let failure = execFailure.withLock({ $0 }) {
      if args.first == "exec" {
        return ProcessOutput(status: .exited(1), standardError: failure.standardError)
      }
      if args.first == "inspect", let name = args.last {
        return ProcessOutput(
          status: .exited(0), standardOutput: Self.running(name, network: failure.network))
      }
    }
    switch args.first {
    case "version": return ProcessOutput(status: .exited(0), standardOutput: "20.10.24\n")
    case "image" where args.contains("--format"):
      return ProcessOutput(status: .exited(0), standardOutput: "sha256:feed\n")
    case "image":
      let image = args.last ?? ""
      return ProcessOutput(
        status: .exited(0),
        standardOutput: #"[{"Id":"sha256:feedfacecafe","RepoTags":["\#(image)"]}]"#)
    case "cp":
      let destination = args.last ?? ""
      try? FileManager.default.createDirectory(
        atPath: destination, withIntermediateDirectories: true)
      try? BaseScyllaYAML.builtInDefault.write(
        toFile: destination + "/scylla.yaml", atomically: true, encoding: .utf8)
      return ProcessOutput(status: .exited(0))
    case "network" where args.dropFirst().first == "inspect":
      return ProcessOutput(
        status: .exited(podman ? 125 : 1),
        standardError: "Error: No such network: \(args.last ?? "")")
    case "ps", "inspect":
      return ProcessOutput(status: .exited(0), standardOutput: podman ? "[]" : "")
    default:
      try EngineVocabulary.check(args)
      return ProcessOutput(status: .exited(0), standardOutput: "0123456789ab\n")
    }
  }

  /// `inspect`'s answer for one running container on `network`.
  private static func running(_ name: String, network: String) -> String {
    #"[{"Id":"id-\#(name)","Name":"\#(name)","Image":"0123","State":{"Status":"running","#
      + #""ExitCode":0,"Pid":1},"Config":{"Hostname":"n","Image":"localhost/img:1","Labels":{},"#
      + #""Env":[]},"NetworkSettings":{"Networks":{"\#(network)":{"IPAddress":"10.1.1.2"}}},"#
      + #""Mounts":[]}]"#
  }

  func lines(_ command: ProcessCommand) -> AsyncThrowingStream<String, any Error> {
    AsyncThrowingStream { $0.finish() }
  }

  func locate(executable: String) -> String? { executable }
}
