import CCMCore
import CCMLang
import Foundation

/// `run --logs DIR`: one log per step, and the failed script's own clusters' node logs.
///
/// Per script, `DIR/<script>/steps/` holds one log per top-level step (the failing one's name
/// says `FAILED`); when a script fails, the logs of every cluster it created
/// or acted on are copied to `DIR/<script>/<cluster>/<node>/` before the script's `defer`s
/// remove them, and the failure is written to `failure.txt`. Only the script's own clusters
/// (`TouchedClusters`): never the user's CURRENT one merely because it is current.
struct LogCollector: Sendable {
  let directory: String
  let environment: [String: String]
  var runner: any ProcessRunning = SubprocessRunner()

  /// The destination for one script: `DIR/<file name without .ccm>`.
  func destination(for script: String) -> String {
    let name = (script as NSString).lastPathComponent
    let stem = name.hasSuffix(".ccm") ? String(name.dropLast(4)) : name
    return (directory as NSString).appendingPathComponent(stem.isEmpty ? "script" : stem)
  }

  /// Collects each cluster through the table's `collectlogs`, so logs are synced from the
  /// containers first; a note says which could not be collected, and why.
  func collect(
    script: String, failure: ScriptFailure, seed: ScriptSeed, clusters: [TouchedClusters.Entry],
    to output: any OutputSink
  ) async {
    let target = destination(for: script)
    try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    try? Data((failure.description + RunSeed.line(seed)).utf8).write(
      to: URL(fileURLWithPath: (target as NSString).appendingPathComponent("failure.txt")))
    guard !clusters.isEmpty else {
      output.writeError(
        "ccmsh: no node logs collected into \(target): the script created or used no cluster\n")
      return
    }
    var collected: [String] = []
    for cluster in clusters {
      let place = (target as NSString).appendingPathComponent(cluster.name)
      let outcome = await Self.collectLogs(
        of: cluster, into: place, environment: environment, runner: runner)
      if let reason = outcome {
        output.writeError(
          "ccmsh: could not collect the logs of cluster '\(cluster.name)' into \(place): \(reason)\n"
        )
      } else {
        collected.append(cluster.name)
      }
    }
    if !collected.isEmpty {
      let names = collected.map { "'\($0)'" }.joined(separator: ", ")
      output.writeError("ccmsh: logs of the failed run (cluster \(names)) are in \(target)\n")
    }
  }

  /// `collectlogs PLACE --cluster NAME --config-dir ROOT`: nil when it worked, else why not.
  static func collectLogs(
    of cluster: TouchedClusters.Entry, into place: String, environment: [String: String],
    runner: any ProcessRunning
  ) async -> String? {
    let context = CommandContext(environment: environment, output: CapturedOutput(), runner: runner)
    let outcome = await CommandTable.outcome(
      of: ["collectlogs", place, "--cluster", cluster.name, "--config-dir", cluster.root],
      in: context)
    guard outcome.status != .ok else { return nil }
    return outcome.failure?.message ?? "exit \(outcome.status.rawValue)"
  }

  /// Writes `DIR/<script>/steps/NN-….log`, the failing steps named `NN-FAILED-….log`.
  func writeSteps(script: String, outcome: ScriptOutcome) {
    let folder = (destination(for: script) as NSString).appendingPathComponent("steps")
    try? FileManager.default.removeItem(atPath: folder)
    guard !outcome.steps.isEmpty else { return }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for step in outcome.steps {
      let path = (folder as NSString).appendingPathComponent(StepLogFile.name(step))
      try? Data(StepLogFile.text(step, seed: outcome.seed).utf8).write(
        to: URL(fileURLWithPath: path))
    }
  }
}

/// The file of one step: its name and its text.
enum StepLogFile {
  /// `03-FAILED-node2-stop.log`, `01-create-repro--n-3.log`: the number keeps the order, the
  /// words say which step it is, `FAILED` finds the failing one with `ls`.
  static func name(_ step: ScriptStep) -> String {
    let number = step.number < 10 ? "0\(step.number)" : String(step.number)
    var slug = ""
    for character in step.source {
      if character.isLetter || character.isNumber {
        slug.append(character)
      } else if !slug.hasSuffix("-") {
        slug.append("-")
      }
      if slug.count >= 40 { break }
    }
    slug = String(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-")))
    let mark = step.failed ? "-FAILED" : ""
    return "\(number)\(mark)\(slug.isEmpty ? "" : "-" + slug).log"
  }

  /// The header (where, what, the choices it made), then what it printed.
  static func text(_ step: ScriptStep, seed: ScriptSeed) -> String {
    var text = "# step \(step.number) at \(step.location)\(step.failed ? " (FAILED)" : "")\n"
    text += "# \(step.source)\n"
    if !step.draws.isEmpty {
      text += "# seed \(seed)\n"
      for draw in step.draws { text += "# random \(draw)\n" }
    }
    text += step.output
    if !text.hasSuffix("\n") { text += "\n" }
    for failure in step.failures { text += failure.description }
    return text
  }
}
