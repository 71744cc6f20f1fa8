#!/usr/bin/env bash
# Builds benchmark data, installs the peers it needs, runs hcgloss and each
# peer on the same data in one run, and prints a table of medians, ratios
# and recall, at ×0.1 and ×1 of the sizes named in the performance goals.
#
#     bench/compare.sh            # both scales (about 15 minutes on 2 cores)
#     SCALES=0.1 bench/compare.sh # the small scale only
#
# Work files go to $BENCH_DIR (default target/bench). Peers: RapidFuzz
# (PyPI, in a virtual environment under $BENCH_DIR), GNU grep and the
# sqlite3 shell (Debian packages, installed when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-$root/target/bench}
scales=${SCALES:-"0.1 1"}
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need sqlite3 || ! need /usr/bin/time; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq sqlite3 time >/dev/null; fi
fi
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q rapidfuzz
fi
py="$work/venv/bin/python"

cargo build --release --quiet --bin hcgloss --examples
bin=$root/target/release
hc=$bin/hcgloss
rows=()
row() { rows+=("$1"); printf '%s\n' "$1" >&2; }
field() { "$py" -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
ratio() { "$py" -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.1f}x' if b else '-')" "$1" "$2"; }
wall_ms() { # wall milliseconds of one run of a command
  local start end
  start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

for scale in $scales; do
  terms=$("$py" -c "print(int(1_000_000*$scale))")
  lint_terms=$("$py" -c "print(int(100_000*$scale))")
  lint_mb=$("$py" -c "print(max(1,int(100*$scale)))")
  dir="$work/x$scale"
  mkdir -p "$dir"

  # 1. Lookup in process: the index against RapidFuzz on the same folded strings.
  "$bin/examples/gen" glossary "$terms" "$dir/glossary.csv"
  lookup=$("$bin/examples/bench_lookup" "$dir/glossary.csv" 100 "$dir/lookup")
  rf=$("$py" bench/rapidfuzz_lookup.py "$dir/lookup/choices.txt" "$dir/lookup/queries.txt" 30)
  row "| lookup top-10, in process | $terms terms | $(field "$lookup" median_ms) ms (p95 $(field "$lookup" p95_ms)) | RapidFuzz extract: $(field "$rf" median_ms) ms | $(ratio "$(field "$rf" median_ms)" "$(field "$lookup" median_ms)") | recall@10 $(field "$lookup" recall_at_10) |"

  # 2. Import, against the sqlite3 shell's .import of the same CSV into a plain table.
  rm -f "$dir"/store.sqlite* "$dir/plain.sqlite"
  import_ms=$(wall_ms "$hc" --db "$dir/store.sqlite" import "$dir/glossary.csv")
  plain_ms=$(wall_ms sqlite3 "$dir/plain.sqlite" ".import --csv $dir/glossary.csv t")
  row "| import | $terms rows | $import_ms ms | sqlite3 .import: $plain_ms ms | $(ratio "$import_ms" "$plain_ms") slower | lookup index built in the same transaction |"

  # 3. Lookup from the command line: a cold process on that store.
  query=$(head -1 "$dir/lookup/queries.txt")
  cold=$("$py" bench/time_runs.py 20 -- "$hc" --db "$dir/store.sqlite" lookup "$query")
  row "| lookup, cold process | $terms terms | $(field "$cold" median_ms) ms (p95 $(field "$cold" p95_ms)) | - | - | persisted index, 20 runs |"

  # 4. Lint against grep -F -o -w -i.
  if [ -x bench/lint_vs_grep.sh ]; then
    "$bin/examples/gen" glossary "$lint_terms" "$dir/lint-glossary.csv"
    rm -rf "$dir/articles"
    "$bin/examples/gen" articles "$lint_mb" "$dir/articles" "$dir/lint-glossary.csv"
    rm -f "$dir"/lint.sqlite*
    "$hc" --db "$dir/lint.sqlite" import "$dir/lint-glossary.csv" >/dev/null
    lint=$(bench/lint_vs_grep.sh "$dir/lint.sqlite" "$dir/lint-glossary.csv" "$dir/articles")
    # grep -w is timed on a sample of the files (see lint_vs_grep.sh), hcgloss on the sample and on all.
    row "| lint | $lint_terms terms, $lint_mb MB | $(field "$lint" hcgloss_full_ms) ms ($(field "$lint" hcgloss_full_mb_per_s) MB/s; $(field "$lint" hcgloss_ms) ms on the sample) | grep -F -o -w -i: $(field "$lint" grep_ms) ms on the first $(field "$lint" sample_mb) MB | $(field "$lint" ratio)x on the sample, $(field "$lint" ratio_full_extrapolated)x extrapolated | occurrences on the sample $(field "$lint" hcgloss_occurrences) vs $(field "$lint" grep_occurrences), grep matches missed $(field "$lint" grep_matches_missed); peak $(field "$lint" peak_rss_mb) MB |"
  fi

  # 5. Translation memory search.
  if [ -x "$bin/examples/bench_tm" ]; then
    units=$("$py" -c "print(int(500_000*$scale))")
    "$bin/examples/gen" tm "$units" "$dir/tm.tsv"
    # The scan takes seconds a query at full size: it (and the identity
    # check) runs on the first 10 of the 30 queries there.
    scans=$("$py" -c "print(30 if $scale < 1 else 10)")
    tm=$(BENCH_TM_SCANS=$scans "$bin/examples/bench_tm" "$dir/tm.tsv" 30)
    row "| tm search, 75% | $units units | $(field "$tm" median_ms) ms (p95 $(field "$tm" p95_ms)) | brute-force scan: $(field "$tm" scan_median_ms) ms | $(ratio "$(field "$tm" scan_median_ms)" "$(field "$tm" median_ms)") | identical to the scan on $(field "$tm" scanned) queries: $(field "$tm" identical); import $(field "$tm" import_ms) ms |"
  fi
done

echo
echo "| what | size | hcgloss | peer | ratio | notes |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"

# 6. Lint at scale (dense corpus, start-up, memory, scaling): its own table.
if [ -x bench/lint_scale.sh ] && [ "${LINT_SCALE:-1}" = 1 ]; then
  echo
  bench/lint_scale.sh
fi
