"""Shared helpers: run the real command line, in-process (CliRunner) or as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hostcost.cli import app

ROOT = Path(__file__).resolve().parent.parent


def hostcost_exe() -> list[str]:
    """The installed console script, or ``python -m hostcost`` where it is not on PATH."""
    exe = shutil.which("hostcost", path=str(Path(sys.executable).parent)) or shutil.which("hostcost")
    return [exe] if exe else [sys.executable, "-m", "hostcost"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "HOSTCOST_DEBUG")}
    env.update(extra)
    return env


@pytest.fixture
def cli():
    """Invoke hostcost in-process; returns the result, with .json() parsing Decimals exactly."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict | None = None):
        result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        result.json = lambda: json.loads(result.stdout, parse_float=Decimal)
        return result

    return invoke


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
