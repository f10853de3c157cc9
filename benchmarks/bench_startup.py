"""Start-up of hostcost, as ratios to importing what it is built on (DESIGN.md §6).

    python benchmarks/bench_startup.py [--pairs N]

Each ratio is the median of N pairs (default 11) of whole-process times, the two commands run
alternately so that a noisy machine slows both alike.
"""

from __future__ import annotations

import argparse
import sys

from _common import hostcost, ratio, report

PY = sys.executable
TYPER = [PY, "-c", "import typer"]
STACK = [PY, "-c", "import typer, rich.table, rich.console, pint"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=11, help="pairs of runs per ratio (at least 10)")
    args = parser.parse_args()
    exe = hostcost()
    checks = [
        ("hostcost --version", [*exe, "--version"], TYPER, 1.5),
        ("hostcost --help", [*exe, "--help"], TYPER, 1.5),
        ("hostcost scenario -f table", [*exe, "scenario", "-f", "table"], STACK, 1.15),
        ("hostcost scenario -f json", [*exe, "scenario", "-f", "json"], STACK, 1.15),
    ]
    print(f"start-up, median of {args.pairs} alternating pairs ({sys.version.split()[0]})")
    ok = [report(name, ratio(cmd, ref, args.pairs), target) for name, cmd, ref, target in checks]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
