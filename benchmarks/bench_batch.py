"""hostcost batch against a plain Python csv read-and-write of the same file (the README's
"Performance" targets), and its peak memory on a large input.

    python benchmarks/bench_batch.py [--rows N] [--pairs N] [--memory-rows N] [--wide-rows N]

Writes its input files to a temporary folder, and removes them after.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import hostcost, ratio, report

PLAIN = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    writer = csv.writer(sys.stdout)
    for row in csv.reader(f):
        writer.writerow(row)
"""


def make_input(path: Path, rows: int, seed: int = 2020) -> None:
    """A CSV of ``rows`` varied cases (the README's "Performance" input): a different troop count,
    host share and yen rate on every row, and five costs in yen."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("name,troops,host_share,rate,wages,utilities,drills,facilities,relocation\n")
        for i in range(rows):
            f.write(
                f"case {i},{rng.randint(30000, 60000)},{rng.randint(11, 1000) / 10},{rng.randint(9000, 16000) / 100},"
                f"¥{rng.randint(1000, 1500) / 10}B,¥{rng.randint(150, 250) / 10}B,¥{rng.randint(5, 15) / 10}B,"
                f"¥{rng.randint(180, 220) / 10}B,¥{rng.randint(0, 99) / 10}B\n"
            )


def make_wide(path: Path, rows: int, keys: int = 4000, seed: int = 2020) -> None:
    """JSON lines of ``rows`` objects, each with ``keys`` cost keys no other row has."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(rows):
            costs = ", ".join(f'"c{i}_{k}": "¥{rng.randint(1, 999)}M"' for k in range(keys))
            f.write(f'{{"name": "r{i}", {costs}}}\n')


#: Runs a command and prints its peak resident memory, so that each measure is of one process
#: alone (RUSAGE_CHILDREN keeps the largest child a process has ever had).
_PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_memory_mib(command: list[str]) -> tuple[float, float]:
    """Peak resident memory of ``command`` (MiB, from getrusage), and its time in seconds."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    return int(done.stdout.split()[-1]) / 1024, elapsed


def peak_report(name: str, command: list[str], target: float = 100) -> bool:
    """Print ``command``'s peak memory against ``target`` MiB; whether it is within."""
    mib, seconds = peak_memory_mib(command)
    verdict = "within" if mib <= target else "OVER"
    print(f"{name:<34} {mib:5.1f} MiB (target <= {target:g} MiB, {verdict})   in {seconds:.1f} s")
    return mib <= target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    parser.add_argument(
        "--wide-rows",
        type=int,
        default=500,
        help="JSON-lines rows of 4,000 keys each, none shared (the target's 4,500 take about ten minutes; "
        "the peak is reached within the first hundred)",
    )
    args = parser.parse_args()
    exe = hostcost()
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        cases = Path(folder) / "cases.csv"
        make_input(cases, args.rows)
        print(f"batch of {args.rows:,} rows, median of {args.pairs} alternating pairs")
        measured = ratio([*exe, "batch", str(cases)], [sys.executable, "-c", PLAIN, str(cases)], args.pairs)
        ok &= report(f"hostcost batch, {args.rows:,} rows", measured, 8.0)
        if args.memory_rows:
            big = Path(folder) / "big.csv"
            make_input(big, args.memory_rows)
            ok &= peak_report(f"peak memory, {args.memory_rows:,} rows", [*exe, "batch", str(big)])
        if args.wide_rows:
            wide = Path(folder) / "wide.jsonl"
            make_wide(wide, args.wide_rows)
            ok &= peak_report(f"peak memory, {args.wide_rows:,} rows x 4,000 keys", [*exe, "batch", str(wide)])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
