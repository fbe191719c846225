import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A child attached to ccmsh's own terminal (stdin, stdout and stderr inherited), for the
/// sessions a person types into: `NODE cqlsh` with no statements, `NODE exec` on a terminal.
///
/// Nothing is captured: the person reads the output as it comes. The child stays in ccmsh's
/// process group, the terminal's foreground group: in a group of its own (as `Process` and the
/// captured runner put children) it would be a background job, and the engine's CLI could not
/// use the terminal. The deadline is the session's upper bound (a forgotten session does not
/// hold the cluster forever); cancellation (a REPL interrupt) ends the child, then kills it if it
/// lingers.
public enum TerminalSession {
  /// How long a session may last when no `--timeout` is given.
  public static let defaultLimit: Duration = .seconds(24 * 3600)

  /// Runs `argv` (the first word looked up on PATH) and returns its exit code (128+N when a
  /// signal ended it).
  public static func run(_ argv: [String], timeout: Duration) async throws -> Int32 {
    guard let program = argv.first else { throw CCMError.invalidArgument("empty command") }
    let pid = try spawn(argv)
    let exited = AsyncStream<Int32>.makeStream()
    // waitpid blocks: on a thread of its own, not on the concurrency pool.
    Thread.detachNewThread {
      var status: Int32 = 0
      while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
      exited.continuation.yield(status)
      exited.continuation.finish()
    }
    let status = await withTaskCancellationHandler {
      await withTaskGroup(of: Int32?.self) { group in
        group.addTask {
          for await status in exited.stream { return status }
          return nil
        }
        group.addTask {
          try? await Task.sleep(for: timeout)
          return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
      }
    } onCancel: {
      kill(pid, SIGTERM)
    }
    guard let status else {
      kill(pid, SIGTERM)
      try? await Task.sleep(for: .seconds(2))
      kill(pid, SIGKILL)
      if Task.isCancelled { return 130 }
      throw CCMError.invalidArgument(
        "\(program): the session outlived its limit of \(timeout.components.seconds) s and was ended"
      )
    }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }

  private static func spawn(_ argv: [String]) throws(CCMError) -> pid_t {
    var pid: pid_t = 0
    var arguments = argv.map { strdup($0) }
    arguments.append(nil)
    defer { for argument in arguments { free(argument) } }
    let result = posix_spawnp(&pid, argv[0], nil, nil, arguments, environ)
    guard result == 0 else {
      throw .container("cannot run \(argv[0]): \(String(cString: strerror(result)))")
    }
    return pid
  }
}
