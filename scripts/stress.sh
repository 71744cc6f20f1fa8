#!/usr/bin/env bash
# Concurrency: the eight-process test of tests/cli/concurrency.rs run longer.
# Eight processes at once (imports, adds, add-and-remove, lookups, lints,
# exports, translation-memory imports and searches) on one store, while a
# thread keeps planting stale copies of the lookup index; fails on any
# "database is locked", lost write, half-seen import or mismatched index.
#
#   scripts/stress.sh [ROUNDS]        (default 60; `cargo test` runs 6)
#
# Prints how many processes ran and how often a stale index was planted.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-60}"
HCGLOSS_STRESS_ROUNDS="$rounds" cargo test --release --quiet --test cli concurrency -- --nocapture 2>&1 |
  grep -E 'operations by|test result|failures|panicked|lost|not found|locked'
