import CCMWait

extension WaitPolicy {
  /// ccm's `default_wait_for_binary_proto` (420 s): the start of one node.
  static let nodeStart = WaitPolicy(timeout: .seconds(420))
  /// ccm's `default_wait_other_notice_timeout` (120 s).
  static let otherNotice = WaitPolicy(timeout: .seconds(120))
}
