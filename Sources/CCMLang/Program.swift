import Foundation

/// A parsed, include-resolved and checked script, ready for `Evaluator.execute`.
public struct Program: Sendable {
  public let file: SourceFile
  public let statements: [Stmt]
  /// Included files by resolved path.
  let includes: [String: [Stmt]]
  /// Every top-level `fn` of the script and its includes (functions are hoisted).
  let functions: [String: FunctionDecl]
}

/// What `Script.prepare` found: a program to run, or the diagnostics that stop it.
public struct Preparation: Sendable {
  /// Nil when there is any error.
  public let program: Program?
  public let diagnostics: [Diagnostic]
  /// The input ended too soon (REPL: read another line).
  public let isIncomplete: Bool
}

/// Options of the static check.
public struct CheckOptions: Sendable {
  /// Names already defined (the REPL's globals, `env`).
  public var predeclared: Set<String>
  /// Functions already defined (earlier REPL entries).
  public var functions: Set<String>
  /// `name=value` overrides given from outside; each must name a `param`.
  public var paramOverrides: [String]
  /// `ccmsh run --strict`: every `wait` needs an explicit `timeout`.
  public var requireWaitTimeout: Bool
  /// The overrides' values, so a literal default's type is checked statically (`n=abc` for
  /// `param n = 3`); names missing here are only checked by name.
  public var paramValues: [String: String] = [:]
  /// Checks command lines against the host's commands (nil: commands are not checked).
  public var commands: (any CommandLinter)?

  public init(
    predeclared: Set<String> = ["env"], functions: Set<String> = [], paramOverrides: [String] = [],
    requireWaitTimeout: Bool = false, commands: (any CommandLinter)? = nil
  ) {
    self.predeclared = predeclared
    self.functions = functions
    self.paramOverrides = paramOverrides
    self.requireWaitTimeout = requireWaitTimeout
    self.commands = commands
  }
}

/// The front end: parse, load includes, check.
///
/// Nothing runs until all of it succeeded, so a mistake on line 90 is reported before line 1
/// executes.
public enum Script {
  public static func prepare(
    _ file: SourceFile, loader: any SourceLoader = FileSystemLoader(),
    options: CheckOptions = CheckOptions()
  ) -> Preparation {
    let parsed = Parser.parse(file)
    if !parsed.diagnostics.isEmpty {
      return Preparation(
        program: nil, diagnostics: parsed.diagnostics, isIncomplete: parsed.isIncomplete)
    }
    var diagnostics: [Diagnostic] = []
    var includes: [String: [Stmt]] = [:]
    var pending = [(file, parsed.statements)]
    while let (including, statements) = pending.popLast() {
      for statement in statements {
        guard case .include(let path) = statement.kind else { continue }
        let resolved = resolveInclude(path, from: including)
        guard includes[resolved] == nil, resolved != file.name else { continue }
        do {
          let included = Parser.parse(SourceFile(name: resolved, text: try loader.load(resolved)))
          diagnostics += included.diagnostics
          includes[resolved] = included.statements
          pending.append((included.file, included.statements))
        } catch {
          includes[resolved] = []
          let reason = SourceText.unreadable(resolved, error, included: true)
          diagnostics.append(Diagnostic(reason, at: statement.range))
        }
      }
    }
    let functions = collectFunctions(
      [parsed.statements] + includes.keys.sorted().compactMap { includes[$0] }, into: &diagnostics)
    let program = Program(
      file: file, statements: parsed.statements, includes: includes, functions: functions)
    diagnostics += Checker.check(program, options: options)
    diagnostics.sort { ($0.range.file.name, $0.range.start) < ($1.range.file.name, $1.range.start) }
    return Preparation(
      program: diagnostics.isEmpty ? program : nil, diagnostics: diagnostics, isIncomplete: false)
  }

  /// `include` paths are relative to the including file.
  static func resolveInclude(_ path: String, from file: SourceFile) -> String {
    if path.hasPrefix("/") { return normalize(path) }
    let directory = (file.name as NSString).deletingLastPathComponent
    return normalize(directory.isEmpty ? path : directory + "/" + path)
  }

  /// Removes `.` and folds `dir/..`, for relative paths too.
  private static func normalize(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
  }

  private static func collectFunctions(_ files: [[Stmt]], into diagnostics: inout [Diagnostic])
    -> [String: FunctionDecl]
  {
    var functions: [String: FunctionDecl] = [:]
    for statement in files.joined() {
      guard case .function(let declaration) = statement.kind else { continue }
      if let earlier = functions[declaration.name] {
        diagnostics.append(
          Diagnostic(
            "fn '\(declaration.name)' is already declared", at: declaration.range,
            notes: ["the first declaration is at \(earlier.range)"]))
      } else {
        functions[declaration.name] = declaration
      }
    }
    return functions
  }
}
