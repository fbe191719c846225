/// The engines asked for at create (`--engine`, in order, and `--place nodeK=E` pins); empty for
/// a cluster on the CLI's default engine, which then behaves exactly as without them.
public struct EngineRequest: Sendable, Hashable {
  var engines: [EngineEndpoint]
  var pins: [String: EngineEndpoint]
  /// The address each engine advertises to the Swarm (`--swarm-advertise E=ADDR`), for engines
  /// with several interfaces; the others pick their own.
  var advertise: [EngineEndpoint: String]

  public init(
    engines: [EngineEndpoint] = [], pins: [String: EngineEndpoint] = [:],
    advertise: [EngineEndpoint: String] = [:]
  ) {
    self.engines = engines
    self.pins = pins
    self.advertise = advertise
  }

  /// `ENGINE=ADDRESS`, as `--swarm-advertise` takes it (split at the last `=`: an engine URL
  /// has none, an address has none).
  public static func parseAdvertise(_ text: String) throws(CCMError) -> (
    engine: EngineEndpoint, address: String
  ) {
    guard let equals = text.lastIndex(of: "="), equals != text.startIndex,
      text.index(after: equals) != text.endIndex
    else {
      throw .invalidArgument(
        "malformed --swarm-advertise '\(text)': expected ENGINE=ADDRESS, e.g. host2=10.0.0.2")
    }
    let address = String(text[text.index(after: equals)...])
    guard !address.contains(where: { $0.isWhitespace || $0 == "/" }) else {
      throw .invalidArgument("malformed --swarm-advertise address '\(address)'")
    }
    return (try EngineEndpoint(parsing: String(text[..<equals])), address)
  }

  public static let none = EngineRequest()

  var isEmpty: Bool { engines.isEmpty && pins.isEmpty }
}

extension EnginePlacement {
  /// Every engine the placement uses: the `--engine` ones in order, then pinned ones not among
  /// them (by name, so the order does not depend on a dictionary).
  var used: [EngineEndpoint] {
    engines
      + Set(pins.values).subtracting(engines).sorted { $0.description < $1.description }
  }
}
