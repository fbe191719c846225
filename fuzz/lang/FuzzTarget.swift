// libFuzzer entry for the CCMLang front end: lexer, parser, include resolution and checker.
// Built by run.sh together with Sources/CCMLang/*.swift into one module.
import Foundation

/// The slowest input so far (nanoseconds, best of three timings); printed whenever it grows.
nonisolated(unsafe) private var slowestNanoseconds: UInt64 = 0

/// An input slower than this (best of three, so a busy machine does not count) aborts the run,
/// and libFuzzer saves it as a crash to reproduce.
private let limitNanoseconds: UInt64 = 100_000_000

private func frontEnd(_ text: String) -> UInt64 {
  let started = DispatchTime.now().uptimeNanoseconds
  let file = SourceFile(name: "fuzz.ccm", text: text)
  let preparation = Script.prepare(file, loader: InMemoryLoader(["lib.ccm": "fn helper(a) { return a }"]))
  for diagnostic in preparation.diagnostics.prefix(3) { _ = diagnostic.rendered() }
  return DispatchTime.now().uptimeNanoseconds - started
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  var elapsed = frontEnd(text)
  if elapsed > slowestNanoseconds / 2 || elapsed > limitNanoseconds {
    elapsed = min(elapsed, frontEnd(text), frontEnd(text))
  }
  if elapsed > slowestNanoseconds {
    slowestNanoseconds = elapsed
    FileHandle.standardError.write(Data("slowest input so far: \(elapsed / 1000) µs (\(size) bytes)\n".utf8))
  }
  if elapsed > limitNanoseconds {
    FileHandle.standardError.write(Data("input over 100 ms: \(elapsed / 1_000_000) ms\n".utf8))
    abort()
  }
  return 0
}
