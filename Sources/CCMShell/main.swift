import Foundation

// One command line through the command table; the REPL and script runner plug in here later.
let context = CommandContext(
  environment: ProcessInfo.processInfo.environment, output: StandardOutput())
let result = await CommandTable.run(Array(CommandLine.arguments.dropFirst()), in: context)
exit(result.status.rawValue)
