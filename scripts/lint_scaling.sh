#!/usr/bin/env bash
# Lint time against input size, whatever the line structure: each case is
# linted at 1×, 2× and 4× its base size and the script prints the seconds
# and the ratio to the size before. Linear work doubles (ratio about 2);
# quadratic work quadruples.
#
#   scripts/lint_scaling.sh [BASE_KB] [CASE...]
#
# Cases (default: all):
#   long-line   lower-case proper names (term-case findings) in one line
#               with no sentence punctuation
#   many-lines  the same text, twenty words a line
#   findings    a deprecated term over and over on one line: one finding
#               per 11 bytes, all on line 1 (text output, JSON and SARIF)
#   quoted      one line with no sentence end, quoted names, glosses in
#               brackets and quotes never closed, its language detected
#               (the line is one sentence, read for its language whole)
# BASE_KB defaults to 100. Uses the release binary (or the one HCGLOSS_BIN
# names, to measure another build) and the lint fixture glossary in a
# temporary store.
set -euo pipefail
cd "$(dirname "$0")/.."

base_kb="${1:-100}"
shift || true
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  cases=(long-line many-lines findings quoted)
fi

if [ -n "${HCGLOSS_BIN:-}" ]; then
  bin="$HCGLOSS_BIN"
else
  cargo build --release --quiet --bin hcgloss
  bin="$PWD/target/release/hcgloss"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/store.sqlite"
"$bin" --db "$db" import tests/fixtures/lint/glossary.csv >/dev/null

# make_input CASE KB FILE: KB kilobytes of the case's text.
make_input() {
  local kind=$1 kb=$2 file=$3
  local phrase="delegasi kementerian luar negeri tiba di pusat konvensi nasional dan"
  local every=0
  case "$kind" in
    long-line) ;;
    many-lines) every=2 ;;
    findings) phrase="pengesahan" ;;
    quoted) phrase="kata 'Komite Pengarah' dan \"tanpa tutup (catatan) serta" ;;
  esac
  awk -v n=$((kb * 1024)) -v s="$phrase" -v every="$every" 'BEGIN {
    while (len < n) {
      i++
      sep = (every > 0 && i % every == 0) ? "\n" : " "
      printf "%s%s", s, sep
      len += length(s) + 1
    }
    print ""
  }' >"$file"
}

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

printf '%-11s %-7s %8s %9s %6s\n' case size format seconds ratio
for kind in "${cases[@]}"; do
  formats=(text)
  [ "$kind" = findings ] && formats=(text json sarif)
  for format in "${formats[@]}"; do
    previous=""
    for scale in 1 2 4; do
      kb=$((base_kb * scale))
      file="$work/$kind-$kb.txt"
      [ -f "$file" ] || make_input "$kind" "$kb" "$file"
      lang=(--lang id)
      [ "$kind" = quoted ] && lang=()
      s=$(seconds "$bin" --db "$db" lint "${lang[@]}" --format "$format" "$file")
      ratio="-"
      [ -n "$previous" ] && ratio=$(printf '%.2f' "$(echo "$s / $previous" | bc -l)")
      printf '%-11s %4s KB %8s %9.3f %6s\n' "$kind" "$kb" "$format" "$s" "$ratio"
      previous=$s
    done
  done
done
