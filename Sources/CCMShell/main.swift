import CCMCore
import Foundation

// ccmsh's entry: leading global words (-v, --log-level, --config-dir, -c) decide the mode.
// One command line goes through the command table, as do the lines of a script (-c, stdin,
// `run FILE`) and of the REPL, via the table's CommandHost: one code path for each command.
let environment = ProcessInfo.processInfo.environment
let launch: Launch
let runAsCCM = CCMInvocation.isCCM(programPath: CommandLine.arguments.first ?? "")
ProgramName.set(runAsCCM ? "ccm" : "ccmsh")
do {
  let arguments = Array(CommandLine.arguments.dropFirst())
  launch = try runAsCCM ? Launch(ccm: arguments) : Launch(arguments)
} catch {
  FileHandle.standardError.write(Data(ErrorReport.line(error.message).utf8))
  exit(ExitStatus.usage.rawValue)
}
do {
  let fromEnvironment = try CCMLogging.level(verbosity: launch.verbosity, environment: environment)
  CCMLogging.bootstrap(level: launch.logLevel ?? fromEnvironment)
} catch {
  let colour = OutputStyle.detect(fd: STDERR_FILENO, environment: environment).colour
  FileHandle.standardError.write(
    Data(ErrorReport.paint(ErrorReport.line(error.message), colour: colour).utf8))
  exit(ExitStatus.usage.rawValue)
}
ProcessFeedback.progress = DelayedProgress(
  line: ProgressLine(style: .detect(fd: STDERR_FILENO, environment: environment)))

let scriptEnvironment = ScriptEnvironment.with(
  configDirectory: launch.configDirectory, environment)
let setup = ScriptSetup(environment: scriptEnvironment, progress: ProcessFeedback.progress)

/// Runs a non-interactive mode's work under SIGINT/SIGTERM: a signal cancels it, and whatever
/// child is still running when it returns is ended before ccmsh exits (children run in their own
/// sessions, so the terminal's Ctrl-C never reaches them).
func interruptible(_ work: @escaping @Sendable () async -> ExitStatus) async -> ExitStatus {
  let outcome = await InterruptMonitor.commandLine.run(work)
  ChildProcesses.terminateAll()
  guard outcome.interrupted else { return outcome.value }
  return outcome.signal == SIGTERM ? .terminated : .interrupted
}

/// `-c` and a script on stdin take their seed from `CCMSH_SEED` (a bad one is a usage error).
func seeded(_ setup: ScriptSetup) -> ScriptSetup {
  var setup = setup
  do {
    setup.seed = try RunSeed.resolve(nil, environment: environment)
  } catch {
    FileHandle.standardError.write(Data(ErrorReport.line(error.message).utf8))
    exit(ExitStatus.usage.rawValue)
  }
  return setup
}

let status: ExitStatus
switch launch.mode {
case .command(let words):
  if let help = HelpText.answer(words.rest) {
    // `help` and `help WORD` read the same on the shell as at the prompt.
    switch help {
    case .help(let text):
      if !(await HelpPager.page(text, environment: environment)) {
        FileHandle.standardOutput.write(Data(text.utf8))
      }
      status = .ok
    case .unknown(let message):
      let colour = OutputStyle.detect(fd: STDERR_FILENO, environment: environment).colour
      FileHandle.standardError.write(
        Data(ErrorReport.paint(ErrorReport.line(message), colour: colour).utf8))
      status = .usage
    }
  } else {
    // Ctrl-C cancels the command (a script's `defer`s still run, so clusters are removed).
    var context = CommandContext(environment: environment, output: StandardOutput())
    context.terminal = Terminal.isInteractive
    context.colourErrors = OutputStyle.detect(fd: STDERR_FILENO, environment: environment).colour
    // Progress only on a terminal (`ShellProgress`): a pipe or CI log gets the command's output.
    let progress = ShellProgress.enabled(environment: environment) ? ProcessFeedback.progress : nil
    status = await interruptible { [context] in
      await ShellProgress.run(words, in: context, progress: progress).status
    }
  }
case .inline(let text):
  let runner = ScriptRunner(setup: seeded(setup), output: StandardOutput())
  status = await interruptible { await runner.run(text: text, name: "<-c>").status }
case .session where Terminal.isInteractive:
  let directory = ConfigDirectory.resolve(override: nil, environment: scriptEnvironment)
  status = await REPLSession.run(setup: setup, configDirectory: directory)
case .session:
  // Not a terminal: the whole of stdin is one script, checked before anything runs.
  let bytes = FileHandle.standardInput.readDataToEndOfFile()
  let runner = ScriptRunner(setup: seeded(setup), output: StandardOutput())
  status = await interruptible { await runner.run(bytes: bytes, name: "<stdin>").status }
}
ChildProcesses.terminateAll()
exit(status.rawValue)
