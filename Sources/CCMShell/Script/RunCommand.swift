import ArgumentParser
import CCMCore
import CCMLang
import Foundation

/// `run FILE... [name=value...]`: scripts as test cases, with CI reports.
struct RunCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run .ccm scripts; each file is one test case.",
    discussion: """
      The current cluster (CURRENT) is the user's: a script may create, switch and remove \
      clusters, and after each script CURRENT is what it was before (cleared if that cluster is \
      gone).

      Exit status: 0 all passed, 1 a scenario failed, 64 usage, 65 a script is invalid (nothing \
      ran), 125 infrastructure failure under --bisect, 130 interrupted.
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Script files, then name=value overrides of their params.")
  var inputs: [String] = []
  @Option(name: .customLong("junit"), help: "Write a JUnit XML report to this file.")
  var junit: String?
  @Flag(
    name: .customLong("tap"),
    help: "Print a TAP 13 report on stdout (script output goes to stderr).")
  var tap = false
  @Option(
    name: .customLong("logs"),
    help: "One log per step in DIR/<script>/steps/; on failure, the script's clusters' logs.")
  var logs: String?
  @Flag(
    name: .customLong("bisect"), help: "Exit 125 on infrastructure failures (for git bisect run).")
  var bisect = false
  @Flag(name: .customLong("strict"), help: "Require an explicit timeout on every wait.")
  var strict = false
  @Option(
    name: .customLong("seed"),
    help: "Seed of pick, shuffle, random_int, random_duration (default $CCMSH_SEED, else new).")
  var seed: String?

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let arguments = try ScriptArguments(inputs)
    // A name is refused only when no given script declares it: `run tests/*.ccm image=X`
    // gives `image` to the scripts that take it.
    if let problem = DeclaredParams.undeclared(Array(arguments.params.keys), in: arguments.files) {
      throw ValidationError(problem)
    }
    var environment = ScriptEnvironment.with(global, context.environment)
    let seed = try RunSeed.resolve(self.seed, environment: environment)
    // A `run` inside these scripts makes the same choices again.
    environment[ScriptSeed.environmentVariable] = seed.description
    if bisect,
      let problem = await InfrastructureProbe.problem(
        environment: environment, runner: context.runner)
    {
      return CommandOutcome(
        status: .infrastructure, value: .null,
        failure: CommandFailure(
          text: "\(problem) (skipping under --bisect)", isInfrastructure: true))
    }
    var setup = ScriptSetup(environment: environment, params: arguments.params, strict: strict)
    setup.seed = seed
    context.output.writeError(RunSeed.line(seed))
    setup.undeclaredParamsIgnored = true
    setup.progress = ProcessFeedback.progress
    setup.runner = context.runner
    let runner = ScriptRunner(
      setup: setup, output: tap ? ErrorOnlyOutput(context.output) : context.output,
      logs: logs.map {
        LogCollector(directory: $0, environment: environment, runner: context.runner)
      },
      announces: true, bisect: bisect)
    var records: [TestCaseRecord] = []
    let store = context.store(global)
    for (index, file) in arguments.files.enumerated() {
      let current = store.currentClusterName()
      let record = await runner.run(path: file)
      let left = store.currentClusterName()
      store.restoreCurrent(current)
      // The script said "Current cluster is now: …"; say that this no longer holds.
      if left != current {
        let now = store.currentClusterName().map { "'\($0)'" } ?? "no cluster"
        context.output.writeError(
          "ccmsh: note: CURRENT is \(now) again, as before \(file) (run gives it back)\n")
      }
      records.append(record)
      if record.outcome.status == .cancelled {
        // Reported, not lost: CI sees which scripts never ran.
        records += arguments.files.dropFirst(index + 1).map(TestCaseRecord.notRun)
        break
      }
    }
    if tap { context.output.write(TAPReport.render(records)) }
    if let junit {
      let properties = await RunProperties.collect(
        environment: environment, params: arguments.params, runner: context.runner)
      try ReportFile.write(JUnitReport.render(records, properties: properties), to: junit)
    }
    let value = CommandValue.object([
      "passed": .int(records.filter(\.passed).count),
      "failed": .int(records.filter { !$0.passed }.count),
    ])
    return CommandOutcome(status: ExitStatus.combined(records.map(\.status)), value: value)
  }
}

/// Sends everything to the error stream, keeping stdout for the TAP report.
struct ErrorOnlyOutput: OutputSink {
  let base: any OutputSink
  init(_ base: any OutputSink) { self.base = base }
  func write(_ text: String) { base.writeError(text) }
  func writeError(_ text: String) { base.writeError(text) }
}

/// Writes a report, creating its directory; a failure is the command's error.
enum ReportFile {
  static func write(_ text: String, to path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    do {
      if !directory.isEmpty {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      }
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw CCMError.fileSystem(
        path: path, problem: "cannot write report: \(error.localizedDescription)")
    }
  }
}
