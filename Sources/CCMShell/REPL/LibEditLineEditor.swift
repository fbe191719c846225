import CEditLine
import Foundation

/// The terminal line editor on libedit's native API: emacs keys, persistent history, Tab
/// completion through a `CompletionEngine`, Ctrl-C as a key that cancels the line.
///
/// Callbacks are non-capturing C functions; they reach this object through EL_CLIENTDATA
/// (`Unmanaged`, unretained: `el_end` runs in `deinit`, before the object goes away).
final class LibEditLineEditor: LineEditor {
  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let historyPath: String?
  /// libedit keeps the returned `char*`, so each prompt is allocated once and lives with us.
  private let primaryPrompt: UnsafeMutablePointer<CChar>
  private let continuationPrompt: UnsafeMutablePointer<CChar>
  fileprivate var currentPrompt: UnsafeMutablePointer<CChar>
  /// The primary prompt's text, asked afresh at each statement (it names the current cluster);
  /// nil keeps `primaryPrompt`.
  var primaryPromptText: (() -> String)?
  /// The last text from `primaryPromptText`, owned here (libedit keeps the pointer).
  private var dynamicPrompt: UnsafeMutablePointer<CChar>?
  fileprivate var interrupted = false
  fileprivate let completion: CompletionEngine?
  /// Says once per session that the history file cannot be written.
  private var historyWarning = HistoryWarning()

  let isInteractive = true

  /// Default prompts; the tmux test matches them literally.
  static let primaryPromptText = "ccmsh> "
  static let continuationPromptText = "...> "

  /// Opens the editor on stdin/stdout.
  ///
  /// `historyPath` is loaded now and rewritten after each
  /// `addHistory` (so a crash loses nothing); nil keeps history in memory only. Returns nil when
  /// libedit cannot initialise (no terminal): use `PlainLineReader` then.
  init?(
    programName: String = "ccmsh",
    historyPath: String?,
    historySize: Int32 = 1000,
    completion: CompletionEngine?,
    primaryPrompt: String = LibEditLineEditor.primaryPromptText,
    continuationPrompt: String = LibEditLineEditor.continuationPromptText
  ) {
    Terminal.enableUTF8Locale()
    guard let el = el_init(programName, ccm_stdin(), ccm_stdout(), ccm_stderr()) else { return nil }
    guard let hist = history_init() else {
      el_end(el)
      return nil
    }
    guard let primary = strdup(primaryPrompt), let continuation = strdup(continuationPrompt) else {
      history_end(hist)
      el_end(el)
      return nil
    }
    editLine = el
    history = hist
    self.historyPath = historyPath
    self.primaryPrompt = primary
    self.continuationPrompt = continuation
    currentPrompt = primary
    self.completion = completion

    _ = ccm_history_setsize(hist, historySize)
    _ = ccm_history_setunique(hist, 1)
    if let historyPath {
      // The config dir may not exist before the first cluster; saving would then fail silently.
      let parent = URL(fileURLWithPath: historyPath).deletingLastPathComponent()
      try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
      // -1 when the file does not exist yet; that is the first run.
      _ = ccm_history_load(hist, historyPath)
    }

    _ = ccm_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
    _ = ccm_el_set_prompt(el, promptCallback)
    _ = ccm_el_set_editor(el, "emacs")
    // libedit restores the terminal on SIGTSTP/SIGTERM/SIGWINCH while it owns it.
    _ = ccm_el_set_signal(el, 1)
    _ = ccm_el_set_hist(el, hist)
    _ = ccm_el_addfn(el, "ccmsh-complete", "complete the word at the cursor", completeCallback)
    _ = ccm_el_bind(el, "^I", "ccmsh-complete")
    // No SIGINT while editing (edit mode only; cooked mode, where commands run, keeps ISIG):
    // ^C arrives as a key instead, and cancelling the line needs no signal handler.
    _ = ccm_el_setty(el, "-d", "-isig")
    _ = ccm_el_addfn(el, "ccmsh-interrupt", "cancel the line", interruptCallback)
    _ = ccm_el_bind(el, "^C", "ccmsh-interrupt")
    // The user's ~/.editrc may rebind keys; a missing file is fine.
    _ = el_source(el, nil)
  }

  deinit {
    el_end(editLine)
    history_end(history)
    free(primaryPrompt)
    free(continuationPrompt)
    free(dynamicPrompt)
  }

  func readLine(prompt: PromptKind) -> LineInput {
    currentPrompt = prompt == .primary ? primaryPrompt : continuationPrompt
    if prompt == .primary, let text = primaryPromptText?(), let copy = strdup(text) {
      free(dynamicPrompt)
      dynamicPrompt = copy
      currentPrompt = copy
    }
    interrupted = false
    var count: Int32 = 0
    guard let raw = el_gets(editLine, &count), count > 0 else {
      // Ctrl-D on an empty line: end the prompt's line so the shell's next prompt starts clean.
      fputs("\n", ccm_stdout())
      fflush(ccm_stdout())
      return .endOfInput
    }
    if interrupted {
      interrupted = false
      return .interrupted
    }
    var line = String(cString: raw)
    // el_gets keeps the newline.
    if line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  func addHistory(_ line: String) {
    guard !line.allSatisfy(\.isWhitespace) else { return }
    _ = ccm_history_enter(history, line)
    guard let historyPath, ccm_history_save(history, historyPath) < 0 else { return }
    if let note = historyWarning.first(for: historyPath) {
      fputs(note, ccm_stderr())
      fflush(ccm_stderr())
    }
  }
}

private func editor(_ el: OpaquePointer?) -> LibEditLineEditor? {
  guard let el, let data = ccm_el_get_clientdata(el) else { return nil }
  return Unmanaged<LibEditLineEditor>.fromOpaque(data).takeUnretainedValue()
}

private let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = {
  el in editor(el)?.currentPrompt
}

private let completeCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { el, _ in
  guard let el, let info = el_line(el), let engine = editor(el)?.completion else {
    return UInt8(CC_REFRESH_BEEP)
  }
  let count = info.pointee.cursor - info.pointee.buffer
  let before = String(
    decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: count), as: UTF8.self)
  let result = engine.complete(lineBeforeCursor: before)
  if !result.insertion.isEmpty {
    _ = el_insertstr(el, result.insertion)
    return UInt8(CC_REFRESH)
  }
  guard result.shouldList else { return UInt8(CC_REFRESH_BEEP) }
  let listing = CompletionEngine.listing(result.matches, width: Terminal.columns())
  fputs("\n" + listing, ccm_stdout())
  fflush(ccm_stdout())
  // Redraw the prompt and the line below the list.
  return UInt8(CC_REDISPLAY)
}

/// ^C while editing: show `^C` at the end of the line and finish it, as bash does; `readLine`
/// then reports `.interrupted` instead of the text.
private let interruptCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { el, _ in
  guard let el, let info = el_line(el), let owner = editor(el) else { return UInt8(CC_ERROR) }
  owner.interrupted = true
  el_cursor(el, Int32(info.pointee.lastchar - info.pointee.buffer))
  _ = el_insertstr(el, "^C")
  // The built-in newline binding ends el_gets cleanly, with the terminal restored.
  el_push(el, "\n")
  return UInt8(CC_REFRESH)
}

/// An unwritable history file is said once (not at every statement, not never): the session
/// goes on with its history in memory.
struct HistoryWarning {
  private var said = false

  /// The note the first time, nil afterwards.
  mutating func first(for path: String) -> String? {
    guard !said else { return nil }
    said = true
    return "ccmsh: note: cannot write the history file \(path); this session's history is kept "
      + "in memory only\n"
  }
}
