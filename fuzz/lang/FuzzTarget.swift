// libFuzzer entry for the CCMLang front end: lexer, parser, include resolution and checker.
// Built by run.sh together with Sources/CCMLang/*.swift into one module.
import Foundation

/// The slowest input so far (nanoseconds); printed whenever it grows.
nonisolated(unsafe) private var slowestNanoseconds: UInt64 = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let started = DispatchTime.now().uptimeNanoseconds
  let file = SourceFile(name: "fuzz.ccm", text: text)
  let preparation = Script.prepare(file, loader: InMemoryLoader(["lib.ccm": "fn helper(a) { return a }"]))
  for diagnostic in preparation.diagnostics.prefix(3) { _ = diagnostic.rendered() }
  let elapsed = DispatchTime.now().uptimeNanoseconds - started
  if elapsed > slowestNanoseconds {
    slowestNanoseconds = elapsed
    FileHandle.standardError.write(Data("slowest input so far: \(elapsed / 1000) µs (\(size) bytes)\n".utf8))
  }
  return 0
}
