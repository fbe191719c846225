import ArgumentParser
import CCMLang

/// `check FILE...`: parse, include and check scripts without running anything.
struct CheckCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check .ccm scripts (syntax, names, includes) without running them.",
    discussion: "Exit status: 0 all valid, 65 a script is invalid, 64 usage.")

  @OptionGroup var global: GlobalOptions
  @Argument(help: "Script files, then name=value params (each must name a param).")
  var inputs: [String] = []
  @Flag(name: .customLong("strict"), help: "Require an explicit timeout on every wait.")
  var strict = false

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let arguments = try ScriptArguments(inputs)
    // As `run` checks them: each name must be declared by some given script.
    if let problem = DeclaredParams.undeclared(Array(arguments.params.keys), in: arguments.files) {
      throw ValidationError(problem)
    }
    var options = CheckOptions(requireWaitTimeout: strict, commands: CommandLint())
    options.paramValues = arguments.params
    var invalid: [String] = []
    for file in arguments.files {
      let problems = ScriptCheck.diagnostics(path: file, options: options)
      if problems.isEmpty {
        context.output.write("\(file): ok\n")
      } else {
        invalid.append(file)
        context.output.writeError(problems.rendered())
      }
    }
    let value = CommandValue.object(["invalid": .list(invalid.map(CommandValue.string))])
    return CommandOutcome(status: invalid.isEmpty ? .ok : .invalidScript, value: value)
  }
}

/// The static check of one file, the same front end `run` uses before executing.
enum ScriptCheck {
  static func diagnostics(
    path: String, options: CheckOptions, loader: any SourceLoader = FileSystemLoader()
  ) -> [Diagnostic] {
    let file: SourceFile
    do {
      file = SourceFile(name: path, text: try loader.load(path))
    } catch {
      let empty = SourceFile(name: path, text: "")
      let start = SourceRange(file: empty, start: 0, end: 0)
      return [Diagnostic(SourceText.unreadable(path, error), at: start)]
    }
    return Script.prepare(file, loader: loader, options: options).diagnostics
  }
}
