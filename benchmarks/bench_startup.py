"""Start-up of hostcost, as ratios to importing what it is built on (the README's "Performance"
targets), and, with --against, side by side with another install of hostcost (an earlier commit).

    python benchmarks/bench_startup.py [--pairs N] [--against PATH/TO/OTHER/hostcost]

Each ratio is the median of N pairs (default 11) of whole-process times, the two commands run
alternately so that a noisy machine slows both alike.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys

from _common import hostcost, ratio, report

PY = sys.executable
TYPER = [PY, "-c", "import typer"]
STACK = [PY, "-c", "import typer, rich.table, rich.console, pint"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=11, help="pairs of runs per ratio (at least 10)")
    parser.add_argument(
        "--against", metavar="EXE", help="another hostcost (an earlier commit's): this one must be no slower"
    )
    args = parser.parse_args()
    exe = hostcost()
    runs = [["--version"], ["--help"], ["scenario", "-f", "table"], ["scenario", "-f", "json"]]
    floors = [TYPER, TYPER, STACK, STACK]
    targets = [1.3, 1.3, 1.10, 1.10]
    numpy = importlib.util.find_spec("numpy") is not None
    print(f"start-up, median of {args.pairs} alternating pairs ({sys.version.split()[0]}; numpy installed: {numpy})")
    if args.against:
        # no slower than the other: within the noise of a pair of runs (5%)
        checks = [(f"hostcost {' '.join(r)} vs --against", [*exe, *r], [args.against, *r], 1.05) for r in runs]
    else:
        checks = [(f"hostcost {' '.join(r)}", [*exe, *r], f, t) for r, f, t in zip(runs, floors, targets)]
    ok = [report(name, ratio(cmd, ref, args.pairs), target) for name, cmd, ref, target in checks]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
