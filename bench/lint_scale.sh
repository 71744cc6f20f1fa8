#!/usr/bin/env bash
# Lint at scale, side by side with its peers in one run, on the dense
# corpus (Indonesian terms from a few hundred roots with affixes, short
# sentences of common words with 0 to 2 terms each: examples/gen.rs).
#
#     bench/lint_scale.sh                 # every row (about 20 minutes)
#     ROWS="dense startup" bench/lint_scale.sh
#
# Rows (ROWS, default all):
#   dense    hcgloss lint --format json on 20 MB with 100,000 terms: median
#            wall time of RUNS (default 3) and peak RSS; beside it, on the
#            same text and the Indonesian terms lowercased:
#            - LC_ALL=C grep -F -o -i -f patterns.txt (its fast path; it
#              does not respect word boundaries, so it over-counts);
#            - LC_ALL=C grep -F -o -w -i -f patterns.txt, timed on the first
#              GREP_W_MB (default 1) MB and extrapolated: with -w and tens of
#              thousands of patterns GNU grep re-checks every match that is
#              part of a longer word with a regular expression of all the
#              patterns, and takes about 30 s a MB here (its slow path);
#            - rg -F -o -w -i -f patterns.txt (ripgrep, when installed:
#              `cargo install ripgrep`);
#            - examples/lint_scan: fold + one Aho–Corasick scan of the same
#              text with lint's automaton over the same folded terms, the
#              physical limit of any lint run.
#   startup  lint of a one-line file at 10,000, 100,000 and 1,000,000 terms
#            (median of 7 runs, after one run that builds `<store>.lint`).
#   memory   peak RSS of lint --format json on a 200 MB file (MEMORY_MB),
#            on the 20 MB dense text written on one line, and on 20 MB of
#            a deprecated term every 11 bytes (1.9 million findings, with
#            the fixture glossary), ten a line and all on one line.
#   scaling  scripts/lint_scaling.sh: 1×/2×/4× ratios for one huge line,
#            one huge line of quotations read as one sentence,
#            many lines, many findings on one line (linear: about 2).
#
# Work files go to $BENCH_DIR (default target/bench/scale). HCGLOSS names
# the binary to measure (default: the release build of this tree, in
# $CARGO_TARGET_DIR when set).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-$root/target/bench/scale}
rows=${ROWS:-"dense startup memory scaling"}
runs=${RUNS:-3}
grep_w_mb=${GREP_W_MB:-1}
memory_mb=${MEMORY_MB:-200}
mkdir -p "$work"

if [ "$(id -u)" = 0 ] && ! command -v /usr/bin/time >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
cargo build --release --quiet --bin hcgloss --example gen --example lint_scan
target=${CARGO_TARGET_DIR:-$root/target}
hc=${HCGLOSS:-$target/release/hcgloss}
gen=$target/release/examples/gen
scan=$target/release/examples/lint_scan

# measure RUNS COMMAND...: "median_seconds peak_rss_mb" of RUNS runs.
measure() {
  local n=$1
  shift
  python3 - "$n" "$@" <<'EOF'
import statistics, subprocess, sys, tempfile, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
times, rss = [], 0
# Output goes to a file, never to /dev/null: GNU grep stops at its first
# match when it sees its output is /dev/null.
with tempfile.NamedTemporaryFile() as f, tempfile.TemporaryFile() as out:
    for _ in range(n):
        out.seek(0)
        out.truncate()
        t = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name] + cmd,
                              stdout=out, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)}: exit status {done.returncode}")
        rss = max(rss, int(open(f.name).read().split()[-1]))
print(f"{statistics.median(times):.3f} {rss / 1024:.0f}")
EOF
}

# glossary TERMS: a store of the dense glossary of TERMS rows, made once.
glossary() {
  local terms=$1 dir="$work/g$1"
  mkdir -p "$dir"
  if [ ! -f "$dir/s.sqlite" ]; then
    "$gen" dense-glossary "$terms" "$dir/g.csv"
    "$hc" --db "$dir/s.sqlite" import "$dir/g.csv" >/dev/null
  fi
  [ -f "$dir/one.txt" ] || echo "Kementerian melakukan upaya hari ini." >"$dir/one.txt"
  echo "$dir"
}

out=()
row() { out+=("$1"); printf '%s\n' "$1" >&2; }

for r in $rows; do
  case $r in
  dense)
    g=$(glossary 100000)
    [ -f "$g/t.txt" ] || "$gen" dense-text 20 "$g/t.txt" "$g/g.csv"
    python3 - "$g/g.csv" >"$g/patterns.txt" <<'EOF'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    if row["lang"] == "id":
        print(row["term"].lower())
