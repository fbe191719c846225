import Foundation

/// Brings a node's `logs/system.log` up to date with its container's output, on demand.
///
/// Why on demand: nothing may outlive ccmsh, so there is no background follower. Every command
/// that reads logs (a wait, showlog, watchlog...) calls `sync` first; it reads the container's
/// log (one `logs` call, stdout and stderr through one pipe) and appends what was not copied yet.
/// ScyllaDB logs on the container's stderr and its supervisor on stdout, nothing to
/// /var/log/scylla, so the engine's log, both streams in its order, is the one source that works
/// for every image. The call is read line by line, never held whole, so a long-running node's
/// log of any size syncs (it is still read from its start each time: the engines' `--since`
/// works in whole seconds, too coarse for a byte offset).
///
/// A small state file beside system.log records how many bytes were copied and the first bytes of
/// the stream: a re-created container (different head) starts a new segment instead of being
/// skipped. Runs of a reused container accumulate in the engine's log, so they need nothing
/// special. A file lock keeps two ccmsh processes from copying the same bytes twice.
struct LogSync: Sendable {
  let client: any ContainerClient
  let container: String
  let file: NodeLogFile

  init(client: any ContainerClient, container: String, file: NodeLogFile) {
    self.client = client
    self.container = container
    self.file = file
  }

  /// How far system.log has copied the container's log: kept across `clear -a`, so a reused
  /// container's earlier output is not copied again into the emptied logs.
  struct Progress: Codable, Sendable, Hashable {
    var copied: Int
    var head: String
  }

  static let headLength = 256

  var statePath: String {
    (file.path as NSString).deletingLastPathComponent + "/.system.log.sync"
  }

  /// Appends the container's new output to system.log.
  ///
  /// A missing container is not an error (nothing to copy). Returns the number of bytes appended.
  @discardableResult
  func sync() async throws -> Int {
    try await sync(trustingRecord: true)
  }

  private func sync(trustingRecord: Bool) async throws -> Int {
    var reader = SegmentReader(recorded: trustingRecord ? readProgress() : nil)
    reader.trustsRecords = trustingRecord
    var appended = 0
    do {
      for try await line in client.logLines(container, options: LogOptions()) {
        reader.read(line + "\n")
        // Bounded memory: a large log is appended as it is read.
        if reader.pendingBytes > Self.flushBytes { appended += try commit(&reader) }
      }
    } catch ContainerError.containerNotFound {
      return 0
    }
    // Shorter than the record but the same first bytes: a re-created container that began
    // like the old one; its whole log is new.
    if reader.misread || reader.endedShort { return try await sync(trustingRecord: false) }
    return appended + (try commit(&reader))
  }

  private static let flushBytes = 1 << 20

  /// Appends what `reader` holds, minus what another ccmsh appended meanwhile (same segment,
  /// further on), and records the new end: all under the state lock.
  private func commit(_ reader: inout SegmentReader) throws(CCMError) -> Int {
    try withStateLock { () throws(CCMError) -> Int in
      var text = Array(reader.pending.utf8)
      let start = reader.pendingStart
      if reader.trustsRecords, let now = readProgress(), now != reader.recorded,
        now.head == reader.head,
        now.copied > start
      {
        text = Array(text.dropFirst(now.copied - start))
      }
      try file.append(String(decoding: text, as: UTF8.self))
      try writeProgress(Progress(copied: reader.position, head: reader.head))
      reader.committed()
      return text.count
    }
  }

  /// Reads a container's log from its start, keeping only what lies past the recorded copy when
  /// the stream begins as the recorded one did (the same container); all of it otherwise.
  private struct SegmentReader {
    let recorded: Progress?
    /// False on a second reading that found the record wrong: the whole stream is new.
    var trustsRecords = true
    /// Bytes of the stream read so far.
    private(set) var position = 0
    /// Its first `headLength` bytes (fewer while the stream is shorter).
    private(set) var head = ""
    /// Bytes read but not appended yet, which start at `pendingStart` in the stream.
    private(set) var pending = ""
    private(set) var pendingStart = 0
    /// Bytes were skipped as already copied, then the stream turned out not to be the recorded
    /// one (or shorter than the record): read again from the start, trusting no record.
    private(set) var misread = false
    private var skipped = false

