#!/usr/bin/env bash
# Crash safety: an import killed with SIGKILL at a random moment leaves a
# store that passes `PRAGMA integrity_check`, holds either the old or the
# new content (never a mix), and answers from that content.
#
#   scripts/kill_import.sh [KILLS] [SIZE] [SEED] [glossary|tm]
#
# glossary (the default): an old and a new glossary of SIZE terms each
#   (different seeds), and `import --replace` of the new one over a store
#   holding the old one, which removes every old term and adds every new
#   one: one large transaction. After each run the store must export
#   exactly the old or the new glossary, and lookup must find a term of
#   that content and not one of the other, whatever index file the kill
#   left beside the store.
# tm: a store holding a translation memory of SIZE units, and `tm import`
#   of SIZE more. The store must export exactly the old or the new memory
#   (and its glossary unchanged), and `tm search` must find a new unit's
#   sentence exactly when the new content is there.
#
# Until KILLS imports have been killed while running, the script restores
# the old store, starts the import and kills it with SIGKILL: one run in
# three after a random delay between 0 and 1.2 times the time a whole
# import takes, one in three late in the import (0.85 to 1.05 times), and
# one in three, for the glossary, within 60 ms of the moment the new
# lookup index starts being written, just before the commit (for the
# memory, late too). An import that finished before its signal is checked
# the same way but not counted as a kill.
#
# Defaults: 60 kills, 100000 terms or units, seed 7, glossary. Needs the
# sqlite3 command (apt-get install sqlite3) or python3 for the integrity
# check.
set -euo pipefail
cd "$(dirname "$0")/.."

kills_wanted="${1:-60}"
size="${2:-100000}"
RANDOM="${3:-7}"
kind="${4:-glossary}"
case "$kind" in glossary | tm) ;; *) echo "unknown kind: $kind" >&2; exit 2 ;; esac

cargo build --release --quiet --bin hcgloss --example gen
bin="$PWD/target/release/hcgloss"
gen="$PWD/target/release/examples/gen"
glossary="$PWD/tests/fixtures/core/glossary.csv"

work="$(mktemp -d)"
# The work directory is removed on success and kept, for a look at the
# store a failed run left, on failure.
trap 'status=$?; if [ "$status" = 0 ]; then rm -rf "$work"; else echo "work files kept in $work" >&2; fi' EXIT
cd "$work"

integrity() {
  if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$1" "PRAGMA integrity_check"
  else
    python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1"
  fi
}

# Field $3 of data row $2 of file $1, split on $4.
field() { sed -n "$(($2 + 1))p" "$1" | cut -d"$4" -f"$3"; }

# Exit status $1 of a search: 0 found, 1 not found; anything else stops
# the script.
found() {
  [ "$1" -le 1 ] || { echo "a search failed with exit $1" >&2; exit 1; }
  return "$1"
}

# Whether a lookup of exactly "$2" on store $1 finds concept $3.
finds() {
  local out code=0
  out=$("$bin" --db "$1" lookup --min 100 --format json -- "$2") || code=$?
  found "$code" && grep -q "\"concept\": \"$3\"" <<<"$out"
}

# Whether a TM search of the Indonesian sentence "$2" on store $1 finds it.
recalls() {
  local code=0
  "$bin" --db "$1" tm search --from id --to vi --min 100 -- "$2" >/dev/null 2>&1 || code=$?
  found "$code"
}

# The import, replaced by the binary itself (exec), so that the process
# started in the background and killed is hcgloss and not a shell waiting
# for it: SIGKILL on such a shell would leave the import running.
import() {
  if [ "$kind" = glossary ]; then
    exec "$bin" --db "$1" import --replace new.csv
  else
    exec "$bin" --db "$1" tm import new.tsv
  fi
}

# What the store holds: its glossary and, for the memory, its units less
# the last column (`created`: when the unit was imported, which differs
# between the reference import and the killed one).
content() {
  "$bin" --db "$1" export
  if [ "$kind" = tm ]; then
    "$bin" --db "$1" tm export --format tsv | sed 's/\t[^\t]*$//'
  fi
}

echo "== generating the old and the new $kind ($size each)"
if [ "$kind" = glossary ]; then
  "$gen" glossary "$size" old.csv 1 >/dev/null
  "$gen" glossary "$size" new.csv 2 >/dev/null
  "$bin" --db pristine.sqlite import old.csv >/dev/null
else
  "$gen" tm "$size" old.tsv 1 >/dev/null
  "$gen" tm "$size" new.tsv 2 >/dev/null
  "$bin" --db pristine.sqlite import "$glossary" >/dev/null
  "$bin" --db pristine.sqlite tm import old.tsv >/dev/null
fi
content pristine.sqlite | sha256sum >old.sum
cp pristine.sqlite new-check.sqlite
cp pristine.sqlite.lookup new-check.sqlite.lookup
start=$(date +%s%N)
(import new-check.sqlite >/dev/null)
took_ms=$((($(date +%s%N) - start) / 1000000))
content new-check.sqlite | sha256sum >new.sum
echo "a whole import takes ${took_ms} ms here"

