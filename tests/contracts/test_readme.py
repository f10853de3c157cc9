"""The README's commands and every example in examples/ run, and print what the docs say they print.

Run ``python tests/contracts/test_readme.py --update`` to rewrite the README's outputs from the real program.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if __name__ == "__main__":  # run as a script (--update): the shared helpers are one folder up
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import ROOT

README = ROOT / "README.md"
EXAMPLES = sorted((ROOT / "examples").glob("*.sh"))
SCENARIO_FILES = sorted((ROOT / "examples").glob("*.toml"))
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def _env() -> dict[str, str]:
    exe = shutil.which("hostcost", path=str(Path(sys.executable).parent))
    bindir = str(Path(exe).parent) if exe else str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "HOSTCOST_DEBUG")}
    env.update(PATH=bindir + os.pathsep + env.get("PATH", ""), COLUMNS="120", LANG="C.UTF-8")
    return env


def _shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120
    )


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def readme_commands(text: str) -> list[tuple[str, str]]:
    """``(command, shown output)`` for each ``$ `` line of each console block."""
    out = []
    for block in BLOCK.findall(text):
        parts = re.split(r"^\$ (.*)\n", block, flags=re.MULTILINE)
        out += [(parts[i], parts[i + 1]) for i in range(1, len(parts), 2)]
    return out


def test_readme_opens_with_the_two_setup_commands():
    lines = [line for line in README.read_text().splitlines() if line.strip()]
    code = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert code == ["pip install . && hostcost scenario", "pip install -e '.[test]' && pytest"]


def _expected_status(command: str) -> int:
    """A README command that is meant to fail says so: ``hostcost check ... # exits 1``."""
    m = re.search(r"# exits (\d+)\s*$", command)
    return int(m.group(1)) if m else 0


@pytest.mark.parametrize(("command", "shown"), readme_commands(README.read_text()))
def test_readme_command_prints_what_the_readme_shows(command, shown):
    p = _shell(command)
    assert p.returncode == _expected_status(command), p.stderr
    assert _clean(p.stdout + p.stderr) == _clean(shown)


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_prints_its_expected_output(script):
    p = _shell(f"bash {script.relative_to(ROOT)}")
    assert p.returncode == 0, p.stderr
    assert p.stdout == script.with_suffix(".out").read_text()


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.name)
def test_scenario_file_prints_its_expected_rows(path):
    p = _shell(f"hostcost scenario {path.relative_to(ROOT)} -f tsv")
    assert p.returncode == 0, p.stderr
    assert p.stdout == path.with_suffix(".tsv").read_text()


def test_every_example_file_is_run_by_a_test():
    run_here = {
        *EXAMPLES,
        *SCENARIO_FILES,
        *(p.with_suffix(".out") for p in EXAMPLES),
        *(p.with_suffix(".tsv") for p in SCENARIO_FILES),
    }
    # the claims file and the batch cases are run by examples/check-briefing.sh and batch-pipeline.sh
    claims = {
        ROOT / "examples" / "briefing-claims.txt",
        ROOT / "examples" / "batch-cases.csv",
        ROOT / "examples" / "DEXJPUS-2022-01.csv",  # the README's FRED download
        ROOT / "examples" / "draft.md",
    }  # the README's draft, for check --scan
    assert set((ROOT / "examples").iterdir()) == run_here | claims


def update() -> None:
    text = README.read_text()

    def fill(m: re.Match) -> str:
        body = []
        for command, _ in readme_commands(m.group(0)):
            p = _shell(command)
            shown = p.stdout + p.stderr
            body.append(f"$ {command}\n{_clean(shown)}\n" if shown.strip() else f"$ {command}\n")
        return "```console\n" + "".join(body) + "```"

    README.write_text(BLOCK.sub(fill, text))
    for script in EXAMPLES:
        script.with_suffix(".out").write_text(_shell(f"bash {script.relative_to(ROOT)}").stdout)
    for path in SCENARIO_FILES:
        path.with_suffix(".tsv").write_text(_shell(f"hostcost scenario {path.relative_to(ROOT)} -f tsv").stdout)


if __name__ == "__main__" and "--update" in sys.argv:
    update()
