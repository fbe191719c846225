import Foundation

/// At most a few engine scenarios at once, across every container suite.
///
/// Why: Swift Testing runs all suites and all argument cases in parallel, so ~70 scenarios would
/// each start containers at the same moment. On a 2-core CI machine podman then serialises on its
/// network lock (netavark/iptables per container start), and every engine call, even
/// `network rm` of an empty network, queues behind dozens of others for tens of seconds: the
/// scenarios' timing checks measured the queue, not ccmsh. `CCMSH_TEST_ENGINE_SLOTS` overrides
/// the default (the number of cores, at least 2).
actor EngineSlots {
  static let shared = EngineSlots(
    count: ProcessInfo.processInfo.environment["CCMSH_TEST_ENGINE_SLOTS"].flatMap { Int($0) }
      ?? max(2, ProcessInfo.processInfo.activeProcessorCount))

  private var free: Int
  private var waiting: [CheckedContinuation<Void, Never>] = []

  init(count: Int) { free = max(1, count) }

  /// Runs `body` once a slot is free, and frees the slot afterwards.
  static func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    await shared.acquire()
    do {
      let value = try await body()
      await shared.release()
      return value
    } catch {
      await shared.release()
      throw error
    }
  }

  private func acquire() async {
    if free > 0 {
      free -= 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  private func release() {
    if waiting.isEmpty {
      free += 1
    } else {
      waiting.removeFirst().resume()
    }
  }
}
