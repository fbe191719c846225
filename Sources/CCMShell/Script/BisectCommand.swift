import ArgumentParser
import CCMCore
import Foundation

/// `bisect (--images T1,T2,… | --versions A..B) SCRIPT.ccm [name=value…]`: the first image on
/// which a repro script fails, the way `git bisect run` finds a commit.
///
/// Each try is a child `ccmsh run SCRIPT image=TAG --bisect` with its own JUnit report, logs
/// directory and output file; its exit code is run's: 0 passed, 125 skipped (infrastructure),
/// 64/65 or an interrupt end the bisection, anything else failed.
struct BisectCommand: ShellCommand {
  static let configuration = CommandConfiguration(
    commandName: "bisect",
    abstract: "Find the first image (release) on which a script fails.",
    discussion: """
      Candidates are oldest first: --images as listed, --versions A..B the engine's images of \
      $SCYLLA_DOCKER_REPOSITORY (else scylladb/scylla) whose version tag lies in A..B. The \
      script runs with image=CANDIDATE (and the name=value given); the newest is tried first, \
      then halves: at most ceil(log2 N) + 1 runs for N candidates when none is skipped. Exit \
      125 of a run (infrastructure) skips that candidate. Prints each run's result, report and \
      logs, then the first failing and the last passing image.

      Exit status: 0 a first failing image was found, 1 none fails or skips hide which, 64 \
      usage, 65 the script is invalid, 130 interrupted.
      """)

  @OptionGroup var global: GlobalOptions
  @Option(name: .customLong("images"), help: "Candidate images, oldest first, comma-separated.")
  var images: String?
  @Option(
    name: .customLong("versions"),
    help: ArgumentHelp(
      "Versions A..B of the repository's images the engine holds.", valueName: "A..B"))
  var versions: String?
  @Option(name: .customLong("out"), help: "Directory for each run's report, logs and output.")
  var out = "bisect-out"
  @Option(name: .customLong("run-timeout"), help: "Seconds one run may take (3600).")
  var runTimeout = 3600
  @Argument(help: "The script, then name=value overrides of its params.")
  var inputs: [String] = []

  func validate() throws {
    if (images == nil) == (versions == nil) {
      throw ValidationError("give one of --images T1,T2,... and --versions A..B")
    }
    if runTimeout <= 0 { throw ValidationError("--run-timeout must be positive") }
    let arguments = try ScriptArguments(inputs)
    if arguments.files.count != 1 { throw ValidationError("bisect takes one script") }
    if arguments.params["image"] != nil {
      throw ValidationError("image= is what bisect sets: give the candidates instead")
    }
    if let images, Self.list(images).count < 2 {
      throw ValidationError("--images needs at least two candidates")
    }
    if let versions { _ = try Self.range(versions) }
  }

  func execute(in context: CommandContext) async throws -> CommandOutcome {
    let arguments = try ScriptArguments(inputs)
    guard let script = arguments.files.first else { throw ValidationError("no script given") }
    let candidates = try await self.candidates(context)
    let executable = Self.executable()
    let configDirectory = ConfigDirectory.resolve(
      override: global.configDirectory, environment: context.environment)
    var search = BisectSearch(count: candidates.count)
    var runs: [CommandValue] = []
    context.output.write(
      "bisecting \(candidates.count) images: \(candidates.joined(separator: ", "))\n")
    while let index = search.next() {
      let image = candidates[index]
      let name = String(format: "%02d-", runs.count + 1) + Self.fileName(image)
      let junit = out + "/" + name + ".xml"
      let logs = out + "/" + name + "-logs"
      let outputFile = out + "/" + name + ".out"
      let argv =
        [executable, "--config-dir", configDirectory, "run", script, "image=" + image]
        + arguments.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        + ["--bisect", "--junit", junit, "--logs", logs]
      var verdict = BisectSearch.Verdict.skipped
      var word = ""
      var code: Int32?
      do {
        let run = try await ChildRun.run(
          argv, timeout: .seconds(runTimeout), runner: context.runner)
        try ReportFile.write(run.output, to: outputFile)
        code = run.exitCode
        switch run.exitCode {
        case ExitStatus.ok.rawValue: (verdict, word) = (.passed, "passed")
        case ExitStatus.infrastructure.rawValue: (verdict, word) = (.skipped, "skipped (125)")
        case ExitStatus.usage.rawValue, ExitStatus.invalidScript.rawValue:
          throw CCMError.invalidArgument(
            "the run on \(image) exited \(run.exitCode) (usage or invalid script); see "
              + outputFile + "\n"
              + run.output.split(separator: "\n").prefix(5).joined(separator: "\n"))
        case 128...:
          return CommandOutcome(
            status: .interrupted, value: .null,
            failure: CommandFailure(text: "the run on \(image) was interrupted (\(run.exitCode))"))
        default: (verdict, word) = (.failed, "failed (exit \(run.exitCode))")
        }
      } catch let error as ProcessError {
        if case .timedOut = error {
          (verdict, word, code) = (.skipped, "skipped (no end within \(runTimeout) s)", nil)
        } else {
          throw error
        }
      }
      search.record(verdict, for: index)
      // `run --logs` collects only for a failed script.
      let collected = FileManager.default.fileExists(atPath: logs)
      context.output.write(
        "run \(runs.count + 1): \(image): \(word); junit \(junit)"
          + (collected ? ", logs \(logs)" : "") + ", output \(outputFile)\n")
      runs.append(
        .object([
          "image": .string(image), "result": .string(word),
          "exit": code.map { .int(Int($0)) } ?? .null, "junit": .string(junit),
          "logs": collected ? .string(logs) : .null, "output": .string(outputFile),
        ]))
    }
    return conclusion(search.answer, candidates, runs: runs, context: context)
  }

