import Foundation
import Testing

@testable import CCMCore

/// The writer lock: another process holding it makes a writer fail in one line; holders in one
/// process share it; a cluster removed while a writer waited is gone, not half-there.
@Suite struct ClusterWriterLockTests {
  func withDirectory(_ body: (String) throws -> Void) throws {
    let directory = NSTemporaryDirectory() + "ccmsh-writer-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try body(directory)
  }

  /// An `flock` on another open file description stands for another ccmsh process.
  func holdElsewhere(_ directory: String) -> Int32 {
    let descriptor = open(directory, O_RDONLY | O_DIRECTORY)
    flock(descriptor, LOCK_EX)
    return descriptor
  }

  @Test func anotherWriterMakesItBusy() throws {
    try withDirectory { directory in
      let other = holdElsewhere(directory)
      defer { close(other) }
      #expect(throws: CCMError.clusterBusy("c1")) {
        try ClusterWriterLock.acquire(directory: directory, cluster: "c1", wait: .milliseconds(60))
      }
      #expect(CCMError.clusterBusy("c1").message.split(separator: "\n").count == 1)
      flock(other, LOCK_UN)
      _ = try ClusterWriterLock.acquire(directory: directory, cluster: "c1", wait: .zero)
    }
  }

  @Test func holdersInOneProcessShareIt() throws {
    try withDirectory { directory in
      var first: ClusterWriterLock? = try ClusterWriterLock.acquire(
        directory: directory, cluster: "c1", wait: .zero)
      var second: ClusterWriterLock? = try ClusterWriterLock.acquire(
        directory: directory, cluster: "c1", wait: .zero)
      // Another process is kept out while either is held.
      for _ in 0..<2 {
        let probe = open(directory, O_RDONLY | O_DIRECTORY)
        #expect(flock(probe, LOCK_EX | LOCK_NB) != 0)
        close(probe)
        if first != nil { first = nil } else { second = nil }
      }
      #expect(first == nil && second == nil)
      let probe = open(directory, O_RDONLY | O_DIRECTORY)
      #expect(flock(probe, LOCK_EX | LOCK_NB) == 0)
      close(probe)
    }
  }

  @Test func removedClusterIsNotFound() throws {
    let directory = NSTemporaryDirectory() + "ccmsh-writer-\(UUID().uuidString)"
    #expect(throws: CCMError.clusterNotFound("c1")) {
      try ClusterWriterLock.acquire(directory: directory, cluster: "c1", wait: .zero)
    }
  }
}
