import CCMLang
import CCMWait
import Foundation

/// A `CommandHost` that records every argv and answers a small fixed vocabulary: `true`, `false`,
/// `exit N`, `print …`, `record k=v …`, `counter NAME`, `hang`, `unknown…`; anything else
/// prints `> argv` and succeeds.
///
/// `handler` overrides it.
final class FakeHost: CommandHost, @unchecked Sendable {
  typealias Handler = @Sendable ([String], CommandContext) async throws -> CommandResult?

  private let lock = NSLock()
  private var recorded: [[String]] = []
  private var counters: [String: Int] = [:]
  private let handler: Handler?

  init(handler: Handler? = nil) { self.handler = handler }

  var calls: [[String]] { lock.withLock { recorded } }
  var commandLines: [String] { calls.map { $0.joined(separator: " ") } }

  func run(_ argv: [String], context: CommandContext) async throws -> CommandResult {
    lock.withLock { recorded.append(argv) }
    if let handler, let result = try await handler(argv, context) { return result }
    return try await standard(argv, context)
  }

  private func standard(_ argv: [String], _ context: CommandContext) async throws -> CommandResult {
    let rest = argv.dropFirst().joined(separator: " ")
    switch argv[0] {
    case "true": return CommandResult()
    case "false": return CommandResult(code: 1, err: "false: failed on purpose")
    case "exit":
      return CommandResult(code: Int(argv.dropFirst().first ?? "1") ?? 1, err: "exit \(rest)")
    case "print":
      if context.position == .statement { context.output.line(rest) }
      return CommandResult(out: rest)
    case "record":
      var fields = ValueMap()
      for pair in argv.dropFirst() {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        let value = parts.count > 1 ? parts[1] : ""
        fields[parts[0]] = Double(value).map(Value.number) ?? .string(value)
      }
      return CommandResult(out: rest, fields: fields)
    case "counter":
      let count = lock.withLock { () -> Int in
        counters[rest, default: 0] += 1
        return counters[rest, default: 0]
      }
      return CommandResult(out: String(count), fields: ["value": .number(Double(count))])
    case "hang":
      try await Task.sleep(for: .seconds(3600))
      return CommandResult()
    case let name where name.hasPrefix("unknown"):
      throw CommandHostError("unknown command '\(name)'", notes: ["see `help`"])
    default:
      if context.position == .statement { context.output.line("> " + argv.joined(separator: " ")) }
      return CommandResult(out: argv.joined(separator: " "))
    }
  }
}

/// Collects output lines (thread-safe, for `parallel`).
final class OutputBuffer: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""

  var sink: OutputSink { OutputSink { chunk, _ in self.lock.withLock { self.text += chunk } } }
  var contents: String { lock.withLock { text } }
  var lines: [String] {
    let all = contents
    return all.isEmpty
      ? []
      : all.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }
}

/// Runs script text against a fake host on a manual clock.
struct Harness {
  let host: FakeHost
  let output = OutputBuffer()
  let clock = ManualClock()
  var files: [String: String] = [:]
  var params: [String: String] = [:]

  init(host: FakeHost = FakeHost(), files: [String: String] = [:], params: [String: String] = [:]) {
    self.host = host
    self.files = files
    self.params = params
  }

  var options: EvaluatorOptions {
    var options = EvaluatorOptions()
    options.output = output.sink
    options.clock = clock
    options.loader = InMemoryLoader(files)
    options.params = params
    options.environment = ["HOME": "/home/test"]
    return options
  }

  func run(_ text: String, name: String = "test.ccm") async -> ScriptOutcome {
    await Evaluator(host: host, options: options).run(SourceFile(name: name, text: text))
  }
}
