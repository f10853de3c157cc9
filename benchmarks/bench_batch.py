"""hostcost batch against a plain Python csv read-and-write of the same file (the README's
"Performance" targets), and its peak memory on a large input.

    python benchmarks/bench_batch.py [--rows N] [--pairs N] [--memory-rows N]

Writes its input files to a temporary folder, and removes them after.
"""

from __future__ import annotations

import argparse
import random
import resource
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


def peak_memory_mib(command: list[str]) -> tuple[float, float]:
    """Peak resident memory of ``command`` (MiB, from getrusage), and its time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - start
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
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
            mib, seconds = peak_memory_mib([*exe, "batch", str(big)])
            verdict = "within" if mib <= 100 else "OVER"
            print(
                f"{'peak memory, ' + format(args.memory_rows, ',') + ' rows':<34} {mib:5.1f} MiB "
                f"(target <= 100 MiB, {verdict})   in {seconds:.1f} s"
            )
            ok &= mib <= 100
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
