#!/usr/bin/env bash
# hcgloss lint against grep on the same text and the same terms.
#
#     bench/lint_vs_grep.sh STORE GLOSSARY.csv ARTICLES_DIR [SAMPLE_FILES]
#
# STORE must hold GLOSSARY.csv (`hcgloss --db STORE import GLOSSARY.csv`).
# patterns.txt is every term of the documents' language (DOC_LANG, default
# id) in GLOSSARY.csv, one per line. Both tools then read the same files:
#
#     grep -F -o -w -i -f patterns.txt -r DIR | wc -l
#     hcgloss --db STORE lint --summary --format json --lang id DIR
#
# `lint --summary` checks every document with every rule, as a plain lint
# run does, and prints how often each term was used; the occurrences are
# the sum of those counts.
#
# Why a sample: GNU grep is fast with -F alone, but with -w and tens of
# thousands of patterns it checks each candidate that fails the word test
# again with a regular expression of all the patterns, and slows to tens
# of kilobytes a second (about 40 s for one 200 KB file and 50,000
# patterns here). The whole 100 MB would take hours. So both tools are
# timed on the first SAMPLE_FILES files of DIR (default 2; "all" for every
# file), copied to a temporary directory, which gives the ratio on
# identical input; hcgloss alone is then also timed on all of DIR, which
# gives its throughput and memory at full size. grep's time grows linearly
# with the text (it works line by line), while hcgloss pays its start-up
# (reading and compiling the glossary) once, so the ratio on a sample
# understates hcgloss; `ratio_full_extrapolated` scales grep's sample
# throughput to the full size.
#
# Why the occurrence counts differ, and what is checked instead:
# - hcgloss folds case, diacritics and spacing and recognises inflected
#   Indonesian forms (`ratifikasinya`, `meratifikasi`), which grep -w does
#   not see as the term: hcgloss finds more;
# - hcgloss lets the longest term win where terms overlap, and never
#   counts a term inside a web address; grep -o reports, per line, the
#   leftmost match and continues after it, so where two terms overlap
#   (`A B` and `B C` in `A B C`) each tool counts one, possibly a
#   different one;
# - a term broken across a line break is one occurrence for hcgloss and
#   none for grep, which reads lines.
# So the counts are not expected to be equal. What must hold is that
# hcgloss finds every occurrence grep finds: with CHECK_RECALL=1 (the
# default) grep runs once more with byte offsets (-b), and each of its
# matches must lie inside an occurrence hcgloss reports
# (examples/lint_occurrences.rs prints them); `grep_matches_missed` counts
# those that do not, and the first few are printed to standard error.
#
# Prints one JSON line: wall milliseconds (median of RUNS, default 3) of
# both tools on the sample, their ratio, both occurrence counts, the
# recall check, the full-size hcgloss figures, and the peak resident memory
# of the hcgloss runs (/usr/bin/time %M).
set -euo pipefail

if [[ $# -lt 3 ]]; then
    echo "usage: $0 STORE GLOSSARY.csv ARTICLES_DIR [SAMPLE_FILES|all]" >&2
    exit 2
fi
store=$1
glossary=$2
articles=$3
sample_files=${4:-2}
doc_lang=${DOC_LANG:-id}
runs=${RUNS:-3}
check_recall=${CHECK_RECALL:-1}

# HCGLOSS and LINT_OCCURRENCES name prebuilt binaries; by default both are
# built here (nothing to do when they are up to date).
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z "${HCGLOSS:-}" ]]; then
    (cd "$root" && cargo build --release --quiet --bin hcgloss)
    HCGLOSS=$root/target/release/hcgloss
fi
if [[ -z "${LINT_OCCURRENCES:-}" && $check_recall == 1 ]]; then
    (cd "$root" && cargo build --release --quiet --example lint_occurrences)
fi
occurrences_tool=${LINT_OCCURRENCES:-$root/target/release/examples/lint_occurrences}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The terms of the documents' language, as they are written.
python3 - "$glossary" "$doc_lang" >"$work/patterns.txt" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["lang"] == sys.argv[2]:
            print(row["term"])
EOF

# The same files for both tools.
if [[ $sample_files == all ]]; then
    sample=$articles
else
    sample=$work/sample
    mkdir "$sample"
    find "$articles" -type f \( -iname '*.txt' -o -iname '*.md' \) -not -path '*/.*' |
        LC_ALL=C sort | awk -v n="$sample_files" 'NR <= n' |
        while IFS= read -r f; do cp "$f" "$sample/"; done
fi

# grep in the C locale: the patterns and the generated text are ASCII, and
# in a UTF-8 locale GNU grep 3.8 runs -i -w another ten times slower here;
# comparing against its fastest configuration is the fair comparison.
export LC_ALL=C

