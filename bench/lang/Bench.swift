// Benchmarks of the CCMLang front end and evaluator; built by run.sh with the CCMLang sources.
import Foundation

/// A host that accepts every command silently.
struct SilentHost: CommandHost {
  func run(_ argv: [String], context: CommandContext) async throws -> CommandResult { CommandResult() }
}

/// A 10,000-line script using most constructs, in blocks of 20 lines.
func generatedScript(lines: Int) -> String {
  var text = "param image = \"scylladb/scylla:2025.1\"\nlet total = 0\n"
  var index = 0
  var lineCount = 2
  while lineCount < lines {
    let block = """
      fn helper_\(index)(node, limit) {
        let ip = $($node show).address
        wait until $($node nodetool status).nodes[ip].state == "UN" timeout limit every 1s
        return ip
      }
      let value_\(index) = [1, 2, 3].count * \(index) + 7 % 3
      if value_\(index) > 10 and not (value_\(index) == 42) {
        set total = total + value_\(index)
      } else {
        echo "small ${value_\(index)} on node${\(index) % 3 + 1}"
      }
      for i in 1..3 {
        node$i cqlsh -x "INSERT INTO ks.t (k, v) VALUES ($i, \(index))"   # a comment
      }
      parallel for n in ["node1", "node2"] { $n nodetool flush }
      try { expect total >= 0, "total is $total" } on failure as e { echo ${e.message} }
      defer { echo 'cleanup \(index)' }
      helper_\(index) node1 30s

      """
    text += block
    lineCount += block.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    index += 1
  }
  return text
}

func median(_ samples: [Duration]) -> Duration { samples.sorted()[samples.count / 2] }

func milliseconds(_ duration: Duration) -> String {
  let (seconds, attoseconds) = duration.components
  return String(format: "%.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
}

@main
struct Bench {
  static func main() async {
    let clock = ContinuousClock()
    let text = generatedScript(lines: 10_000)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    var parseSamples: [Duration] = []
    for _ in 0..<9 {
      let elapsed = clock.measure {
        let preparation = Script.prepare(SourceFile(name: "gen.ccm", text: text), loader: InMemoryLoader([:]))
        precondition(preparation.program != nil, preparation.diagnostics.rendered())
      }
      parseSamples.append(elapsed)
    }
    print("parse+check \(lineCount) lines (\(text.utf8.count) bytes): median \(milliseconds(median(parseSamples))) of \(parseSamples.count) runs, min \(milliseconds(parseSamples.min() ?? .zero))")

    let loop = "let x = 0\nfor i in 1..1000000 { set x = x + i }\nassert x == 500000500000"
    var options = EvaluatorOptions()
    options.output = .discard
    var loopSamples: [Duration] = []
    for _ in 0..<5 {
      let evaluator = Evaluator(host: SilentHost(), options: options)
      let started = clock.now
      let outcome = await evaluator.run(SourceFile(name: "loop.ccm", text: loop))
      loopSamples.append(clock.now - started)
      precondition(outcome.status == .passed, outcome.report)
    }
    print("evaluate 1,000,000-iteration loop: median \(milliseconds(median(loopSamples))) of \(loopSamples.count) runs, min \(milliseconds(loopSamples.min() ?? .zero))")
  }
}
