/// A duration's unit: the one list for scripts (`wait … timeout 30s`) and the command line
/// (`watchlog --timeout 30s`).
public enum DurationUnit: String, CaseIterable, Sendable {
  case milliseconds = "ms"
  case seconds = "s"
  case minutes = "m"
  case hours = "h"

  /// The seconds in `count` of this unit (milliseconds divide, so 100ms is exactly 0.1 s).
  public func seconds(of count: Double) -> Double {
    switch self {
    case .milliseconds: count / 1000
    case .seconds: count
    case .minutes: count * 60
    case .hours: count * 3600
    }
  }

  /// "ms, s, m or h", for messages.
  public static let spelled: String = {
    let names = allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
  }()
}

/// The one duration grammar: `DURATION = NUMBER UNIT ; NUMBER = digits [ "." digits ]`.
public enum DurationSyntax {
  /// The seconds `text` stands for ("30s", "1.5m", "500ms"), nil when it is not a duration.
  ///
  /// A bare number counts as `bareNumber` units when given (the command line's `--timeout 30`).
  public static func seconds(_ text: String, bareNumber: DurationUnit? = nil) -> Double? {
    let digits = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    let suffix = text.dropFirst(digits.count)
    guard isNumber(digits), let value = Double(digits) else { return nil }
    guard let unit = suffix.isEmpty ? bareNumber : DurationUnit(rawValue: String(suffix)) else {
      return nil
    }
    return unit.seconds(of: value)
  }

  /// `digits [ "." digits ]`, as the script lexer reads a number.
  private static func isNumber(_ text: Substring) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    return (parts.count == 1 || parts.count == 2) && parts.allSatisfy { !$0.isEmpty }
  }
}
