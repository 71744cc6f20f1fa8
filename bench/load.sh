#!/usr/bin/env bash
# Load test of `hcgloss serve`, on this machine's loopback only and
# bounded in time: wrk keeps CONNECTIONS connections busy with a mix of
# lookups (3 in 4) and lints of a short article (1 in 4) for DURATION
# seconds, first alone, then while another process imports into the same
# store over and over. Prints requests per second, the 50th, 95th and
# 99th percentile latencies and the failed requests of each run.
#
#     bench/load.sh                      # the shipped glossary, then 1,000,000 terms
#     SIZES=shipped bench/load.sh        # the shipped glossary only
#     DURATION=60 CONNECTIONS=64 bench/load.sh
#
# Work files go to $BENCH_DIR (default target/bench/load). wrk comes from
# Debian (installed when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${BENCH_DIR:-$root/target/bench/load}
sizes=${SIZES:-"shipped 1000000"}
duration=${DURATION:-30}
connections=${CONNECTIONS:-32}
mkdir -p "$work"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; fi
fi
cargo build --release --quiet --bin hcgloss --example gen
hc=${HCGLOSS:-$root/target/release/hcgloss}
gen=$root/target/release/examples/gen

server_pid=""
writer_pid=""
cleanup() {
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT

# A short Indonesian article written for this test, with glossary terms
# of the shipped glossary in it.
cat > "$work/article.txt" <<'ARTICLE'
Wakil Menteri Keamanan Publik menghadiri pertemuan tentang kejahatan siber di Hanoi.
Para delegasi membahas ratifikasi konvensi dan kerja sama internasional dalam
pemberantasan kejahatan dunia maya, termasuk bantuan hukum timbal balik dan
pertukaran bukti elektronik antarnegara. Komite Pengarah nasional akan melaporkan
hasilnya kepada Perdana Menteri pada akhir bulan ini.
ARTICLE

results=()
for size in $sizes; do
  store="$work/store-$size.sqlite"
  # The writer leaves terms behind: the small store starts afresh each run
  # (the large one is slow to build and hardly changed by them).
  [ "$size" = shipped ] && rm -f "$store"*
  if [ ! -s "$store" ]; then
    rm -f "$store"*
    if [ "$size" = shipped ]; then
      "$hc" --db "$store" import glossary.csv >/dev/null
    else
      "$gen" glossary "$size" "$work/glossary-$size.csv"
      "$hc" --db "$store" import "$work/glossary-$size.csv" >/dev/null
    fi
  fi
  # Queries: stored terms, one in three with a letter dropped.
  "$hc" --db "$store" export | python3 -c '
import csv, random, sys
random.seed(7)
rows = [r["term"] for r in csv.DictReader(sys.stdin)]
for t in random.sample(rows, min(2000, len(rows))):
    if random.random() < 1/3 and len(t) > 6:
        i = random.randrange(1, len(t) - 1)
        t = t[:i] + t[i+1:]
    print(t)
' > "$work/queries-$size.txt"

  log="$work/server-$size.log"
  "$hc" --db "$store" serve --listen 127.0.0.1:0 2>"$log" &
  server_pid=$!
  for _ in $(seq 100); do grep -q 'http://' "$log" && break; sleep 0.1; done
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1)
  # The first lint compiles the glossary (at 1,000,000 terms longer than
  # the server's 30 s request timeout, which answers 503 while the compile
  # goes on): not part of the figures, so wait until a lint is answered.
  for _ in $(seq 20); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST \
      --data-binary @"$work/article.txt" "$base/api/v1/lint?lang=id")
    [ "$status" = 200 ] && break
  done

  # run: wrk's figures, then the server's own time per endpoint (from its
  # log: the wait for a read worker plus the work, without the network).
  run() {
    local from
    from=$(wc -l < "$log")
    QUERIES="$work/queries-$size.txt" ARTICLE="$work/article.txt" \
      wrk -t1 -c"$connections" -d"${duration}s" --timeout 30s -s bench/load.lua "$base" \
      | grep '^RESULT' | tr '\n' ' '
    tail -n +"$((from + 1))" "$log" | python3 -c '
import sys
times = {}
for line in sys.stdin:
    f = line.split()
    if len(f) >= 6 and f[5] == "ms":
        times.setdefault(f[2].rsplit("/", 1)[-1], []).append(float(f[4]))
for name, t in sorted(times.items()):
    t.sort()
    print(f"server {name}: p50 {t[len(t) // 2]:.1f} p95 {t[int(len(t) * 0.95)]:.1f} ms", end=" ")
'
  }
  alone=$(run)
  # A writer importing into the same store all along: 50 new terms each
  # time, then the same file again (nothing changes), then removing them.
  (
    n=0
    while true; do
      n=$((n + 1))
      {
        echo "concept,lang,term,status,type,category,note"
        for i in $(seq 50); do echo "load-$n-$i,id,istilah uji $n $i,preferred,full,general,"; done
      } > "$work/writer.csv"
      "$hc" --db "$store" import "$work/writer.csv" >/dev/null
      for i in $(seq 5); do "$hc" --db "$store" remove "load-$n-$i" >/dev/null; done
    done
  ) &
  writer_pid=$!
  with_writer=$(run)
  kill "$writer_pid" 2>/dev/null || true
  wait "$writer_pid" 2>/dev/null || true
  writer_pid=""
  kill "$server_pid"
  wait "$server_pid" || true
  server_pid=""
  grep -c ' 5[0-9][0-9] ' "$log" > "$work/errors-$size.txt" || true
  terms=$("$hc" --db "$store" export | wc -l)
  results+=("| $size ($((terms - 1)) terms) | alone | $alone |")
  results+=("| $size ($((terms - 1)) terms) | while a writer imports | $with_writer |")
done

echo
echo "| store | load | wrk: $connections connections, ${duration} s, 3 lookups : 1 lint |"
echo "| --- | --- | --- |"
printf '%s\n' "${results[@]}"
