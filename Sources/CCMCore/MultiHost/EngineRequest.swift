/// The engines asked for at create (`--engine`, in order, and `--place nodeK=E` pins); empty for
/// a cluster on the CLI's default engine, which then behaves exactly as without them.
public struct EngineRequest: Sendable, Hashable {
  public var engines: [EngineEndpoint]
  public var pins: [String: EngineEndpoint]

  public init(engines: [EngineEndpoint] = [], pins: [String: EngineEndpoint] = [:]) {
    self.engines = engines
    self.pins = pins
  }

  public static let none = EngineRequest()

  public var isEmpty: Bool { engines.isEmpty && pins.isEmpty }
}

extension EnginePlacement {
  /// Every engine the placement uses: the `--engine` ones in order, then pinned ones not among
  /// them (by name, so the order does not depend on a dictionary).
  public var used: [EngineEndpoint] {
    engines
      + Set(pins.values).subtracting(engines).sorted { $0.description < $1.description }
  }
}