    /// Whether the stream begins as the recorded one did (fixed once the head is complete).
    private var sameStream = false
    private(set) var pendingBytes = 0

    init(recorded: Progress?) { self.recorded = recorded }

    mutating func read(_ text: String) {
      let start = position
      let count = text.utf8.count
      position += count
      if head.utf8.count < LogSync.headLength {
        head = String(
          decoding: Array((head + text).utf8).prefix(LogSync.headLength), as: UTF8.self)
        sameStream = beginsAsRecorded()
        if skipped, !sameStream { misread = true }
      }
      let skip = sameStream ? recorded?.copied ?? 0 : 0
      let keepFrom = min(count, max(0, skip - start))
      if keepFrom > 0 { skipped = true }
      guard keepFrom < count else { return }
      if pending.isEmpty { pendingStart = start + keepFrom }
      pending +=
        keepFrom == 0 ? text : String(decoding: text.utf8.dropFirst(keepFrom), as: UTF8.self)
      pendingBytes += count - keepFrom
    }

    /// Called at the end of the stream: true when the record was trusted wrongly.
    var endedShort: Bool { skipped && (recorded?.copied ?? 0) > position }

    mutating func committed() {
      pendingStart += pendingBytes
      pending = ""
      pendingBytes = 0
    }

    private func beginsAsRecorded() -> Bool {
      guard let recorded else { return false }
      let (ours, theirs) = (Array(head.utf8), Array(recorded.head.utf8))
      let common = min(ours.count, theirs.count)
      return ours.prefix(common) == theirs.prefix(common)
    }
  }

  /// Appends what system.log lacks of `output`; returns the number of bytes appended.
  ///
  /// `output` is a prefix of the container's log read some other way (`LogFollow`).
  @discardableResult
  func absorb(_ output: String) throws(CCMError) -> Int {
    try withStateLock { () throws(CCMError) -> Int in
      let bytes = Array(output.utf8)
      let head = String(decoding: bytes.prefix(Self.headLength), as: UTF8.self)
      let previous = readProgress()
      var start = 0
      if let previous, previous.copied <= bytes.count, head.hasPrefix(previous.head) {
        start = previous.copied
      }
      let fresh = String(decoding: bytes[start...], as: UTF8.self)
      try file.append(fresh)
      try writeProgress(Progress(copied: bytes.count, head: head))
      return bytes.count - start
    }
  }

  /// The container's last output lines (both streams), for error messages; system.log's when
  /// the engine cannot tell.
  func lastOutputLines(_ count: Int = 10) async -> [String] {
    guard let logs = try? await client.logs(container, options: LogOptions(tail: count)) else {
      return file.lastLines(count)
    }
    return Array(logs.lines.suffix(count))
  }

  /// How many bytes of the container's stdout system.log holds (right after a sync: all of it).
  func copiedBytes() -> Int { readProgress()?.copied ?? 0 }

  /// How far system.log got (after a sync: the whole log as of now), for `restore`.
  ///
  /// After `clear -a` emptied the logs directory the container still has its log; what it held
  /// before the clear must not come back at the next sync.
  func baseline() async throws -> Progress? {
    try await sync()
    return readProgress()
  }

  /// Puts back a `baseline` (nil: nothing recorded, the next sync copies from the start).
  func restore(_ baseline: Progress?) throws(CCMError) {
    guard let baseline else { return }
    try withStateLock { () throws(CCMError) in try writeProgress(baseline) }
  }

  private func readProgress() -> Progress? {
    guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
    return try? JSONDecoder().decode(Progress.self, from: data)
  }

  private func writeProgress(_ progress: Progress) throws(CCMError) {
    guard let data = try? JSONEncoder().encode(progress) else { return }
    try AtomicFile.write(String(decoding: data, as: UTF8.self), to: statePath)
  }

  private func withStateLock<T>(_ body: () throws(CCMError) -> T) throws(CCMError) -> T {
    let lockPath = statePath + ".lock"
    try AtomicFile.makeDirectory((lockPath as NSString).deletingLastPathComponent)
    let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .fileSystem(path: lockPath, problem: "cannot open: \(AtomicFile.errnoText())")
    }
    defer { close(descriptor) }
    _ = flock(descriptor, LOCK_EX)
    defer { _ = flock(descriptor, LOCK_UN) }
    return try body()
  }
}
