import CCMWait

/// The clock behind `wait` and `sleep`: the shared wait engine's, so tests inject a
/// `ManualClock` and never really sleep.
public typealias ScriptClock = WaitClock
