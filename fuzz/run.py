"""Run every fuzz target under atheris for a bounded time, and report how many inputs each tried.

    pip install -e '.[fuzz]'
    python fuzz/run.py [--seconds 60] [TARGET ...]

Each target starts from its seeds (fuzz/seeds/TARGET) in a scratch corpus, so the repository is
not written to. Exit status 1 if any target found an input that raises anything but hostcost's
own errors; the input is saved as fuzz/crash-TARGET-* and named.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from targets import TARGETS  # noqa: E402


def fuzz(target: str, seconds: int) -> tuple[int, int, list[str]]:
    """``(inputs tried, exit status, crash files)`` for ``target`` after ``seconds``. A run that a
    signal ended with no crash file (libFuzzer's own SIGALRM timer, which it arms every eleven
    seconds for -timeout, once killed a run with no finding on a loaded machine) is run again,
    once: a real timeout or crash leaves its input behind and is not retried."""
    runs, status, crashes = _fuzz(target, seconds)
    if status < 0 and not crashes:
        print(f"{target}: ended by signal {-status} with no finding; running it again", file=sys.stderr)
        runs, status, crashes = _fuzz(target, seconds)
    return runs, status, crashes


def _fuzz(target: str, seconds: int) -> tuple[int, int, list[str]]:
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        shutil.copytree(HERE / "seeds" / target, corpus)
        p = subprocess.run(
            [
                sys.executable,
                str(HERE / "fuzz.py"),
                target,
                str(corpus),
                f"-max_total_time={seconds}",
                "-print_final_stats=1",
                "-max_len=4096",
                "-timeout=20",
                "-rss_limit_mb=2048",
                f"-artifact_prefix={HERE}/crash-{target}-",
            ],
            capture_output=True,
            text=True,
            errors="replace",
        )
    runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", p.stderr)
    crashes = sorted(str(c.relative_to(HERE.parent)) for c in HERE.glob(f"crash-{target}-*"))
    if p.returncode:
        print(p.stderr[-4000:], file=sys.stderr)
    return (int(runs.group(1)) if runs else 0), p.returncode, crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long each target runs (default 60)")
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"some of: {', '.join(TARGETS)} (default: all)")
    args = parser.parse_args()
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"no target {', '.join(unknown)}; the targets are {', '.join(TARGETS)}")
    failed = False
    print(f"{'target':<15} {'inputs tried':>13}  result")
    for target in args.targets or list(TARGETS):
        runs, status, crashes = fuzz(target, args.seconds)
        verdict = "ok" if status == 0 else f"FAILED: {', '.join(crashes) or f'exit {status}'}"
        print(f"{target:<15} {runs:>13,}  {verdict}", flush=True)
        failed |= status != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
