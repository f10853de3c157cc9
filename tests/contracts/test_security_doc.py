"""SECURITY.md names a test for each class of problem: each test it names exists, so the table
cannot go on citing a test that was renamed or removed."""

import re
import sys

from helpers import ROOT


def test_every_test_security_md_names_exists():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(?:[\w/.]+::)?(test_\w+)`", text))
    defined = {
        m
        for path in (ROOT / "tests").rglob("test_*.py")
        for m in re.findall(r"^(?:async )?def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    assert len(named) > 20
    assert named <= defined, sorted(named - defined)


def test_every_fuzz_target_security_md_names_exists():
    sys.path.insert(0, str(ROOT / "fuzz"))
    from targets import TARGETS

    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    cited = {name for name in re.findall(r"F `([a-z_]+)`", text) if not name.startswith("test_")}
    assert cited == {"exponents", "nesting", "products", "case_folding"}
    assert cited <= set(TARGETS)
