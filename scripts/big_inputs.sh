#!/usr/bin/env bash
# Large inputs: time and peak memory of imports of ~200 MB files, and what
# happens when such a file is bad (exit 2, store unchanged).
#
#   scripts/big_inputs.sh [MEGABYTES]      (default 200)
#
# Files, all generated here (nothing is downloaded or kept):
#   tbx-terms   a TBX v3 export of a generated glossary of that size: the
#               terms themselves must be held (every one is checked
#               against every other before anything is written), so memory
#               follows the number of terms
#   tbx-padded  a TBX 2008 file of that size whose bulk is data hcgloss
#               leaves out (definitions): streamed, memory stays small
#   tbx-broken  tbx-terms with an unclosed element near its end: refused,
#               store unchanged
#   tmx-units   a TMX export of a generated translation memory of that size
#   csv-term    a glossary whose one term is 50 MB: refused at once
# Needs GNU time (/usr/bin/time) for the peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

megabytes="${1:-200}"
bytes=$((megabytes * 1024 * 1024))
cargo build --release --quiet --bin hcgloss --example gen
bin="$PWD/target/release/hcgloss"
gen="$PWD/target/release/examples/gen"
if ! [ -x /usr/bin/time ]; then
  echo "GNU time is needed: apt-get install time" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# Runs the binary under GNU time; prints "seconds peak-MiB exit-code".
measure() {
  local code=0
  /usr/bin/time -f "%e %M" -o time.out "$bin" "$@" >out.txt 2>err.txt || code=$?
  # GNU time puts "Command exited with non-zero status N" first when the
  # command fails; the figures are on the last line.
  read -r seconds kib < <(tail -n 1 time.out)
  echo "$seconds $((kib / 1024)) $code"
}

row() { printf '%-11s %8s MB %9s s %8s MiB  exit %s  %s\n' "$@"; }
echo "file          size         time       peak   result"

# --- TBX of real entries: grow the glossary until its export is big enough.
terms=$((bytes / 230))
"$gen" glossary "$terms" terms.csv 11 >/dev/null
"$bin" --db source.sqlite import terms.csv >/dev/null
"$bin" --db source.sqlite export --format tbx -o terms.tbx
size=$(($(stat -c %s terms.tbx) / 1024 / 1024))
read -r s m c < <(measure --db tbx.sqlite import terms.tbx)
row tbx-terms "$size" "$s" "$m" "$c" "$terms terms imported"
"$bin" --db tbx.sqlite export | sha256sum >before.sum

# --- The same file cut short of its end: refused, store unchanged.
head -c -4000 terms.tbx >broken.tbx
read -r s m c < <(measure --db tbx.sqlite import broken.tbx)
[ "$c" = 2 ] || { echo "broken TBX: exit $c" >&2; exit 1; }
"$bin" --db tbx.sqlite export | sha256sum | cmp -s - before.sum ||
  { echo "broken TBX changed the store" >&2; exit 1; }
row tbx-broken "$size" "$s" "$m" "$c" "$(head -c 90 err.txt | head -1)"

# --- TBX padded with data hcgloss leaves out.
definition=$(printf 'A definition that the importer leaves out. %.0s' $(seq 1 400))
entries=$((bytes / ${#definition}))
{
  printf '<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><martifHeader/><text><body>\n'
  for ((i = 0; i < entries; i++)); do
    printf '<termEntry id="e%d"><descrip type="definition">%s</descrip><langSet xml:lang="en"><tig><term>entry %d</term></tig></langSet></termEntry>\n' \
      "$i" "$definition" "$i"
  done
  printf '</body></text></martif>\n'
} >padded.tbx
size=$(($(stat -c %s padded.tbx) / 1024 / 1024))
read -r s m c < <(measure --db padded.sqlite import padded.tbx)
row tbx-padded "$size" "$s" "$m" "$c" "$(grep -c . <("$bin" --db padded.sqlite export)) rows stored"

# --- TMX of a generated translation memory.
units=$((bytes / 900))
"$gen" tm "$units" units.tsv 12 >/dev/null
"$bin" --db tm-source.sqlite tm import units.tsv >/dev/null
"$bin" --db tm-source.sqlite tm export --format tmx -o units.tmx
size=$(($(stat -c %s units.tmx) / 1024 / 1024))
read -r s m c < <(measure --db tm.sqlite tm import units.tmx)
row tmx-units "$size" "$s" "$m" "$c" "$(cat out.txt)"

# --- A 50 MB term.
{
  printf 'concept,lang,term,status,type,category,note\nhuge,en,'
  head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' 'w'
  printf ',preferred,full,general,\n'
} >term.csv
read -r s m c < <(measure --db tbx.sqlite import term.csv)
[ "$c" = 2 ] || { echo "50 MB term: exit $c" >&2; exit 1; }
row csv-term 50 "$s" "$m" "$c" "$(head -1 err.txt)"
