"""Times RapidFuzz on the same folded strings and queries as hcgloss.

    python3 rapidfuzz_lookup.py CHOICES.txt QUERIES.txt [N]

Runs process.extract(query, choices, scorer=fuzz.ratio, limit=10) for the
first N queries (default 30) and prints one JSON object: the median and
p95 milliseconds per query.
"""
import json
import statistics
import sys
import time

from rapidfuzz import fuzz, process


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        choices = f.read().splitlines()
    with open(sys.argv[2], encoding="utf-8") as f:
        queries = f.read().splitlines()
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    times = []
    for q in queries[:n]:
        started = time.perf_counter()
        process.extract(q, choices, scorer=fuzz.ratio, limit=10)
        times.append((time.perf_counter() - started) * 1e3)
    times.sort()
    print(json.dumps({
        "choices": len(choices),
        "queries": len(times),
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[min(len(times) - 1, len(times) * 95 // 100)], 3),
    }))


if __name__ == "__main__":
    main()
