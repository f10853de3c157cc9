"""What each fuzzer feeds: one function per parser, from raw bytes to the end of the pipeline.

A target may raise hostcost's own errors (HostcostError: bad input, said in one line); anything
else is a bug. The same functions serve atheris (fuzz/fuzz.py) and hypothesis (tests/robustness/test_fuzz.py).
"""

from __future__ import annotations

import io
from functools import cache

from hostcost.errors import HostcostError


def text_of(data: bytes) -> str:
    """Bytes as hostcost may meet them: UTF-8, with undecodable bytes kept as surrogates (as Python
    decodes a command line's arguments)."""
    return data.decode("utf-8", "surrogateescape")


@cache
def _world():
    from hostcost.core.fx import Rates, parse_rate
    from hostcost.data.builtin import load_builtin

    builtin = load_builtin()
    rates = Rates.of([builtin.rate], [parse_rate("KRW=1180.5")])
    return builtin, rates, rates.converter()


def amounts(data: bytes) -> None:
    """The amount grammar, and every parser built on it, then display and conversion of the result."""
    from hostcost.core.amounts import parse_amount, parse_count, parse_percent
    from hostcost.core.fx import parse_rate
    from hostcost.views.format import format_money, format_money_ja

    text = text_of(data)
    _, _, converter = _world()
    for parse in (parse_count, parse_percent, parse_rate):
        try:
            parse(text)
        except HostcostError:
            pass
    try:
        money = parse_amount(text)
    except HostcostError:
        return
    format_money(money.amount, money.currency)
    format_money_ja(money.amount, money.currency)
    try:
        for target in ("USD", "JPY"):
            converter.convert_rounded(money, target)
    except HostcostError:
        pass


def claims(data: bytes) -> None:
    """A claim as a draft writes it, parsed (built-in figures by name too) and checked at the
    default rates; and the same text scanned as a draft."""
    from hostcost.core.claims import parse_claim
    from hostcost.core.scan import scan
    from hostcost.core.verdicts import check_claim
    from hostcost.data.builtin import named_figures

    _, rates, _ = _world()
    text = text_of(data)
    try:
        check_claim(parse_claim(text, named_figures()), rates, ("USD", "JPY"))
    except HostcostError:
        pass
    for found in scan(text.splitlines(), "fuzz.md"):
        try:
            check_claim(parse_claim(found.text), rates, ("USD", "JPY"))
        except HostcostError:
            pass


def scenario_file(data: bytes) -> None:
    """A scenario file: loaded, resolved, run, and written as JSON and TSV."""
    from hostcost.core.scenario import run_report
    from hostcost.data.resolve import resolve
    from hostcost.data.spec import load_spec
    from hostcost.env import Env
    from hostcost.render import emit
    from hostcost.views.scenario import scenario_view

    builtin, _, _ = _world()
    try:
        resolved = resolve(load_spec(text_of(data), "fuzz.toml"), builtin)
        report = run_report(resolved.scenarios, builtin.baseline, resolved.rates, resolved.sources)
    except HostcostError:
        return
    for fmt in ("json", "tsv"):
        emit(scenario_view(report, resolved.cost_note, False), fmt, Env(None, io.StringIO(), io.StringIO(), {}))


def batch_rows(data: bytes) -> None:
    """Batch input in each format: rows read, run, and written in each output format."""
    from hostcost.core.batch import Batch
    from hostcost.core.rows import read_rows, sniff
    from hostcost.data.builtin import parse_user_rate
    from hostcost.render.rows import write_rows
    from hostcost.views.batch import TEXT_COLUMNS, batch_header, typed

    builtin, rates, _ = _world()
    text = text_of(data)
    lines = text.splitlines(keepends=True) or [""]
    try:
        sniffed = sniff(lines[0])
    except HostcostError:  # a header two delimiters split: refused, naming both
        sniffed = "csv"
    for kind in (sniffed, "jsonl"):
        try:
            rows = list(read_rows(lines, kind))
            header = list(rows[0].cells) if rows else []
            runner = Batch(rates, builtin.baseline, builtin.categories, 54000, header, parse_user_rate)
            results = [runner.run(row) for row in rows[:50]]
        except HostcostError:
            continue
        except Exception as e:  # the csv module's own error for malformed input is reported as bad input
            if type(e).__name__ != "Error":
                raise
            continue
        for fmt in ("tsv", "csv", "jsonl", "json"):
            for _ in write_rows(io.StringIO(), batch_header(runner), results, fmt, TEXT_COLUMNS, typed):
                pass


TARGETS = {"amounts": amounts, "claims": claims, "scenario_file": scenario_file, "batch_rows": batch_rows}
