import Foundation
import Testing

@testable import CCMCore

/// The rootless Podman tun check: one line naming the device and the fix, only when it applies.
@Suite struct RootlessNetworkingTests {
  @Test func unopenableTunIsOneClearLineForRootlessPodman() {
    #expect(throws: CCMError.self) {
      try RootlessNetworking.check(kind: .podman, local: true, euid: 1001, openError: { EACCES })
    }
    do {
      try RootlessNetworking.check(kind: .podman, local: true, euid: 1001, openError: { EACCES })
    } catch {
      #expect(!error.message.contains("\n"))
      #expect(error.message.contains("/dev/net/tun"))
      #expect(error.message.contains("Permission denied"))
      #expect(error.message.contains("chmod 0666 /dev/net/tun"))
    }
  }

  @Test(arguments: [
    (RuntimeKind.docker, true, uid_t(1001)), (.podman, true, 0), (.podman, false, 1001),
  ])
  func otherCallersAndEnginesAreNotChecked(_ kind: RuntimeKind, _ local: Bool, _ euid: uid_t) throws
  {
    try RootlessNetworking.check(kind: kind, local: local, euid: euid, openError: { EACCES })
  }

  @Test func anOpenableTunPasses() throws {
    try RootlessNetworking.check(kind: .podman, local: true, euid: 1001, openError: { nil })
  }
}
