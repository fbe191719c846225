/// A fake engine was asked for something it does not model.
///
/// Thrown, never answered with a made-up success, so a test that reaches an unexpected call fails
/// where it happens.
public struct UnmodelledCall: Error, CustomStringConvertible, Equatable {
  public var call: String

  public init(_ call: String) { self.call = call }

  public var description: String { "the fake engine does not model: \(call)" }
}
