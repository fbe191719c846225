import CCMLang
import CCMWait
import Foundation
import Testing

/// Runs the script corpus against the fake host and checks what each script expects.
///
/// Runs every `Tests/Scripts/**/*.ccm` (except `scenario/` and `_helper.ccm` files) against
/// the `FakeHost` on a manual clock and compares what the script says it should do:
///
///     # expect: <an output line>             (in order; `# unordered` compares as a set)
///     # expect error: <line>:<col>: <msg>    (a static diagnostic; nothing runs)
///     # expect failure: <line>: <msg>        (a runtime failure)
///     # param: <name>=<value>                (an outside override)
@Suite struct ScriptCorpusTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Scripts")

  static let files: [String] = {
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    var found: [String] = []
    while let path = enumerator?.nextObject() as? String {
      let name = (path as NSString).lastPathComponent
      if path.hasSuffix(".ccm"), !path.hasPrefix("scenario/"), !name.hasPrefix("_") {
        found.append(path)
      }
    }
    return found.sorted()
  }()

  struct Expectations {
    var output: [String] = []
    var errors: [String] = []
    var failures: [String] = []
    var params: [String: String] = [:]
    var unordered = false

    init(_ text: String) {
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        guard let hash = line.range(of: "# ") else { continue }
        let comment = line[hash.upperBound...]
        if let rest = comment.stripping("expect: ") ?? (comment == "expect:" ? "" : nil) {
          output.append(rest)
        } else if let rest = comment.stripping("expect error: ") {
          errors.append(rest)
        } else if let rest = comment.stripping("expect failure: ") {
          failures.append(rest)
        } else if let rest = comment.stripping("param: "), let equals = rest.firstIndex(of: "=") {
          params[String(rest[..<equals])] = String(rest[rest.index(after: equals)...])
        } else if comment.hasPrefix("unordered") {
          unordered = true
        }
      }
    }
  }

  @Test func corpusIsNotEmpty() {
    #expect(Self.files.count >= 30)
  }

  @Test(arguments: files)
  func script(_ path: String) async throws {
    let fullPath = Self.root.appendingPathComponent(path).path
    let text = try String(contentsOfFile: fullPath, encoding: .utf8)
    let expected = Expectations(text)
    let output = OutputBuffer()
    var options = EvaluatorOptions()
    options.output = output.sink
    options.clock = ManualClock()
    options.params = expected.params
    options.environment = ["HOME": "/home/test"]
    options.loader = RootedLoader(root: Self.root.path)
    let outcome = await Evaluator(host: FakeHost(), options: options).run(
      SourceFile(name: path, text: text))

    #expect(outcome.diagnostics.map(\.summary) == expected.errors, "\(path)\n\(outcome.report)")
    let failures = outcome.failures.map { "\($0.range.location.line): \($0.message)" }
    #expect(failures == expected.failures, "\(path)\n\(outcome.report)")
    if expected.unordered {
      #expect(output.lines.sorted() == expected.output.sorted(), "\(path)")
    } else {
      #expect(output.lines == expected.output, "\(path)")
    }
    let status: ScriptOutcome.Status =
      !expected.errors.isEmpty ? .invalid : expected.failures.isEmpty ? .passed : .failed
    #expect(outcome.status == status, "\(path)")
  }
}

/// Reads paths relative to the corpus root, so messages show `include/lib/x.ccm`.
struct RootedLoader: SourceLoader {
  let root: String
  func load(_ path: String) throws -> String { try FileSystemLoader().load(root + "/" + path) }
}

extension Substring {
  fileprivate func stripping(_ prefix: String) -> String? {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
  }
}