# Runs a shell command RUNS times; prints "median_ms max_rss_kb" and leaves
# the last run's standard output in $work/out.
measure() {
    python3 - "$runs" "$work" "$1" <<'EOF'
import statistics, subprocess, sys, time
runs, work, command = int(sys.argv[1]), sys.argv[2], sys.argv[3]
times, rss = [], 0
for _ in range(runs):
    started = time.perf_counter()
    with open(f"{work}/out", "wb") as out:
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f"{work}/rss",
                               "sh", "-c", command], stdout=out)
    times.append((time.perf_counter() - started) * 1e3)
    if done.returncode not in (0, 1):
        sys.exit(f"{command}: exit status {done.returncode}")
    rss = max(rss, int(open(f"{work}/rss").read().split()[-1]))
print(round(statistics.median(times)), rss)
EOF
}

# Sums the counts of a `lint --summary --format json` output.
summary_total() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(v["count"] for c in d["concepts"] for v in c["variants"]))' "$1"
}

megabytes() {
    find "$1" -type f \( -iname '*.txt' -o -iname '*.md' \) -not -path '*/.*' -printf '%s\n' |
        awk '{ s += $1 } END { printf "%.2f", s / 1e6 }'
}

q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

measure "grep -F -o -w -i -f $(q "$work/patterns.txt") -r $(q "$sample") | wc -l" >"$work/m"
read -r grep_ms _ <"$work/m"
grep_occurrences=$(tr -d ' ' <"$work/out")

lint="$(q "$HCGLOSS") --db $(q "$store") lint --summary --format json --lang $doc_lang"
measure "$lint $(q "$sample")" >"$work/m"
read -r hcgloss_ms sample_rss <"$work/m"
hcgloss_occurrences=$(summary_total "$work/out")

missed=null
if [[ $check_recall == 1 ]]; then
    grep -F -o -b -w -i -f "$work/patterns.txt" -r "$sample" >"$work/grep-matches" || true
    "$occurrences_tool" "$store" "$doc_lang" "$sample" >"$work/hcgloss-matches"
    missed=$(python3 - "$work/grep-matches" "$work/hcgloss-matches" <<'EOF'
import bisect, sys
from collections import defaultdict
found = defaultdict(list)
for line in open(sys.argv[2], encoding="utf-8"):
    path, start, end, _ = line.rstrip("\n").split("\t", 3)
    found[path].append((int(start), int(end)))
for spans in found.values():
    spans.sort()
missed = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        path, offset, match = line.rstrip(b"\n").split(b":", 2)
        path, start = path.decode(), int(offset)
        end = start + len(match)
        spans = found.get(path, [])
        i = bisect.bisect_right(spans, (start, float("inf"))) - 1
        if i < 0 or spans[i][1] < end:
            missed += 1
            if missed <= 5:
                print(f"not found by hcgloss: {path} at byte {start}: {match.decode()}",
                      file=sys.stderr)
print(missed)
EOF
)
fi

sample_mb=$(megabytes "$sample")
full_mb=$(megabytes "$articles")
if [[ $sample_files == all ]]; then
    full_ms=$hcgloss_ms
    full_rss=$sample_rss
    full_occurrences=$hcgloss_occurrences
else
    measure "$lint $(q "$articles")" >"$work/m"
    read -r full_ms full_rss <"$work/m"
    full_occurrences=$(summary_total "$work/out")
fi

python3 - <<EOF
import json
grep_ms, hcgloss_ms, full_ms = $grep_ms, $hcgloss_ms, $full_ms
sample_mb, full_mb = $sample_mb, $full_mb
print(json.dumps({
    "patterns": $(wc -l <"$work/patterns.txt"),
    "sample_files": "$sample_files",
    "sample_mb": sample_mb,
    "grep_ms": grep_ms,
    "hcgloss_ms": hcgloss_ms,
    "ratio": round(grep_ms / max(hcgloss_ms, 1), 2),
    "grep_occurrences": $grep_occurrences,
    "hcgloss_occurrences": $hcgloss_occurrences,
    "grep_matches_missed": $missed,
    "full_mb": full_mb,
    "hcgloss_full_ms": full_ms,
    "hcgloss_full_occurrences": $full_occurrences,
    "hcgloss_full_mb_per_s": round(full_mb / (max(full_ms, 1) / 1e3), 2),
    "ratio_full_extrapolated": round(grep_ms / sample_mb * full_mb / max(full_ms, 1), 2),
    "peak_rss_mb": round(max($sample_rss, $full_rss) / 1024, 1),
}))
EOF