EOF
    head -c $((grep_w_mb * 1000000)) "$g/t.txt" | sed '$d' >"$g/sample.txt"
    sample_mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$g/sample.txt\") / 1e6:.2f}')")
    "$hc" --db "$g/s.sqlite" lint --format json --lang id "$g/one.txt" >/dev/null 2>&1 || true
    read -r lint_s lint_mb < <(measure "$runs" "$hc" --db "$g/s.sqlite" lint --format json --lang id "$g/t.txt")
    row "| hcgloss lint --format json --lang id | 20 MB, 100,000 terms | ${lint_s} s | ${lint_mb} MB | $(python3 -c "print(f'{20 / $lint_s:.1f}')") MB/s |"
    read -r grep_s grep_mb < <(measure "$runs" env LC_ALL=C grep -F -o -i -f "$g/patterns.txt" "$g/t.txt")
    row "| LC_ALL=C grep -F -o -i (fast path, no word boundaries) | 20 MB | ${grep_s} s | ${grep_mb} MB | lint is $(python3 -c "print(f'{$grep_s / $lint_s:.2f}')")× grep |"
    read -r gw_s gw_mb < <(measure 1 env LC_ALL=C grep -F -o -w -i -f "$g/patterns.txt" "$g/sample.txt")
    gw_full=$(python3 -c "print(f'{$gw_s / $sample_mb * 20:.0f}')")
    row "| LC_ALL=C grep -F -o -w -i (slow path) | first ${sample_mb} MB: ${gw_s} s | ≈ ${gw_full} s for 20 MB (extrapolated) | ${gw_mb} MB | lint is $(python3 -c "print(f'{$gw_full / $lint_s:.0f}')")× grep -w |"
    if command -v rg >/dev/null 2>&1; then
      read -r rg_s rg_mb < <(measure 1 rg -F -o -w -i -f "$g/patterns.txt" "$g/t.txt")
      row "| rg -F -o -w -i | 20 MB | ${rg_s} s | ${rg_mb} MB | lint is $(python3 -c "print(f'{$rg_s / $lint_s:.1f}')")× rg |"
    fi
    s=$("$scan" "$g/s.sqlite" "$g/t.txt" "$runs")
    scan_ms=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['fold_and_scan_ms'])" "$s")
    row "| bare fold + Aho–Corasick scan (examples/lint_scan) | 20 MB | $(python3 -c "print(f'{$scan_ms / 1000:.3f}')") s | - | lint takes $(python3 -c "print(f'{$lint_s * 1000 / $scan_ms:.1f}')")× the bare scan; $s |"
    ;;
  startup)
    for terms in 10000 100000 1000000; do
      g=$(glossary "$terms")
      "$hc" --db "$g/s.sqlite" lint --format json --lang id "$g/one.txt" >/dev/null 2>&1 || true
      read -r s mb < <(measure 7 "$hc" --db "$g/s.sqlite" lint --format json --lang id "$g/one.txt")
      row "| start-up: lint of a one-line file | $terms terms | ${s} s | ${mb} MB | |"
    done
    ;;
  memory)
    g=$(glossary 100000)
    [ -f "$g/big.txt" ] || "$gen" dense-text "$memory_mb" "$g/big.txt" "$g/g.csv"
    read -r s mb < <(measure 1 "$hc" --db "$g/s.sqlite" lint --format json --lang id "$g/big.txt")
    row "| memory: lint --format json | ${memory_mb} MB, 100,000 terms | ${s} s | ${mb} MB peak | budget 3 × ${memory_mb} + 400 = $((3 * memory_mb + 400)) MB |"
    [ -f "$g/t.txt" ] || "$gen" dense-text 20 "$g/t.txt" "$g/g.csv"
    [ -f "$g/t-one-line.txt" ] || tr '\n' ' ' <"$g/t.txt" >"$g/t-one-line.txt"
    read -r s mb < <(measure 1 "$hc" --db "$g/s.sqlite" lint --format json --lang id "$g/t-one-line.txt")
    row "| memory: dense text on one line | 20 MB, 100,000 terms | ${s} s | ${mb} MB peak | budget 3 × 20 + 400 = 460 MB |"
    f="$work/findings"
    mkdir -p "$f"
    [ -f "$f/s.sqlite" ] || "$hc" --db "$f/s.sqlite" import tests/fixtures/lint/glossary.csv >/dev/null
    [ -f "$f/one.txt" ] || echo "Kami menunggu pengesahan itu." >"$f/one.txt"
    for shape in lines one-line; do
      [ -f "$f/$shape.txt" ] || awk -v shape="$shape" 'BEGIN {
        while (len < 20 * 1024 * 1024) {
          i++
          printf "pengesahan%s", (shape == "lines" && i % 10 == 0) ? ".\n" : " "
          len += 11
        }
        print ""
      }' >"$f/$shape.txt"
      "$hc" --db "$f/s.sqlite" lint --format json --lang id "$f/one.txt" >/dev/null 2>&1 || true
      read -r s mb < <(measure 1 "$hc" --db "$f/s.sqlite" lint --format json --lang id "$f/$shape.txt")
      row "| memory: 1.9 million findings, $shape | 20 MB, fixture glossary | ${s} s | ${mb} MB peak | budget 3 × 20 + 400 = 460 MB |"
    done
    ;;
  scaling)
    HCGLOSS_BIN=$hc scripts/lint_scaling.sh "${SCALING_KB:-400}" >&2
    ;;
  esac
done

echo
echo "| what | size | time | memory | notes |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${out[@]}"
