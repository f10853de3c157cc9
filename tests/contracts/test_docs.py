"""docs/ is generated from the program; these fail when it drifts."""

import sys

from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import make_docs


def test_the_command_reference_is_up_to_date():
    """docs/cli.md holds every command's --help as it is now (python scripts/make_docs.py)."""
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == make_docs.cli_reference()


def test_the_reference_has_every_command_and_an_example_for_each():
    from hostcost.cli import COMMANDS

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    sections = text.split("\n## ")[1:]
    names = list(COMMANDS)
    assert [s.splitlines()[0] for s in sections] == ["hostcost", *(f"hostcost {n}" for n in names)]
    for section in sections[1:]:
        assert "Examples:\n    hostcost " in section, section.splitlines()[0]


def test_shell_completion_completes_commands_and_choices():
    import os
    import subprocess

    from helpers import clean_env, hostcost_exe

    def complete(words: str, index: int) -> list[str]:
        env = clean_env(_HOSTCOST_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(index))
        p = subprocess.run(hostcost_exe(), capture_output=True, text=True, env=env, timeout=60)
        assert p.returncode == 0, p.stderr
        return p.stdout.split()

    assert complete("hostcost sc", 1) == ["scenario", "schema"]
    assert complete("hostcost scenario --pre", 2) == ["--preset"]
    assert complete("hostcost scenario --lang ", 3) == ["en", "ja"]
    assert os.environ.get("_HOSTCOST_COMPLETE") is None


def test_every_data_file_is_shipped_in_the_package():
    """pip install . (not -e) installs only what package-data names: a data file it leaves out
    works in a checkout and is missing once installed."""
    import fnmatch
    import tomllib

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"][
        "hostcost"
    ]
    data = ROOT / "src" / "hostcost"
    for path in (data / "data").iterdir():
        if path.suffix == ".py" or path.name == "__pycache__":  # modules are the package's own
            continue
        name = path.relative_to(data).as_posix()
        assert any(fnmatch.fnmatch(name, g) for g in globs), f"{name} is not in package-data"
