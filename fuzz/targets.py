"""What each fuzzer feeds: one function per parser, from raw bytes to the end of the pipeline.

A target may raise hostcost's own errors (HostcostError: bad input, said in one line); anything
else is a bug. The same functions serve atheris (fuzz/fuzz.py) and hypothesis (tests/robustness/test_fuzz.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
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


# -- structured targets: a few bytes choose an input that is large, or nearly the grammar's own --------


class Picks:
    """Choices read from a fuzzer's bytes, so that a few bytes make a large or structured input:
    each choice takes the next four bytes; past the end, every choice is the first."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def number(self, most: int) -> int:
        """A whole number from 0 to ``most``."""
        chunk = self.data[self.at : self.at + 4].ljust(4, b"\0")
        self.at += 4
        return int.from_bytes(chunk, "big") % (most + 1)

    def size(self, most: int) -> int:
        """A whole number from 0 to ``most``, as often small as large: its digits first."""
        return min(self.number(10 ** self.number(len(str(most)))), most)

    def choice(self, options: Sequence):
        return options[self.number(len(options) - 1)]


def _one_line(f, *args):
    """``f(*args)``, or None when hostcost refuses it; a refusal must be one line, and short,
    whatever the input's size (an error that echoed a value in full was a billion characters)."""
    try:
        return f(*args)
    except HostcostError as e:
        message = str(e)
        if "\n" in message or len(message) > 1_000:
            raise AssertionError(f"not a short one-line error: {message[:200]!r}… ({len(message):,} characters)") from e
        return None


@cache
def lookalikes() -> dict[str, tuple[str, ...]]:
    """For each ASCII letter, the other characters that Unicode's case mapping, case folding or
    NFKC turns into it: 'ı' upper-cased is I, 'ſ' is S, the Kelvin sign lower-cased is k, a
    fullwidth 'ｂ' is b under NFKC."""
    import string
    import unicodedata

    found: dict[str, list[str]] = {c: [] for c in string.ascii_lowercase}
    for point in range(0x80, 0x20000):
        if 0xD800 <= point < 0xE000:
            continue
        ch = chr(point)
        for form in (ch.lower(), ch.upper(), ch.casefold(), unicodedata.normalize("NFKC", ch)):
            letter = "".join(c for c in form if not unicodedata.combining(c))  # İ lower-cased is i + a dot
            if len(letter) == 1 and letter.isascii() and letter.isalpha():
                found[letter.lower()].append(ch)
                break
    return {c: tuple(chars) for c, chars in found.items()}


def _grammar_words() -> list[str]:
    """The words of the amount grammar: scales (billion, bn, k) and currencies (yen, euros)."""
    from hostcost.core import amounts

    words = [w for w in (*amounts._SCALES, *amounts._WORDS) if w.isascii()]
    return [*words, "USD", "JPY", "KRW", "EUR", "GBP"]


def case_folding(data: bytes) -> None:
    """An amount whose words have letters swapped for characters that only Unicode case mapping
    or NFKC makes ASCII ('1.9 bıllion', '200 ſ'): refused, or read exactly as the plain word is,
    never as anything else (the dotless i was a KeyError, once)."""
    from hostcost.core.amounts import parse_amount
    from hostcost.core.claims import parse_claim

    picks = Picks(data)
    word = picks.choice(_grammar_words())
    swapped = "".join(picks.choice([ch, *lookalikes().get(ch.lower(), ())]) if picks.number(1) else ch for ch in word)
    number = picks.choice(["1.9", "200", "0.5", "12,345", "7"])
    layout = picks.choice(["{n} {w}", "{n}{w}", "{w} {n}", "${n} {w}", "¥{n}{w}", "{n} {w} yen", "{n}{w} USD"])
    plain, odd = layout.format(n=number, w=word), layout.format(n=number, w=swapped)

    def reading(text: str):
        money = _one_line(parse_amount, text, "USD")
        return None if money is None else (money.amount, money.currency)

    want, got = reading(plain), reading(odd)
    if got is not None and got != want:
        raise AssertionError(f"{odd!r} was read as {got}, but {plain!r} as {want}")
    _one_line(parse_claim, f"{odd} = $1.9B")


