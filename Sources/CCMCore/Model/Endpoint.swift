/// An address and port, stored in node.conf as a two-element list (`- 127.0.0.1` / `- 7000`).
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
  public var host: String
  public var port: Int

  init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// Python's tuple form, which `ccm status -v` prints: `('127.0.0.1', 9042)`.
  public var description: String { "('\(host)', \(port))" }
}
