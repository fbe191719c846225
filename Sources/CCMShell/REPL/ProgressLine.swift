import CEditLine
import Foundation
import Synchronization

/// Where output goes and how it may look: live redraws and colour need a terminal.
struct OutputStyle: Sendable, Equatable {
  /// The descriptor written to (stderr for feedback, so captured stdout stays clean).
  var fd: Int32
  /// True on a terminal: redraw in place; otherwise print plain lines.
  var isTerminal: Bool
  /// True only on a terminal, with `NO_COLOR` unset or empty and `TERM` not `dumb`.
  var colour: Bool

  /// Decides from the descriptor and the environment (https://no-color.org).
  static func detect(
    fd: Int32 = STDERR_FILENO, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> OutputStyle {
    let terminal = isatty(fd) != 0
    return OutputStyle(
      fd: fd, isTerminal: terminal,
      colour: colourAllowed(
        isTerminal: terminal, environment: environment))
  }

  static func colourAllowed(isTerminal: Bool, environment: [String: String]) -> Bool {
    guard isTerminal else { return false }
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    return environment["TERM"] != "dumb"
  }
}

/// ANSI colours, applied only when the style allows them.
enum Colour: String, Sendable {
  case red = "31"
  case green = "32"
  case yellow = "33"
  case dim = "2"
  case bold = "1"

  func paint(_ text: String, _ style: OutputStyle) -> String {
    style.colour ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
  }
}

/// Feedback while something long runs (a wait, a node start): on a terminal one line redrawn
/// in place with the elapsed time and the timeout, cleared when done; elsewhere (CI) a plain
/// line every `plainInterval`, so logs show progress without control codes.
final class ProgressLine: Sendable {
  let style: OutputStyle
  let redrawInterval: Duration
  let plainInterval: Duration
  private let state = Mutex(State())
  /// Held while drawing and while other output interrupts, so a redraw never lands mid-line.
  ///
  /// Recursive because output may interrupt from inside output: a script run by a script
  /// (`run FILE` as a statement) writes through its own sink into the outer one, and both
  /// clear this line first.
  private let drawing = ReentrantLock()

  private struct State {
    var what = ""
    var started = ContinuousClock.now
    var timeout: Duration?
    var ticker: Task<Void, Never>?
  }

  init(
    style: OutputStyle = .detect(), redrawInterval: Duration = .milliseconds(250),
    plainInterval: Duration = .seconds(5)
  ) {
    self.style = style
    self.redrawInterval = redrawInterval
    self.plainInterval = plainInterval
  }

  /// Shows `what` until `finish`; `timeout`, when known, is shown after the elapsed time;
  /// `elapsed` is time already spent (showing an older wait again after a newer one ended).
  func start(_ what: String, timeout: Duration? = nil, elapsed: Duration = .zero) {
    let interval = style.isTerminal ? redrawInterval : plainInterval
    let ticker = Task { [weak self] in
      while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        guard !Task.isCancelled, let self else { return }
        self.draw()
      }
    }
    let old = state.withLock { state in
      let old = state.ticker
      state = State(what: what, started: .now - elapsed, timeout: timeout, ticker: ticker)
      return old
    }
    old?.cancel()
    if style.isTerminal { draw() }
  }

  /// Changes the text ("2 of 3 nodes UN") without restarting the clock.
  func update(_ what: String) {
    state.withLock { $0.what = what }
    if style.isTerminal { draw() }
  }

  /// Stops the ticker and clears the live line (terminal); nothing is left behind.
  func finish() {
    let ticker = state.withLock { state in
      defer { state.ticker = nil }
      return state.ticker
    }
    ticker?.cancel()
    if style.isTerminal { drawing.withLock { write("\r\u{1B}[2K") } }
  }

  /// What the line shows now, nil when finished.
  var showing: String? { state.withLock { $0.ticker == nil ? nil : $0.what } }

  /// Writes other output: on a terminal the live line is cleared first and redrawn by the
  /// next tick, below the output, so the two never share a line.
  func interrupting(_ output: () -> Void) {
    drawing.withLock {
      let live = state.withLock { $0.ticker != nil }
      if live && style.isTerminal { write("\r\u{1B}[2K") }
      output()
    }
  }

  /// Runs `operation` with the line shown, and always clears it.
  func during<T>(
    _ what: String, timeout: Duration? = nil, _ operation: () async throws -> T
  ) async rethrows -> T {
    start(what, timeout: timeout)
    defer { finish() }
    return try await operation()
  }

  private func draw() {
    drawing.withLock { drawNow() }
  }

  private func drawNow() {
    let (what, started, timeout) = state.withLock { ($0.what, $0.started, $0.timeout) }
    let elapsed = ContinuousClock.now - started
    if style.isTerminal {
      let width = Terminal.columns(fd: style.fd)
      let text = Self.render(what: what, elapsed: elapsed, timeout: timeout, width: width - 1)
      write("\r\u{1B}[2K" + Colour.dim.paint(text, style))
    } else {
      write(Self.render(what: what, elapsed: elapsed, timeout: timeout, width: nil) + "\n")
    }
  }

  private func write(_ text: String) {
    // An attached session or a question owns the terminal: draw nothing over it.
    guard !TerminalOwnership.isHeld else { return }
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = Foundation.write(
          style.fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
  }

  /// `waiting for node2 to be UN  12s / 2m00s`, cut to `width` characters when given.
  static func render(what: String, elapsed: Duration, timeout: Duration?, width: Int?) -> String {
    var clock = format(elapsed)
    if let timeout { clock += " / " + format(timeout) }
    var text = what + "  " + clock
    if let width, text.count > width {
      // Keep the clock visible; shorten the description.
      let room = max(0, width - clock.count - 3)
      text = String(what.prefix(room)) + "… " + clock
    }
    return text
  }

  /// Whole seconds below a minute (`7s`), then `1m05s`, then `1h02m`.
  static func format(_ duration: Duration) -> String {
    let seconds = Int(duration.components.seconds)
    if seconds < 60 { return "\(seconds)s" }
    if seconds < 3600 { return "\(seconds / 60)m" + twoDigits(seconds % 60) + "s" }
    return "\(seconds / 3600)h" + twoDigits(seconds % 3600 / 60) + "m"
  }

  private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
