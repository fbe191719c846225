/// An image's `USER` (`scylla:scylla`, `975:975`, `scylla`, empty) as numeric ids, through the
/// image's own /etc/passwd and /etc/group: nothing may assume 999.
enum ImageUser {
  static func resolve(
    _ user: String, passwd: String, group: String, image: String
  ) throws(CCMError) -> (uid: UInt32, gid: UInt32) {
    guard !user.isEmpty else { return (0, 0) }
    let parts = user.split(separator: ":", maxSplits: 1).map(String.init)
    let users = table(passwd)
    let entry = users.first { $0.first == parts[0] }
    guard let uid = UInt32(parts[0]) ?? entry.flatMap({ $0.count > 2 ? UInt32($0[2]) : nil })
    else {
      throw .container("image \(image) runs as '\(user)', a user its /etc/passwd does not define")
    }
    if parts.count == 2 {
      let named = table(group).first { $0.first == parts[1] }
      guard let gid = UInt32(parts[1]) ?? named.flatMap({ $0.count > 2 ? UInt32($0[2]) : nil })
      else {
        throw .container(
          "image \(image) runs as '\(user)', a group its /etc/group does not define")
      }
      return (uid, gid)
    }
    // No group given: the user's primary group, as the engine does.
    let primary = users.first { $0.count > 3 && UInt32($0[2]) == uid }.flatMap { UInt32($0[3]) }
    return (uid, primary ?? uid)
  }

  private static func table(_ text: String) -> [[String]] {
    text.split(separator: "\n").map {
      $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }
  }
}
