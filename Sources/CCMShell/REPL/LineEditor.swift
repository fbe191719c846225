import CEditLine
import Foundation

/// Which prompt the editor shows: the first line of a statement or a line inside an open block.
enum PromptKind: Sendable, Equatable {
  case primary
  case continuation
}

/// What one read from a `LineEditor` produced.
enum LineInput: Sendable, Equatable {
  /// A line without its newline.
  case line(String)
  /// Ctrl-C while typing: the line (and any open block) is abandoned.
  case interrupted
  /// Ctrl-D on an empty line, or the end of a non-terminal input.
  case endOfInput
}

/// Reads statements' lines for the REPL; the terminal and the plain (pipe, CI) readers conform.
protocol LineEditor: AnyObject {
  /// True when reading from a terminal with prompts and editing (both stdin and stdout are TTYs).
  var isInteractive: Bool { get }
  /// Blocks until a line, an interrupt or the end of input.
  func readLine(prompt: PromptKind) -> LineInput
  /// Records a line in the (persisted) history; the caller decides which lines qualify.
  func addHistory(_ line: String)
}

/// Terminal facts shared by the REPL layer.
enum Terminal {
  /// Interactive only when both ends are terminals: with stdout redirected libedit silently
  /// stops editing, and with stdin piped there is nobody to edit.
  static var isInteractive: Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

  /// Makes multibyte input work.
  ///
  /// Without a UTF-8 LC_CTYPE libedit drops every non-ASCII byte. Falls back to C.UTF-8, the usual fix under LANG=C in containers and CI.
  static func enableUTF8Locale() {
    setlocale(LC_CTYPE, "")
    if let codeset = ccm_codeset(), String(cString: codeset) == "UTF-8" { return }
    setlocale(LC_CTYPE, "C.UTF-8")
  }

  /// Columns of the terminal on `fd`, or `fallback` when it is not a terminal.
  static func columns(fd: Int32 = STDOUT_FILENO, fallback: Int = 80) -> Int {
    let cols = Int(ccm_term_columns(fd))
    return cols > 0 ? cols : fallback
  }
}

/// Reads lines from a non-terminal file descriptor: no prompt, no escape codes, no history.
final class PlainLineReader: LineEditor {
  private let file: UnsafeMutablePointer<FILE>
  private let ownsFile: Bool
  private var buffer: UnsafeMutablePointer<CChar>?
  private var capacity = 0

  let isInteractive = false

  /// Reads standard input.
  convenience init() {
    self.init(file: ccm_stdin(), ownsFile: false)
  }

  /// Reads `fd` (a pipe in tests) and closes it with the reader.
  ///
  /// Nil if `fdopen` fails.
  convenience init?(fileDescriptor fd: Int32) {
    guard let file = fdopen(fd, "r") else { return nil }
    self.init(file: file, ownsFile: true)
  }

  private init(file: UnsafeMutablePointer<FILE>, ownsFile: Bool) {
    self.file = file
    self.ownsFile = ownsFile
  }

  deinit {
    free(buffer)
    if ownsFile { fclose(file) }
  }

  func readLine(prompt: PromptKind) -> LineInput {
    let count = getline(&buffer, &capacity, file)
    if count >= 0, let buffer {
      var bytes = UnsafeRawBufferPointer(start: buffer, count: count)[...]
      if bytes.last == UInt8(ascii: "\n") { bytes = bytes.dropLast() }
      if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
      return .line(String(decoding: bytes, as: UTF8.self))
    }
    // A SIGINT handler without SA_RESTART interrupts getline; that is not the end of input.
    if ferror(file) != 0 && errno == EINTR {
      clearerr(file)
      return .interrupted
    }
    return .endOfInput
  }

  func addHistory(_ line: String) {}
}

/// The editor for this process.
///
/// libedit when stdin and stdout are terminals, plain lines otherwise (or when libedit cannot start). `historyPath` is the config dir's `ccmsh_history`.
func makeLineEditor(historyPath: String?, completion: CompletionEngine?) -> any LineEditor {
  if Terminal.isInteractive,
    let editor = LibEditLineEditor(historyPath: historyPath, completion: completion)
  {
    return editor
  }
  return PlainLineReader()
}
