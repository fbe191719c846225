import Foundation

/// Reads the text of included files.
public protocol SourceLoader: Sendable {
  /// The text at `path` (already resolved against the including file).
  func load(_ path: String) throws -> String
}

/// Reads files from disk; the text must be UTF-8 (`SourceText.decode`).
public struct FileSystemLoader: SourceLoader {
  public init() {}
  public func load(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw SourceReadError("no such file")
      }
      throw SourceReadError(isDirectory.boolValue ? "it is a directory" : "permission denied")
    }
    return try SourceText.decode(data)
  }
}

/// Serves files from memory (tests, the REPL's `include` of generated text).
public struct InMemoryLoader: SourceLoader {
  public let files: [String: String]
  public init(_ files: [String: String]) { self.files = files }
  public func load(_ path: String) throws -> String {
    guard let text = files[path] else { throw SourceReadError("no such file") }
    return text
  }
}

/// Why a script's text could not be had, in a few words (`not UTF-8: …`).
public struct SourceReadError: Error, Sendable, CustomStringConvertible {
  public let reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}

/// Script text from bytes, the same for files, includes and stdin: strict UTF-8, so a binary
/// or Latin-1 file is refused with the offset of its first bad byte instead of being parsed
/// with replacement characters.
public enum SourceText {
  public static func decode(_ bytes: some Collection<UInt8>) throws -> String {
    let bytes = Array(bytes)
    if let offset = firstInvalidOffset(bytes) {
      let byte = String(bytes[offset], radix: 16, uppercase: true)
      throw SourceReadError(
        "not UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte) at offset \(offset))")
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The diagnostic for a script that could not be read: `cannot read script 'f': reason`.
  public static func unreadable(_ path: String, _ error: any Error, included: Bool = false)
    -> String
  {
    let reason = (error as? SourceReadError)?.reason ?? "\(error)"
    return "cannot read \(included ? "included file" : "script") '\(path)': \(reason)"
  }

  /// Where UTF-8 breaks (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
  static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0: (length, low) = (3, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: (length, high) = (3, 0x9F)
      case 0xF0: (length, low) = (4, 0x90)
      case 0xF1...0xF3: length = 4
      case 0xF4: (length, high) = (4, 0x8F)
      default: return index
      }
      guard index + length <= bytes.count else { return index }
      for next in 1..<length {
        let byte = bytes[index + next]
        let (min, max): (UInt8, UInt8) = next == 1 ? (low, high) : (0x80, 0xBF)
        if byte < min || byte > max { return index + next }
      }
      index += length
    }
    return nil
  }
}
