"""What the tests share: run the real command line, in process (with an injected environment)
or as a subprocess, and read what it wrote."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Environment variables that would change what hostcost shows; the tests set them when they mean to.
_CHANGES_OUTPUT = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "HOSTCOST_DEBUG", "TERM")


def hostcost_exe() -> list[str]:
    """The installed console script, or ``python -m hostcost`` where it is not on PATH."""
    exe = shutil.which("hostcost", path=str(Path(sys.executable).parent)) or shutil.which("hostcost")
    return [exe] if exe else [sys.executable, "-m", "hostcost"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CHANGES_OUTPUT}
    env.update(extra)
    return env


class _Stdin(io.StringIO):
    """stdin as a pipe gives it: text, and no file number (so not a regular file)."""

    def fileno(self) -> int:
        raise io.UnsupportedOperation("fileno")


@dataclass
class Ran:
    """What one run of the command line did."""

    exit_code: int
    stdout: str
    stderr: str
    args: list[str] = field(default_factory=list)

    def json(self):
        """stdout as JSON, every number an exact Decimal."""
        return json.loads(self.stdout, parse_float=Decimal)


def invoke(
    *args: str,
    input: str | None = None,
    env: dict | None = None,
    tty: bool = False,
    columns: int | None = None,
    stdin_tty: bool = False,
    stderr_tty: bool = False,
) -> Ran:
    """Run hostcost in process through :func:`hostcost.cli.main` with an injected environment:
    stdout a pipe (or, with ``tty``, a terminal of ``columns``), stdin ``input`` (a pipe), and
    the environment variables of :func:`clean_env` with ``env`` over them."""
    from hostcost.cli import main
    from hostcost.env import Env

    out, err = io.StringIO(), io.StringIO()
    stdin = _Stdin(input or "")
    environ = clean_env(**(env or {}))
    ran = Env(stdin, out, err, environ, stdin_tty, tty, stderr_tty, columns)
    code = main(list(args), ran)
    return Ran(int(code), out.getvalue(), err.getvalue(), list(args))


def run(*args: str, input: str | None = None, env: dict | None = None, cwd: Path | None = None):
    """Run the installed hostcost as a subprocess."""
    return subprocess.run(
        [*hostcost_exe(), *args],
        input=input or "",
        capture_output=True,
        text=True,
        env=env or clean_env(),
        cwd=cwd or ROOT,
        timeout=60,
    )


def per_usd(rate: dict) -> dict:
    """A JSON ``rate`` object's figures (``JPY_per_USD`` …), without what ``details`` says of them."""
    return {k: v for k, v in rate.items() if k != "details"}


def engine_row(inputs, rates, currencies):
    """What ``hostcost scenario`` writes for ``inputs``: run_totals, then its TSV cells."""
    from hostcost.core.scenario import Report, run_totals
    from hostcost.data.builtin import load_builtin
    from hostcost.render.text import raw
    from hostcost.views.scenario import scenario_rows

    converter = rates.converter()
    baseline = load_builtin().baseline.amounts(converter, currencies)
    result = run_totals(inputs, baseline, converter, currencies)
    [row] = scenario_rows(Report(rates, currencies, load_builtin().baseline, baseline, (result,)))
    return [raw(v) for v in row]
