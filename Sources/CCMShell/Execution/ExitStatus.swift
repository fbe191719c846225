/// ccmsh's exit codes, all in one place (sysexits-style where one applies).
enum ExitStatus: Int32, Sendable {
  /// Success.
  case ok = 0
  /// The command ran and failed (unknown cluster, lock held, I/O error, ...).
  case failure = 1
  /// Bad command line: unknown command or option, malformed argument (EX_USAGE).
  case usage = 64
  /// A script that does not parse (EX_DATAERR); used by the script runner.
  case invalidScript = 65
  /// Infrastructure problem that says nothing about the code under test; `git bisect run`
  /// skips such a commit.
  case infrastructure = 125
}
