#!/usr/bin/env bash
# Crash safety: an import killed with SIGKILL at a random moment leaves a
# store that passes `PRAGMA integrity_check`, holds either the old or the
# new content (never a mix), and answers lookups from that content.
#
#   scripts/kill_import.sh [KILLS] [TERMS] [SEED]
#
# Builds the release binary and the data generator, makes an old glossary
# and a new one of TERMS terms each (different seeds, so `import --replace`
# removes every old term and adds every new one: one large transaction),
# and stores the old one. Then, until KILLS imports have been killed while
# running, it restores the old store, starts the replacing import, kills
# it with SIGKILL, and checks the store. Odd runs are killed after a random
# delay between 0 and 1.2 times the time a whole import takes; even runs
# within 60 ms of the moment the new lookup index starts being written,
# which is just before the commit, so that kills land on both sides of it. An import that finished before
# its signal is checked the same way but not counted as a kill.
#
# Defaults: 60 kills of an import of 100000 terms. Needs the sqlite3
# command (apt-get install sqlite3) or python3 for the integrity check.
set -euo pipefail
cd "$(dirname "$0")/.."

kills_wanted="${1:-60}"
terms="${2:-100000}"
RANDOM="${3:-7}"

cargo build --release --quiet --bin hcgloss --example gen
bin="$PWD/target/release/hcgloss"
gen="$PWD/target/release/examples/gen"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

integrity() {
  if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$1" "PRAGMA integrity_check"
  else
    python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1"
  fi
}

# The term and concept of data row $2 of glossary $1.
row() { sed -n "$(($2 + 1))p" "$1" | cut -d, -f"$3"; }

# Whether a lookup of exactly "$2" on store $1 finds concept $3.
finds() {
  "$bin" --db "$1" lookup --min 100 --format json -- "$2" | grep -q "\"concept\": \"$3\""
}

echo "== generating two glossaries of $terms terms"
"$gen" glossary "$terms" old.csv 1 >/dev/null
"$gen" glossary "$terms" new.csv 2 >/dev/null
"$bin" --db pristine.sqlite import old.csv >/dev/null
"$bin" --db pristine.sqlite export | sha256sum >old.sum
cp pristine.sqlite new-check.sqlite
start=$(date +%s%N)
"$bin" --db new-check.sqlite import --replace new.csv >/dev/null
took_ms=$((($(date +%s%N) - start) / 1000000))
"$bin" --db new-check.sqlite export | sha256sum >new.sum
echo "a whole import --replace takes ${took_ms} ms here"

# A term only the new content has, and one only the old content has.
pick() {
  local file=$1 present=$2 absent=$3 i
  for i in $(seq 1 200); do
    local concept term
    concept=$(row "$file" "$i" 1)
    term=$(row "$file" "$i" 3)
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

killed=0 finished=0 old_state=0 new_state=0 stale_index=0 runs=0 temp_left=0
while [ "$killed" -lt "$kills_wanted" ]; do
  runs=$((runs + 1))
  rm -f store.sqlite store.sqlite-wal store.sqlite-shm store.sqlite.lookup .store.sqlite.lookup.tmp-*
  cp pristine.sqlite store.sqlite
  cp pristine.sqlite.lookup store.sqlite.lookup
  "$bin" --db store.sqlite import --replace new.csv >/dev/null 2>&1 &
  pid=$!
  if [ $((runs % 2)) -eq 1 ]; then
    # Anywhere in the run.
    delay_ms=$((RANDOM * RANDOM % (took_ms * 12 / 10 + 1)))
    moment="after ${delay_ms} ms"
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  else
    # Around the commit: the new lookup index is written to a temporary
    # file just before the commit and renamed into place just after it.
    while kill -0 "$pid" 2>/dev/null && ! compgen -G '.store.sqlite.lookup.tmp-*' >/dev/null; do
      sleep 0.002
    done
    delay_ms=$((RANDOM % 60))
    moment="${delay_ms} ms after the index file appeared"
    sleep "$(printf '0.%03d' "$delay_ms")"
  fi
  kill -KILL "$pid" 2>/dev/null || true
  status=0
  wait "$pid" 2>/dev/null || status=$?
  case "$status" in
    137) killed=$((killed + 1)) ;;
    0) finished=$((finished + 1)) ;;
    *) echo "run $runs: the import exited $status" >&2; exit 1 ;;
  esac

  check=$(integrity store.sqlite)
  if [ "$check" != "ok" ]; then
    echo "run $runs (killed $moment): integrity_check says: $check" >&2
    exit 1
  fi
  index_before=$(sha256sum <store.sqlite.lookup 2>/dev/null || true)
  sum=$("$bin" --db store.sqlite export | sha256sum)
  if [ "$sum" = "$(cat old.sum)" ]; then
    state=old
    old_state=$((old_state + 1))
  elif [ "$sum" = "$(cat new.sum)" ]; then
    state=new
    new_state=$((new_state + 1))
  else
    echo "run $runs (killed $moment): the store holds neither the old nor the new content" >&2
    cp store.sqlite* "$OLDPWD/" 2>/dev/null || true
    exit 1
  fi
  # Lookups answer from the content the store holds, whatever index file
  # the kill left behind (a stale one is rebuilt).
  if [ "$state" = new ]; then
    finds store.sqlite "$new_term" "$new_concept" && ! finds store.sqlite "$old_term" "$old_concept"
  else
    finds store.sqlite "$old_term" "$old_concept" && ! finds store.sqlite "$new_term" "$new_concept"
  fi || {
    echo "run $runs (killed $moment): lookup does not match the $state content" >&2
    exit 1
  }
  index_after=$(sha256sum <store.sqlite.lookup)
  if [ "$index_before" != "$index_after" ]; then
    stale_index=$((stale_index + 1))
  fi
  temp_left=$((temp_left + $(find . -maxdepth 1 -name '.store.sqlite.lookup.tmp-*' | wc -l)))
  printf 'run %d: %s %s, store %s\n' "$runs" \
    "$([ "$status" = 137 ] && echo killed || echo finished)" "$moment" "$state"
done

echo "== $killed imports killed with SIGKILL (and $finished that finished first), $runs runs"
echo "integrity_check ok after every run; old content $old_state times, new content $new_state times, never a mix"
echo "lookup matched the content every time; the index left by the kill was stale and rebuilt $stale_index times"
echo "temporary index files left behind by killed imports: $temp_left (never read; see README)"
