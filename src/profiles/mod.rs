//! Device profiles: TTN Device Repository profile fields plus an `x-diagnostics` block.
