"""docs/python-api.md runs: every example in it prints what it says it prints."""

from __future__ import annotations

import doctest

from helpers import ROOT

DOC = ROOT / "docs" / "python-api.md"


def test_every_example_of_the_python_api_doc_runs_as_shown():
    result = doctest.testfile(
        str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.attempted >= 15 and result.failed == 0, f"{result.failed} of {result.attempted} examples failed"


def test_the_readme_links_the_python_api():
    assert "(docs/python-api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_s_python_examples_run_as_shown():
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```python\n(.*?)```", text, re.S) if ">>>" in b]
    assert blocks, "the README shows the Python API"
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for n, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"README python block {n + 1}", "README.md", 0))
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted >= 4
