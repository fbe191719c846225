import ArgumentParser
import CCMCore
import Foundation

/// `NODE nodetool ARGS...`: nodetool in the node's container, arguments passed through.
struct NodetoolCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "nodetool", abstract: "Run nodetool in the node (arguments pass through).")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var timeout: ToolTimeoutOption
  @Argument(parsing: .captureForPassthrough, help: "nodetool arguments (e.g. status).")
  var arguments: [String] = []

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    var arguments = arguments
    // csharp's harness passes the command as one quoted word (`nodetool "decommission -f"`).
    if let first = arguments.first, first.contains(" ") {
      arguments = first.split(separator: " ").map(String.init) + arguments.dropFirst()
    }
    let backend = try await context.container(global).node(node)
    let limit = timeout.duration(default: ToolRun.nodetoolTimeout)
    let output = try await context.runningTool(
      "\(node): nodetool \(arguments.joined(separator: " "))"
    ) { try await Nodetool.run(backend, arguments, timeout: limit) }
    var extra: [CommandValue.Field] = []
    if arguments.first == "status", output.succeeded {
      extra.append(.init(key: "rows", value: ToolValues.statusRows(output.standardOutput)))
    }
    return ToolReport.finish(output, extra: extra, to: context.output)
  }
}

/// `NODE cqlsh [-x STATEMENTS | -f FILE] [ARGS...]`, statements on stdin otherwise.
struct CQLShellCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "cqlsh",
    abstract:
      "Run cqlsh against the node: its prompt on a terminal, else -x statements, -f file or stdin.")

  @OptionGroup var global: GlobalOptions
  @Option(name: [.customShort("x"), .customLong("exec")], help: "Statements, separated by ';'.")
  var statements: String?
  @Option(name: [.short, .customLong("file")], help: "A host file of CQL statements.")
  var file: String?
  @Flag(name: .shortAndLong, help: "Accepted for ccm compatibility.") var verbose = false
  @OptionGroup var timeout: ToolTimeoutOption
  @Argument(parsing: .allUnrecognized, help: "More cqlsh arguments.")
  var arguments: [String] = []

  func validate() throws {
    if statements != nil, file != nil {
      throw ValidationError("give either -x STATEMENTS or -f FILE, not both")
    }
    if statements != nil || file != nil, CQLShell.executesInArguments(arguments) {
      throw ValidationError("give either -x/-f or cqlsh's own -e, not both")
    }
  }

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    let inArguments = CQLShell.executesInArguments(arguments)
    if statements == nil, file == nil, !inArguments, context.terminal {
      // scylla-ccm's `ccm node1 cqlsh`: the cqlsh prompt, on this terminal.
      let backend = try await context.container(global).node(node)
      let address = try await ToolRun.address(of: backend)
      return try await AttachedSession.run(
        backend, CQLShell.argv(address: address, arguments: arguments),
        timeout: timeout.duration(default: TerminalSession.defaultLimit))
    }
    // cqlsh's own `-e` carries the statements: stdin is not read (scylla-ccm passes it on).
    let input = inArguments ? .inArguments : try Self.input(statements: statements, file: file)
    let backend = try await context.container(global).node(node)
    let limit = timeout.duration(default: ToolRun.cqlshTimeout)
    let output = try await context.runningTool("\(node): cqlsh") {
      try await CQLShell.run(backend, input: input, arguments: arguments, timeout: limit)
    }
    let rows = CQLOutput.tables(output.standardOutput).flatMap(ToolValues.rows)
    return ToolReport.finish(
      output, extra: [.init(key: "rows", value: .list(rows))], to: context.output)
  }

  /// Statements come from -x, -f, or ccmsh's own stdin when that is not a terminal (a person
  /// at a terminal gets cqlsh's prompt instead; a script on a terminal cannot).
  static func input(statements: String?, file: String?) throws -> CQLInput {
    if let statements { return .statements(statements) }
    if let file { return .file(file) }
    guard isatty(FileHandle.standardInput.fileDescriptor) == 0 else {
      throw CCMError.invalidArgument(
        "a script cannot open cqlsh's prompt: use -x \"STATEMENTS\", -f FILE, or pipe statements"
          + " in")
    }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return .standardInput(String(decoding: data, as: UTF8.self))
  }
}

/// `NODE exec -- ARGV...`: any command in the node's container.
struct ExecCommand: NodeShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "exec",
    abstract: "Run a command inside the node's container (with a TTY on a terminal).")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var timeout: ToolTimeoutOption
  @Argument(parsing: .captureForPassthrough, help: "The command and its arguments, after --.")
  var command: [String] = []

  func execute(node: String, in context: CommandContext) async throws -> CommandOutcome {
    var argv = command
    if argv.first == "--" { argv.removeFirst() }
    guard !argv.isEmpty else {
      throw ValidationError("exec needs a command: NODE exec -- COMMAND [ARGS...]")
    }
    let backend = try await context.container(global).node(node)
    if context.terminal {
      // On a terminal the command gets a TTY (a shell, `top`, a pager work as in `docker exec -it`).
      return try await AttachedSession.run(
        backend, argv, timeout: timeout.duration(default: TerminalSession.defaultLimit))
    }
    let limit = timeout.duration(default: ToolRun.execTimeout)
    let output = try await context.runningTool("\(node): \(argv.joined(separator: " "))") {
      try await ToolRun.exec(backend, argv, timeout: limit)
    }
    return ToolReport.finish(output, to: context.output)
  }
}

/// Structured values of parsed tool output.
enum ToolValues {
  /// `nodetool status` rows keyed by address.
  static func statusRows(_ text: String) -> CommandValue {
    .object(
      NodetoolStatus.parse(text).map { row in
        CommandValue.Field(
          key: row.address,
          value: .object([
            "status": .string(row.code), "up": .bool(row.liveness == .up),
            "state": .string(row.state.rawValue), "address": .string(row.address),
            "load": .string(row.load), "tokens": .string(row.tokens), "owns": .string(row.owns),
            "host_id": .string(row.hostID), "rack": .string(row.rack),
            "datacenter": .string(row.dataCenter),
          ]))
      })
  }

  /// A cqlsh table's rows as objects, columns in order.
  static func rows(_ table: CQLTable) -> [CommandValue] {
    table.rows.map { cells in
      .object(zip(table.columns, cells).map { .init(key: $0, value: .string($1)) })
    }
  }
}
