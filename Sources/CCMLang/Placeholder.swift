// Replaced by the language implementation.
enum CCMLangPlaceholder {}
