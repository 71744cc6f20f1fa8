#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets) for a set time and reports
# how many inputs each tried and what it found.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      (default 300 s, all targets)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain
# (`rustup toolchain install nightly`): libFuzzer's instrumentation is a
# nightly compiler option. Each target starts from the project's own
# fixtures as its corpus (fuzz/corpus, not committed) and keeps what it
# learns between runs. A crash leaves its input in fuzz/artifacts/TARGET/;
# reproduce with `cargo +nightly fuzz run TARGET FILE`, then add the input
# as a regression test beside the code it broke.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(glossary_csv tbx_import tmx_import lint_text normalize term_checks tm_units xml_chars terminal_escape)
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
  exit 2
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "no nightly toolchain: rustup toolchain install nightly" >&2
  exit 2
fi

seed() {
  local target=$1
  shift
  mkdir -p "fuzz/corpus/$target"
  for f in "$@"; do
    [ -f "$f" ] && cp -n "$f" "fuzz/corpus/$target/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
}
seed glossary_csv tests/fixtures/*/glossary.csv
seed tbx_import tests/fixtures/exchange/expected/*.tbx
seed tmx_import tests/fixtures/tm/sample.tmx tests/fixtures/lint/bilingual/*.tmx
seed lint_text tests/fixtures/lint/*.txt
seed normalize tests/fixtures/lint/*.txt
seed term_checks tests/fixtures/lint/*.txt
seed tm_units tests/fixtures/tm/*.tsv tests/fixtures/lint/bilingual/*.tsv
seed xml_chars tests/fixtures/tm/sample.tmx tests/fixtures/exchange/expected/*.tbx
seed terminal_escape tests/fixtures/lint/*.txt

cargo +nightly fuzz build --release >/dev/null || exit 2

found=0
summary=()
for target in "${targets[@]}"; do
  dict=()
  case "$target" in
    tbx_import | tmx_import | xml_chars) dict=(-dict=fuzz/xml.dict) ;;
  esac
  log="fuzz/$target.log"
  echo "== $target for ${seconds}s"
  cargo +nightly fuzz run --release "$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
    "${dict[@]}" >"$log" 2>&1
  status=$?
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || true)
  [ -n "$runs" ] || runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
  if [ $status -eq 0 ]; then
    result="no crash"
  else
    found=$((found + 1))
    result="FOUND: $(grep -m1 -E 'panicked|ERROR: libFuzzer|SUMMARY' "$log" || echo "exit $status") (see $log)"
  fi
  summary+=("$(printf '%-13s %6ss %12s execs %6s corpus  %s' "$target" "$seconds" "$runs" "$corpus" "$result")")
done
echo
printf '%s\n' "${summary[@]}"
exit $((found > 0))
