"""Shared helpers for the benchmarks: find the programs, time whole processes side by side."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def hostcost() -> list[str]:
    """The installed hostcost beside this Python, or on PATH."""
    here = shutil.which("hostcost", path=str(Path(sys.executable).parent)) or shutil.which("hostcost")
    if not here:
        sys.exit("benchmarks: hostcost is not installed; run `pip install .` first")
    return [here]


def run_once(command: list[str], stdout=subprocess.DEVNULL) -> float:
    """Seconds one whole process takes, from start to exit."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    start = time.perf_counter()
    done = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"benchmarks: {' '.join(command)} failed: {done.stderr.decode()[-300:]}")
    return elapsed


def ratio(command: list[str], reference: list[str], pairs: int) -> tuple[float, float, float]:
    """The median over ``pairs`` of time(command) / time(reference), run alternately; and the
    medians of each, in seconds. One warm-up run of each comes first."""
    run_once(command)
    run_once(reference)
    ratios, ours, theirs = [], [], []
    for _ in range(pairs):
        a = run_once(command)
        b = run_once(reference)
        ratios.append(a / b)
        ours.append(a)
        theirs.append(b)
    return statistics.median(ratios), statistics.median(ours), statistics.median(theirs)


def report(name: str, measured: tuple[float, float, float], target: float) -> bool:
    r, a, b = measured
    verdict = "within" if r <= target else "OVER"
    print(f"{name:<34} {r:5.2f}x  (target <= {target}x, {verdict})   {a * 1000:7.0f} ms vs {b * 1000:7.0f} ms")
    return r <= target
