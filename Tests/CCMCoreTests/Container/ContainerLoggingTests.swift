import Logging
import Synchronization
import Testing

@testable import CCMCore

/// Every runtime command is logged at debug before it runs, and its output at trace.
@Suite struct ContainerLoggingTests {
  final class Capture: Sendable {
    let records = Mutex<[(Logger.Level, String)]>([])
  }

  struct CaptureHandler: LogHandler {
    let capture: Capture
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
      let text = "\(event.message) \(event.metadata ?? [:])"
      capture.records.withLock { $0.append((event.level, text)) }
    }
  }

  @Test func commandsAtDebugOutputAtTrace() async throws {
    let capture = Capture()
    let logger = Logger(label: "test") { _ in CaptureHandler(capture: capture) }
    let runner = SubprocessRunner(logger: logger)
    _ = try await runner.run(ProcessCommand("sh", ["-c", "echo hello"], timeout: .seconds(10)))
    let records = capture.records.withLock { $0 }
    #expect(records.first?.0 == .debug)
    #expect(records.first?.1.contains("run: sh -c 'echo hello'") == true)
    #expect(records.contains { $0.0 == .trace && $0.1.contains("hello") })
  }
}
