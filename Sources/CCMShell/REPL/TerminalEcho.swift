import Foundation

/// The terminal's echo while a REPL statement runs.
///
/// Off while a statement runs: what a person types ahead stays in the terminal's buffer, unseen,
/// and libedit shows it at the next prompt, instead of the kernel echoing it onto the live
/// progress line (`…== 3  5s / 30ssave x.ccm`). On again for a question (`TerminalQuestion`).
/// An attached session (`NODE cqlsh`) is unaffected: the engine's CLI puts the terminal in raw
/// mode and the remote side echoes, then restores what it found. Nothing changes on a
/// descriptor that is not a terminal.
enum TerminalEcho {
  /// Turns echo on or off on `fd`; returns the settings to `restore`, nil when `fd` is no
  /// terminal (then nothing changed).
  static func set(_ fd: Int32, echo: Bool) -> termios? {
    var saved = termios()
    guard isatty(fd) != 0, tcgetattr(fd, &saved) == 0 else { return nil }
    var changed = saved
    let flags = tcflag_t(ECHO)
    changed.c_lflag = echo ? changed.c_lflag | flags : changed.c_lflag & ~flags
    // TCSANOW: typed-ahead input must stay in the buffer (TCSAFLUSH would drop it).
    _ = tcsetattr(fd, TCSANOW, &changed)
    return saved
  }

  static func restore(_ fd: Int32, _ saved: termios?) {
    guard var saved else { return }
    _ = tcsetattr(fd, TCSANOW, &saved)
  }
}
