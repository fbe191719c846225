/// The `param` names a script and its includes declare, read without running or checking it:
/// `ccmsh run A.ccm B.ccm image=X` gives each script only the overrides it declares, and
/// refuses a name that no given script declares (a typo is still caught).
public enum DeclaredParams {
  /// The names declared by the script at `path` (none if it cannot be read or parsed; the run
  /// reports that itself).
  public static func names(path: String, loader: any SourceLoader = FileSystemLoader()) -> Set<
    String
  > {
    guard let text = try? loader.load(path) else { return [] }
    var names: Set<String> = []
    var seen: Set<String> = [path]
    var pending = [Parser.parse(SourceFile(name: path, text: text))]
    while let parsed = pending.popLast() {
      for statement in parsed.statements {
        switch statement.kind {
        case .param(let name, _): names.insert(name)
        case .include(let included):
          let resolved = Script.resolveInclude(included, from: parsed.file)
          guard seen.insert(resolved).inserted, let text = try? loader.load(resolved) else {
            continue
          }
          pending.append(Parser.parse(SourceFile(name: resolved, text: text)))
        default: continue
        }
      }
    }
    return names
  }

  /// The first override in `overrides` that none of `scripts` declares, as a one-line problem.
  public static func undeclared(
    _ overrides: [String], in scripts: [String], loader: any SourceLoader = FileSystemLoader()
  ) -> String? {
    let declared = scripts.reduce(into: Set<String>()) {
      $0.formUnion(names(path: $1, loader: loader))
    }
    guard let name = overrides.sorted().first(where: { !declared.contains($0) }) else {
      return nil
    }
    let which = scripts.count == 1 ? "the script" : "any of the \(scripts.count) scripts"
    let known =
      declared.isEmpty
      ? "no params are declared" : "declared: \(declared.sorted().joined(separator: ", "))"
    return "'\(name)=…' does not name a param of \(which) (\(known))"
  }
}
