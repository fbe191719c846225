import CCMLang
import Testing

@Suite struct EvaluatorTests {
  @Test func commandsReachTheHostWithExpandedWords() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      let i = 2
      let flags = ["--a", "--b"]
      node$i stop $flags "two words" 'raw $i' ${i * 3}
      """)
    #expect(outcome.status == .passed)
    #expect(harness.host.calls == [["node2", "stop", "--a", "--b", "two words", "raw $i", "6"]])
  }

  @Test func statementCommandFailureAbortsAndCaptureIsData() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      let r = $(exit 3)
      echo ${r.ok} ${r.code}
      false
      echo unreachable
      """)
    #expect(harness.output.lines == ["false 3"])
    #expect(outcome.status == .failed)
    #expect(outcome.failures.map(\.message) == ["command failed with exit code 1: false"])
    #expect(outcome.failures.first?.notes == ["false: failed on purpose"])
    #expect(outcome.status == .failed)
  }

  @Test func hostFieldsAreReadableFromCaptures() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      let r = $(record state=UN count=3)
      assert r.state == "UN" and r.count == 3
      echo ${r.keys}
      """)
    #expect(outcome.status == .passed)
    #expect(harness.output.lines == ["ok code out err state count"])
  }

  @Test func functionsAreCalledLikeCommandsAndCaptured() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      fn twice(n) { return n * 2 }
      fn greet(who) { echo "hello $who" }
      greet world
      echo ${$(twice 21) + 0}
      """)
    #expect(outcome.status == .passed)
    #expect(harness.output.lines == ["hello world", "42"])
    #expect(harness.host.calls.isEmpty)
  }

  @Test func staticErrorsStopBeforeAnythingRuns() async {
    let harness = Harness()
    let outcome = await harness.run(
      "node1 start\n" + String(repeating: "echo ok\n", count: 88) + "set missing = 1\n")
    #expect(outcome.status == .invalid)
    #expect(
      outcome.diagnostics.map(\.summary) == ["90:1: cannot assign to 'missing': it is not declared"]
    )
    #expect(harness.host.calls.isEmpty)
  }

  @Test func paramsAreOverriddenFromOutside() async {
    let harness = Harness(params: ["rounds": "5", "image": "scylla:6.2"])
    let outcome = await harness.run(
      """
      param image = "scylla:2025.1"
      param rounds = 3
      param gap = 2s
      echo $image ${rounds + 1} $gap
      """)
    #expect(outcome.status == .passed)
    #expect(harness.output.lines == ["scylla:6.2 6 2s"])
  }

  @Test func unknownParamOverrideIsAnError() async {
    let outcome = await Harness(params: ["nope": "1"]).run("param x = 1")
    #expect(outcome.status == .invalid)
    #expect(outcome.diagnostics.first?.message == "'nope=…' does not name a param of this script")
  }

  @Test func includeIsRelativeAndOnce() async {
    let harness = Harness(files: [
      "dir/lib/a.ccm": "include \"b.ccm\"\nlet from_a = 1\necho a",
      "dir/lib/b.ccm": "echo b\nfn shout(x) { echo \"${x}!\" }",
    ])
    let outcome = await harness.run(
      "include \"lib/a.ccm\"\ninclude \"./lib/a.ccm\"\nshout ${from_a}", name: "dir/main.ccm")
    #expect(outcome.status == .passed)
    #expect(harness.output.lines == ["b", "a", "1!"])
  }

  @Test func missingIncludeIsAStaticError() async {
    let outcome = await Harness().run("include \"nope.ccm\"")
    #expect(
      outcome.diagnostics.map(\.summary) == [
        "1:1: cannot read included file 'nope.ccm': no such file"
      ])
  }

  @Test func defersRunLastInFirstOutAfterFailureHandlers() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      defer { echo cleanup-1 }
      defer { echo cleanup-2 }
      try {
        defer { echo inner-defer }
        echo body
        fail boom
        echo unreachable
      } on failure as e {
        echo "handler: ${e.message} at ${e.location}"
      }
      echo unreachable-too
      """)
    #expect(
      harness.output.lines == [
        "body", "handler: boom at test.ccm:6", "inner-defer", "cleanup-2", "cleanup-1",
      ])
    #expect(outcome.failures.map(\.message) == ["boom"])
  }

  @Test func expectRecordsAndContinuesAssertStops() async {
    let harness = Harness()
    let outcome = await harness.run(
      """
      let n = 2
      expect n == 3
      expect n > 0
      try { expect false, "soft" } on failure as e { echo "saw ${e.message}" }
      assert n == 4, "hard $n"
      echo unreachable
      """)
    #expect(harness.output.lines == ["saw soft"])
    #expect(outcome.checks == 4)
    #expect(outcome.failures.map(\.message) == ["expect failed: n == 3", "soft", "hard 2"])
    #expect(outcome.failures.first?.notes == ["n is 2"])
  }

  @Test func loopsAndControlFlow() async {
    let harness = Harness()
    _ = await harness.run(
      """
      let total = 0
      for i in 1..10 {
        if i % 2 == 0 { continue }
        if i > 7 { break }
        set total = total + i
      }
      let n = 0
      while n < 3 { set n = n + 1 }
      for k in $(record a=1 b=2) { if k == "a" { echo key $k } }
      echo $total $n
      """)
    #expect(harness.output.lines == ["key a", "16 3"])
  }

  @Test func runawayRecursionIsAnError() async {
    let outcome = await Harness().run("fn f(n) { f ${n + 1} }\nf 0")
    #expect(outcome.failures.first?.message == "fn calls are nested more than 100 deep")
  }

  @Test func hostErrorsAreReportedAtTheCommand() async {
    let outcome = await Harness().run("echo before\nunknown-thing --x")
    #expect(outcome.failures.map(\.diagnostic.summary) == ["2:1: unknown command 'unknown-thing'"])
  }

  @Test func replEntriesContinueWhileIncomplete() async {
    let harness = Harness()
    let evaluator = Evaluator(host: harness.host, options: harness.options)
    #expect(await evaluator.runEntry("for i in 1..2 {") == nil)
    #expect(await evaluator.runEntry("for i in 1..2 {\n  node$i flush") == nil)
    let outcome = await evaluator.runEntry("for i in 1..2 {\n  node$i flush\n}")
    #expect(outcome?.status == .passed)
    #expect(await evaluator.runEntry("let x = )")?.status == .invalid)
    #expect(harness.host.commandLines == ["node1 flush", "node2 flush"])
  }

  @Test func replKeepsGlobalsAcrossEntries() async {
    let harness = Harness()
    let evaluator = Evaluator(host: harness.host, options: harness.options)
    let first = Script.prepare(
      SourceFile(name: "<repl>", text: "let s = 1\nfn inc() { set s = s + 1 }"),
      options: evaluator.checkOptions)
    #expect(first.program != nil)
    if let program = first.program { _ = await evaluator.execute(program) }
    let second = Script.prepare(
      SourceFile(name: "<repl>", text: "inc\necho $s"), options: evaluator.checkOptions)
    if let program = second.program { _ = await evaluator.execute(program) }
    #expect(harness.output.lines == ["2"])
  }
}

@Suite struct HostContractTests {
  @Test func hostSeesStatementOrCapturePositionAndTheRange() async {
    let positions = LabelLog()
    let host = FakeHost { _, context in
      positions.add(
        "\(context.position == .statement ? "statement" : "capture") \(context.range.text)")
      return CommandResult(code: 2, out: "x")
    }
    let outcome = await Harness(host: host).run("let r = $(probe a)\nprobe b")
    #expect(positions.values == ["capture $(probe a)", "statement probe b"])
    #expect(outcome.failures.map(\.message) == ["command failed with exit code 2: probe b"])
  }

  @Test func prefixedSinkBuffersPartialLinesUntilFlush() {
    let buffer = OutputBuffer()
    let (sink, flush) = buffer.sink.prefixed("node2")
    sink.write("one\ntw")
    sink.write("o\nthree")
    #expect(buffer.contents == "[node2] one\n[node2] two\n")
    flush()
    #expect(buffer.contents == "[node2] one\n[node2] two\n[node2] three\n")
  }

  @Test func commandResultValueHasStandardAndHostFields() {
    let result = CommandResult(code: 1, out: "o", err: "e", fields: ["rows": .list([])])
    #expect(
      result.value
        == .map([
          "ok": .bool(false), "code": .number(1), "out": .string("o"), "err": .string("e"),
          "rows": .list([]),
        ]))
  }
}

@Suite struct FailureHookTests {
  @Test func hookRunsAfterHandlersAndBeforeTopLevelDefers() async {
    let harness = Harness()
    var options = harness.options
    let output = harness.output
    options.beforeCleanupOnFailure = { failure in output.sink.line("hook: \(failure.message)") }
    let script = """
      defer { echo cleanup }
      try { expect false, "soft" } on failure { echo handler }
      echo more
      """
    let outcome = await Evaluator(host: harness.host, options: options).run(
      SourceFile(name: "h.ccm", text: script))
    #expect(outcome.status == .failed)
    #expect(harness.output.lines == ["handler", "more", "hook: soft", "cleanup"])
  }

  @Test func hookIsNotCalledWhenTheScriptPasses() async {
    let harness = Harness()
    var options = harness.options
    let output = harness.output
    options.beforeCleanupOnFailure = { _ in output.sink.line("hook") }
    _ = await Evaluator(host: harness.host, options: options).run(
      SourceFile(name: "h.ccm", text: "defer { echo cleanup }"))
    #expect(harness.output.lines == ["cleanup"])
  }

  @Test func aMissingEnvVariableSuggestsOnlyCloseNames() async {
    var options = Harness().options
    options.environment = Dictionary(uniqueKeysWithValues: (1...40).map { ("VAR_\($0)", "x") })
    options.environment["SCYLLA_IMAGE"] = "img"
    let evaluator = Evaluator(host: FakeHost(), options: options)
    let typo = await evaluator.run(SourceFile(name: "t.ccm", text: "echo ${env.SCYLA_IMAGE}"))
    #expect(typo.failures.first?.message == "no field 'SCYLA_IMAGE'")
    #expect(typo.failures.first?.notes == ["did you mean SCYLLA_IMAGE? (41 fields)"])
    let far = await evaluator.run(SourceFile(name: "t.ccm", text: "echo ${env.NOPE}"))
    #expect(far.failures.first?.notes == ["none of its 41 fields is close to 'NOPE'"])
    // A command result's few fields are all listed.
    let small = await Harness().run("echo ${$(record a=1).b}")
    #expect(small.failures.first?.notes.first?.hasPrefix("its fields are: ") == true)
  }

  /// M3: `$(…)` as text drops the one trailing newline, as `sh` does, so
  /// `watchlog --from $(node1 marklog)` gets the mark; `.out` keeps the output as printed.
  @Test func aCaptureAsTextDropsOneTrailingNewline() async {
    let host = FakeHost { argv, context in
      switch argv.first {
      case "marklog": return CommandResult(out: "2124\n")
      case "two": return CommandResult(out: "a\n\n")
      case "watchlog":
        if context.position == .statement { context.output.line(argv.joined(separator: "|")) }
        return CommandResult()
      default: return nil
      }
    }
    let harness = Harness(host: host)
    let outcome = await harness.run(
      """
      let m = $(marklog)
      watchlog --from $m
      echo "x$(marklog)y"
      echo "[$(two)]"
      echo ${m.out.count}
      """)
    #expect(outcome.status == .passed)
    #expect(harness.output.lines == ["watchlog|--from|2124", "x2124y", "[a", "]", "5"])
  }

  /// C5: an operand that reads as its own value (`"x"`) gets no note; a name does.
  @Test func aFailedExpectNotesOnlyOperandsThatAreNotTheirOwnValue() async {
    let outcome = await Harness().run("let weird = \"y\"\nexpect \"x\" == weird")
    #expect(outcome.failures.first?.notes == ["weird is \"y\""])
  }

  /// N6: a failure inside a fn names the line that called it, with the arguments expanded,
  /// so two calls of one fn can be told apart; a recorded `expect` too.
  @Test func aFailureInsideAFnNamesItsCallingLineAndArguments() async {
    let outcome = await Harness().run(
      """
      fn check_state(node, state) {
        expect state == "UN"
        assert $(print $node).out == "node1"
      }
      check_state node1 UN
      check_state node3 "D N"
      """, name: "main.ccm")
    #expect(outcome.failures.count == 2)
    #expect(
      outcome.failures.first?.notes == [
        "state is \"D N\"", "in fn check_state, called at main.ccm:6 as: check_state node3 \"D N\"",
      ])
    #expect(
      outcome.failures.last?.notes.last
        == "in fn check_state, called at main.ccm:6 as: check_state node3 \"D N\"")
    #expect(outcome.failures.last?.location == "main.ccm:3")
  }
}
