import Foundation

// One command line through the command table. No arguments will start the REPL, and `run` the
// script runner, once they exist. Logging: each command parses `--log-level` into
// `GlobalOptions.logLevel`; the swift-log bootstrap from Sources/CCMCore/Logging is wired here.
let context = CommandContext(
  environment: ProcessInfo.processInfo.environment, output: StandardOutput())
let result = await CommandTable.run(Array(CommandLine.arguments.dropFirst()), in: context)
exit(result.status.rawValue)
