import Synchronization

/// One top-level step of a script (a statement: a command or a block) as it ran: what it
/// printed, the random choices it made, and whether it failed — for `run --logs DIR`'s one log
/// per step, and for comparing a replay with the run it reproduces, step by step.
public struct ScriptStep: Sendable, Equatable {
  /// 1-based, in the order the steps ran; a top-level `defer` runs as its own step at the end.
  public let number: Int
  /// `file:line`.
  public let location: String
  /// The statement's first source line.
  public let source: String
  /// What the step printed (both streams, interleaved).
  public internal(set) var output: String = ""
  public internal(set) var draws: [RandomDraw] = []
  /// The failures thrown or recorded while it ran.
  public internal(set) var failures: [ScriptFailure] = []
  /// A failure was thrown or recorded (a failed `expect`) while it ran.
  public internal(set) var failed = false
}

/// Collects the steps of one `execute`: the top-level loop opens a step before each statement
/// and closes it after; output written meanwhile goes to the open step.
final class StepLog: Sendable {
  private struct State {
    var steps: [ScriptStep] = []
    var open = false
    var failuresAtStart = 0
    var drawsAtStart = 0
  }
  private let state = Mutex(State())

  /// `target`, also copying what is written into the open step.
  func sink(over target: OutputSink) -> OutputSink {
    OutputSink { text, stream in
      self.state.withLock { state in
        if state.open, !state.steps.isEmpty { state.steps[state.steps.count - 1].output += text }
      }
      target.write(text, to: stream)
    }
  }

  func begin(_ range: SourceRange, _ recorder: Recorder, label: String? = nil) {
    let firstLine = range.text.split(separator: "\n", omittingEmptySubsequences: false).first
    let source = label ?? firstLine.map(String.init) ?? ""
    let failures = recorder.failures.count
    let draws = recorder.draws.count
    state.withLock { state in
      state.steps.append(
        ScriptStep(
          number: state.steps.count + 1,
          location: "\(range.file.name):\(range.location.line)", source: source))
      state.open = true
      state.failuresAtStart = failures
      state.drawsAtStart = draws
    }
  }

  /// Closes the open step; `thrown` is the error that ended it, if any.
  func end(thrown: (any Error)?, _ recorder: Recorder) {
    let failures = recorder.failures
    let draws = recorder.draws
    state.withLock { state in
      guard state.open, !state.steps.isEmpty else { return }
      let index = state.steps.count - 1
      var own = Array(failures.dropFirst(state.failuresAtStart))
      if let failure = thrown as? ScriptFailure, !own.contains(failure) { own.append(failure) }
      state.steps[index].failures = own
      state.steps[index].failed = thrown != nil || !own.isEmpty
      // Branches' draws interleave as they run; in branch order, then draw order, they read
      // the same on every run with the seed.
      state.steps[index].draws = draws.dropFirst(state.drawsAtStart).enumerated()
        .sorted { ($0.element.branch ?? "", $0.offset) < ($1.element.branch ?? "", $1.offset) }
        .map(\.element)
      state.open = false
    }
  }

  var steps: [ScriptStep] { state.withLock { $0.steps } }
}