  private func conclusion(
    _ answer: BisectSearch.Answer, _ candidates: [String], runs: [CommandValue],
    context: CommandContext
  ) -> CommandOutcome {
    var fields: [CommandValue.Field] = [.init(key: "runs", value: .list(runs))]
    switch answer {
    case .firstFailing(let failing, let passing):
      context.output.write("first failing image: \(candidates[failing])\n")
      context.output.write(
        "last passing image: \(passing.map { candidates[$0] } ?? "none (the oldest fails)")\n")
      fields += [
        .init(key: "first_failing", value: .string(candidates[failing])),
        .init(key: "last_passing", value: .optional(passing.map { candidates[$0] })),
      ]
      return .ok(.object(fields))
    case .oneOf(let indices, let passing):
      let names = indices.map { candidates[$0] }
      return CommandOutcome(
        status: .failure, value: .object(fields),
        failure: CommandFailure(
          text: "the first failing image is one of \(names.joined(separator: ", ")) (skipped runs"
            + " hide which); last passing: \(passing.map { candidates[$0] } ?? "none")"))
    case .nonefails:
      return CommandOutcome(
        status: .failure, value: .object(fields),
        failure: CommandFailure(
          text: "the script passes on \(candidates.last ?? "the newest"): no image to look for"))
    case .allSkipped:
      return CommandOutcome(
        status: .failure, value: .object(fields),
        failure: CommandFailure(text: "every run was skipped (exit 125): nothing was learnt"))
    }
  }

  /// The candidates, oldest first.
  private func candidates(_ context: CommandContext) async throws -> [String] {
    if let images { return Self.list(images) }
    let (low, high) = try Self.range(versions ?? "")
    let repository =
      context.environment["SCYLLA_DOCKER_REPOSITORY"].flatMap { $0.isEmpty ? nil : $0 }
      ?? ScyllaVersionImage.repository
    let client = try await RuntimeSelection.select(
      flag: nil, environment: context.environment, runner: context.runner
    ).client
    let found = try await client.imageReferences(repository: repository).compactMap {
      reference -> (String, [Int])? in
      guard let tag = reference.split(separator: ":").last.map(String.init),
        let numbers = Self.numbers(tag), Self.within(numbers, low, high)
      else { return nil }
      return (reference, numbers)
    }
    let sorted = Set(found.map(\.0)).compactMap { reference in found.first { $0.0 == reference } }
      .sorted { ($0.1.lexicographicallyPrecedes($1.1)) || ($0.1 == $1.1 && $0.0 < $1.0) }
    guard sorted.count >= 2 else {
      throw CommandFailure(
        text:
          "\(client.kind.rawValue) holds \(sorted.count) image(s) of \(repository) in \(versions ?? "")"
          + " (\(sorted.map(\.0).joined(separator: ", "))): bisect needs two or more")
    }
    return sorted.map(\.0)
  }

  static func list(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }

  /// `2025.1..2025.4` → the two bounds as numbers.
  static func range(_ text: String) throws(ValidationError) -> ([Int], [Int]) {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2, let low = numbers(parts[0]), let high = numbers(parts[1]),
      !high.lexicographicallyPrecedes(low)
    else {
      throw ValidationError("--versions takes A..B, e.g. 2025.1..2025.4, got '\(text)'")
    }
    return (low, high)
  }

  /// The leading dotted numbers of a version tag (`2025.4.2-rc1` → [2025, 4, 2]).
  static func numbers(_ tag: String) -> [Int]? {
    var text = tag
    if text.hasPrefix("release:") { text.removeFirst("release:".count) }
    let head = text.prefix { $0.isNumber || $0 == "." }
    let numbers = head.split(separator: ".").compactMap { Int($0) }
    return numbers.count >= 2 ? numbers : nil
  }

  /// Whether `version` lies in `low..high`, each bound compared on its own components (so
  /// `..2025.4` takes 2025.4.2).
  static func within(_ version: [Int], _ low: [Int], _ high: [Int]) -> Bool {
    let head = Array(version.prefix(low.count))
    let top = Array(version.prefix(high.count))
    return !head.lexicographicallyPrecedes(low) && !high.lexicographicallyPrecedes(top)
  }

  /// An image reference as a file name.
  static func fileName(_ image: String) -> String {
    String(image.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
  }

  /// This ccmsh, to run the script with.
  static func executable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
  }
}
