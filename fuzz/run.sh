#!/bin/sh
# Runs one fuzz target for N executions with libFuzzer, on the stable toolchain and without
# cargo-fuzz: the instrumentation cargo-fuzz would add is passed as stable codegen flags.
#
#   fuzz/run.sh TARGET RUNS [libFuzzer options…]      e.g. fuzz/run.sh capture 10000000
#
# Targets: adapter frame capture tts_events keys_toml rma_toml allowed_signers sshsig bundle.
# The corpus grows in fuzz/corpus/TARGET (seeded from fuzz/seeds/TARGET and
# fuzz/regressions/TARGET); a crash is written to fuzz/artifacts/TARGET/. Copy it to
# fuzz/regressions/TARGET/ and the test suite replays it (tests/it/fuzz_props.rs).
# CARGO_TARGET_DIR is honoured (default fuzz/target).
set -eu
target=${1:?usage: fuzz/run.sh TARGET RUNS [libFuzzer options…]}
runs=${2:?usage: fuzz/run.sh TARGET RUNS [libFuzzer options…]}
shift 2
dir=$(cd "$(dirname "$0")" && pwd)
host=$(rustc -vV | sed -n 's/^host: //p')
out=${CARGO_TARGET_DIR:-$dir/target}
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo build --manifest-path "$dir/Cargo.toml" --profile fuzz --target "$host" --bin "$target"
mkdir -p "$dir/corpus/$target" "$dir/artifacts/$target"
for seeds in "$dir/seeds/$target" "$dir/regressions/$target"; do
  if [ -d "$seeds" ]; then cp -n "$seeds"/* "$dir/corpus/$target/" 2>/dev/null || true; fi
done
exec "$out/$host/fuzz/$target" -runs="$runs" -artifact_prefix="$dir/artifacts/$target/" \
  -print_final_stats=1 "$@" "$dir/corpus/$target"
