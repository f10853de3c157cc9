"""Run one fuzz target under atheris (coverage-guided):

    python fuzz/fuzz.py TARGET [libFuzzer options]   # TARGET: amounts, claims, scenario_file, batch_rows

Any exception other than hostcost's own errors stops it, with the input that raised it saved as
crash-*. fuzz/run.py runs every target for a bounded time and reports what each tried.
"""

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports():  # hostcost's modules, imported here to be instrumented
    from targets import TARGETS

    import hostcost.core.amounts
    import hostcost.core.batch
    import hostcost.core.claims
    import hostcost.data.spec  # noqa: F401


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python fuzz/fuzz.py {{{','.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