# What tells the old content from the new one.
if [ "$kind" = glossary ]; then
  pick() {
    local file=$1 present=$2 absent=$3 i concept term
    for i in $(seq 1 200); do
      concept=$(field "$file" "$i" 1 ,)
      term=$(field "$file" "$i" 3 ,)
      case "$term" in *'"'*) continue ;; esac
      if finds "$present" "$term" "$concept" && ! finds "$absent" "$term" "$concept"; then
        echo "$concept,$term"
        return
      fi
    done
    echo "no usable term in $file" >&2
    exit 1
  }
  IFS=, read -r new_concept new_term < <(pick new.csv new-check.sqlite pristine.sqlite)
  IFS=, read -r old_concept old_term < <(pick old.csv pristine.sqlite new-check.sqlite)
  answers_new() { finds "$1" "$new_term" "$new_concept" && ! finds "$1" "$old_term" "$old_concept"; }
  answers_old() { finds "$1" "$old_term" "$old_concept" && ! finds "$1" "$new_term" "$new_concept"; }
else
  new_sentence=$(field new.tsv 1 1 $'\t')
  recalls new-check.sqlite "$new_sentence" && ! recalls pristine.sqlite "$new_sentence" ||
    { echo "the probe sentence does not tell the memories apart" >&2; exit 1; }
  answers_new() { recalls "$1" "$new_sentence"; }
  answers_old() { ! recalls "$1" "$new_sentence"; }
fi

index_temp='.store.sqlite.lookup.tmp-*'
killed=0 finished=0 old_state=0 new_state=0 stale_index=0 runs=0 temp_left=0
while [ "$killed" -lt "$kills_wanted" ]; do
  runs=$((runs + 1))
  rm -f store.sqlite store.sqlite-wal store.sqlite-shm store.sqlite.lookup $index_temp
  cp pristine.sqlite store.sqlite
  cp pristine.sqlite.lookup store.sqlite.lookup
  (import store.sqlite >/dev/null 2>&1) &
  pid=$!
  mode=$((runs % 3))
  if [ "$mode" = 0 ] && [ "$kind" = glossary ]; then
    while kill -0 "$pid" 2>/dev/null && ! compgen -G "$index_temp" >/dev/null; do
      sleep 0.002
    done
    delay_ms=$((RANDOM % 60))
    moment="${delay_ms} ms after the index file appeared"
  else
    if [ "$mode" = 1 ]; then
      delay_ms=$((RANDOM * RANDOM % (took_ms * 12 / 10 + 1)))
    else
      delay_ms=$((took_ms * 85 / 100 + RANDOM * RANDOM % (took_ms * 20 / 100 + 1)))
    fi
    moment="after ${delay_ms} ms"
  fi
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  status=0
  wait "$pid" 2>/dev/null || status=$?
  case "$status" in
    137) killed=$((killed + 1)) ;;
    0) finished=$((finished + 1)) ;;
    *) echo "run $runs: the import exited $status" >&2; exit 1 ;;
  esac

  # What the kill left, as it left it (kept for a look when a check fails).
  rm -rf as-killed && mkdir as-killed && cp store.sqlite* as-killed/ 2>/dev/null || true
  check=$(integrity store.sqlite)
  if [ "$check" != "ok" ]; then
    echo "run $runs (killed $moment): integrity_check says: $check" >&2
    exit 1
  fi
  index_before=$(sha256sum <store.sqlite.lookup 2>/dev/null || true)
  sum=$(content store.sqlite | sha256sum)
  if [ "$sum" = "$(cat old.sum)" ]; then
    state=old
    old_state=$((old_state + 1))
  elif [ "$sum" = "$(cat new.sum)" ]; then
    state=new
    new_state=$((new_state + 1))
  else
    echo "run $runs (killed $moment): the store holds neither the old nor the new content" >&2
    exit 1
  fi
  if [ "$state" = new ]; then answers_new store.sqlite; else answers_old store.sqlite; fi || {
    echo "run $runs (killed $moment): the store does not answer with its $state content" >&2
    exit 1
  }
  index_after=$(sha256sum <store.sqlite.lookup)
  if [ "$index_before" != "$index_after" ]; then
    stale_index=$((stale_index + 1))
  fi
  temp_left=$((temp_left + $({ compgen -G "$index_temp" || true; } | wc -l)))
  printf 'run %d: %s %s, store %s\n' "$runs" \
    "$([ "$status" = 137 ] && echo killed || echo finished)" "$moment" "$state"
done

echo "== $kind: $killed imports killed with SIGKILL (and $finished that finished first), $runs runs"
echo "integrity_check ok after every run; old content $old_state times, new content $new_state times, never a mix"
echo "the store answered from its content every time; a stale lookup index was rebuilt $stale_index times"
echo "temporary index files left behind by killed imports: $temp_left (removed by a later write once an hour old)"
