// Replaced by the core implementation.
enum CCMCorePlaceholder {}