def exponents(data: bytes) -> None:
    """A number with an exponent of up to twelve digits, wherever hostcost reads a number: an
    amount, a count, a percent, a rate, a scenario file's value, a batch cell (CSV and JSON), a
    claim. Nothing may expand it (a TOML 1e999999999 once took 42 s and 5.6 GiB)."""
    from hostcost.core.amounts import parse_amount, parse_count, parse_percent
    from hostcost.core.fx import parse_rate

    picks = Picks(data)
    mantissa = picks.choice(["1", "9.99", "0", "-1", "1.5", "123456789012345678", ".5"])
    number = mantissa + picks.choice("eE") + picks.choice(["", "+", "-"]) + str(picks.size(10**12))
    where = picks.number(6)
    if where == 0:
        for parse in (parse_amount, parse_count, parse_percent, parse_rate):
            _one_line(parse, number)
        _one_line(parse_amount, f"¥{number}")
    elif where == 1:
        key = picks.choice(["troops", "host_share", "markup", "rate", "years", "escalate", "troops_change"])
        scenario_file(f"{key} = {number}\n[costs]\nwages = '¥1B'\n".encode())
    elif where == 2:
        scenario_file(f"[costs]\nwages = '¥{number}'\nfuel = {number}\n".encode())
    elif where == 3:
        key = picks.choice(["troops", "host_share", "markup", "rate", "wages"])
        batch_rows(f'{{"{key}": {number}}}\n{{"wages": "{number} JPY"}}\n'.encode())
    elif where == 4:
        batch_rows(f"troops,wages,rate\n{number},¥{number},{number}\n".encode())
    else:
        claims(f"{number} = $1.9B".encode())
        claims(f"$1.9B * {number} ≈ ¥{number}".encode())


def nesting(data: bytes) -> None:
    """Brackets nested up to 200,000 deep, in each format that nests: TOML arrays, inline tables
    and dotted table names, JSON lines, claims and amounts. Refused in one line, never a
    RecursionError (5,000 nested TOML arrays once was one)."""
    from hostcost.core.amounts import parse_amount

    picks = Picks(data)
    depth = picks.size(200_000)
    form = picks.number(7)
    if form == 0:
        scenario_file(("x = " + "[" * depth + "]" * depth + "\n").encode())
    elif form == 1:
        scenario_file(("[costs]\nwages = " + "[" * depth + "'¥1B'" + "]" * depth + "\n").encode())
    elif form == 2:
        scenario_file(("x = " + "{a = " * depth + "1" + "}" * depth + "\n").encode())
    elif form == 3:
        scenario_file(("[" + ".".join(["a"] * max(depth, 1)) + "]\nx = 1\n").encode())
    elif form == 4:
        batch_rows(('{"wages": ' + "[" * depth + "1" + "]" * depth + "}\n").encode())
    elif form == 5:
        batch_rows(('{"a": ' * depth + "1" + "}" * depth + "\n").encode())
    elif form == 6:
        claims(("(" * depth + "$1" + ")" * depth + " = $1").encode())
    else:
        _one_line(parse_amount, "(" * depth + "1" + ")" * depth)


def products(data: bytes) -> None:
    """Limits that each hold, multiplied: up to 10,000 categories × 100 years × 1,000 host shares
    (or a sweep of up to 10,001 steps). Past the work budget a job is refused before any work,
    in one line that gives the product (10,000 categories at 1,000 shares once ran 380 s into a
    MemoryError); a small one runs, one row per scenario."""
    import hostcost
    from hostcost.core.scenario import MAX_SCENARIOS, MAX_WORK

    picks = Picks(data)
    categories, years = max(picks.size(10_000), 1), max(picks.size(100), 1)
    sweep = bool(picks.number(1))
    count = max(picks.size(10_001 if sweep else 1_000), 1)  # a sweep's steps, or host shares
    inputs: dict = {"costs": {f"c{i}": "¥1.5M" for i in range(categories)}, "years": years}
    work = categories * years * count
    too_much = work > MAX_WORK or count > MAX_SCENARIOS  # a sweep's steps are scenarios too
    if not too_much and work > 2_000:
        return  # taken, and too slow to run at every try: tests/robustness holds the most to its bounds
    try:
        if sweep:
            result = hostcost.sweep(vary=f"troops=1000:{999 + count}:1", host_shares=[50], **inputs)
        else:
            result = hostcost.scenario(host_shares=[f"{(i + 1) / 10}%" for i in range(count)], **inputs)
    except HostcostError as e:
        _one_line(_raise, e)
        if not too_much:
            raise AssertionError(f"{work:,} figures, within the budget, were refused: {e}") from None
        if "figures" not in str(e) and "scenarios" not in str(e):
            raise AssertionError(f"{work:,} figures were refused without the product: {e}") from None
        return
    if too_much:
        raise AssertionError(f"{work:,} figures of {count:,} scenarios were worked out, past the limits")
    rows = count if sweep else count * years  # a sweep's row is a step; a scenario has a row a year
    if len(result.to_records()) != rows:
        raise AssertionError(f"{len(result.to_records())} rows for {count} scenarios of {years} years")


def _raise(e: BaseException):
    raise e


TARGETS = {
    "amounts": amounts,
    "claims": claims,
    "scenario_file": scenario_file,
    "batch_rows": batch_rows,
    "case_folding": case_folding,
    "exponents": exponents,
    "nesting": nesting,
    "products": products,
}
