import ArgumentParser

/// `version`, `--version` or `-V`: print ccmsh's version.
///
/// `NODE version` stays nodetool's (a ccm shortcut).
struct VersionCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "version", abstract: "Print ccmsh's version (also --version, -V).")

  @OptionGroup var global: GlobalOptions

  /// The words that ask for the version as the whole command line.
  static let flags: Set<String> = ["--version", "-V"]

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    context.output.write(CCMVersion.line + "\n")
    return .ok(.string(CCMVersion.current))
  }
}
