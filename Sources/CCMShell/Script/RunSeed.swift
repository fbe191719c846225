import ArgumentParser
import CCMLang

/// The seed of a run's random choices: `--seed N`, else `CCMSH_SEED`, else a fresh one.
enum RunSeed {
  static func resolve(_ option: String?, environment: [String: String]) throws(ValidationError)
    -> ScriptSeed
  {
    if let option {
      guard let seed = ScriptSeed(parsing: option) else {
        throw ValidationError(
          "--seed takes a whole number from 0 to \(UInt64.max), not '\(option)'")
      }
      return seed
    }
    if let text = environment[ScriptSeed.environmentVariable] {
      guard let seed = ScriptSeed(parsing: text) else {
        throw ValidationError(
          "\(ScriptSeed.environmentVariable) must be a whole number from 0 to \(UInt64.max), not '\(text)'"
        )
      }
      return seed
    }
    return .fresh()
  }

  /// Printed at the start of `run` and after a failure report.
  static func line(_ seed: ScriptSeed) -> String {
    "ccmsh: seed \(seed) (--seed \(seed) or \(ScriptSeed.environmentVariable)=\(seed) makes the same random choices)\n"
  }
}
