import Foundation

/// Checks, before a rootless Podman start, that containers can get a network at all.
///
/// Rootless Podman networks containers through slirp4netns, which opens `/dev/net/tun` as the
/// calling user. Where that device is not the usual 0666 (some VM images ship it root-only),
/// every container start fails deep inside the engine with a multi-line slirp4netns message;
/// ccmsh checks the device first and says what to change in one line.
enum RootlessNetworking {
  static let tunDevice = "/dev/net/tun"

  /// Throws when `kind` is Podman on this kernel, ccmsh is not root (so Podman is rootless) and
  /// the tun device cannot be opened for reading and writing.
  static func check(
    kind: RuntimeKind, local: Bool, euid: uid_t = geteuid(),
    openError: () -> Int32? = { openErrno(tunDevice) }
  ) throws(CCMError) {
    guard kind == .podman, local, euid != 0, let code = openError() else { return }
    throw .container(
      "rootless Podman cannot give containers a network: slirp4netns needs \(tunDevice), which"
        + " uid \(euid) cannot open (\(String(cString: strerror(code)))); as root run"
        + " `chmod 0666 \(tunDevice)` (its usual mode), or run ccmsh as root")
  }

  /// The errno of opening `path` read-write, or nil when it opens (it is closed at once; no
  /// interface is created without the TUNSETIFF ioctl).
  static func openErrno(_ path: String) -> Int32? {
    let descriptor = open(path, O_RDWR | O_CLOEXEC)
    guard descriptor >= 0 else { return errno }
    close(descriptor)
    return nil
  }
}
