/// `help WORD` for the statements whose one line is not enough: what they do, their defaults
/// and an example (each example is a statement `HelpWordsTests` parses).
enum StatementHelp {
  static let details: [String: String] = [
    "wait": """
    Evaluates COND every D (default: every 1s) until it is true, for at most the timeout
    (default: 60s). A try whose command fails or whose expression has an error counts as
    "not yet" (a node still booting), never as the end of the wait. On timeout the else
    block runs if there is one; otherwise the script fails with the wait's last observation.
    `run --strict` requires a timeout on every wait.

    Example:
      wait until $(node1 nodetool status).rows.count == 3 timeout 2m every 2s
    """,
    "for": """
    Runs the block once for each item of a list, or each number of A..B (both included), with
    X set to it. `parallel for` runs the iterations at once, each output line prefixed.

    Example:
      for n in ["node1", "node2"] { $n nodetool flush }
    """,
    "defer": """
    Registers the block to run when the enclosing block ends, however it ends (a failure,
    Ctrl-C), last registered first: the place for cleanup. In a script its top-level defers
    run when the script ends. At the REPL prompt a top-level defer is held until the session
    ends (Ctrl-D), as if the session were one script.

    Example:
      defer { remove repro }
    """,
    "parallel": """
    Runs each statement of the block at once and waits for all; each output line is prefixed
    with its branch. The first failure cancels the other branches.

    Example:
      parallel {
        node1 stop
        node2 stop
      }
    """,
    "try": """
    Runs the first block; if it fails, runs the `on failure` block (with the failure as `e`
    when named) to collect evidence, then the script still fails.

    Example:
      try { node1 nodetool status } on failure as e { echo $e }
    """,
    "save": """
    At the REPL prompt: writes this session's statements that succeeded to FILE as a script
    that `ccmsh run FILE` replays. Over an existing file it asks first; a directory is an
    error. Not a statement of scripts.

    Example:
      save repro.ccm
    """,
  ]
}
