"""Times a command over repeated runs: median and p95 wall milliseconds.

    python3 time_runs.py RUNS -- COMMAND ARGS...

The command's output is discarded; a run that exits with a status other
than 0 or 1 (hcgloss's "nothing found") fails the measurement.
"""
import json
import statistics
import subprocess
import sys
import time


def main() -> None:
    runs = int(sys.argv[1])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1e3)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)}: exit status {done.returncode}")
    times.sort()
    print(json.dumps({
        "runs": runs,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(runs - 1, runs * 95 // 100)], 2),
    }))


if __name__ == "__main__":
    main()
