"""Claims about figures, such as ``¥200B = $1.9B``, checked at the rates in force. Pure functions.

A claim is two sides joined by a comparator: ``=`` or ``==`` (within 2%), ``≈``, ``~`` or a word
such as ``about`` (within 10%), or ``<``, ``>``, ``≤``, ``≥`` and their words (``more than``,
``at least`` …). It may be written as a draft writes it: a conversion in prose, ``A (B)`` or
``A, or B``, is ``A ≈ B``; ``is`` is ``=``; ``times`` and ``x`` are ``×``; ``twice`` and
``half`` multiply; the number words one to ten are numbers; ``a year`` and ``per year`` are
passed over. A side is amounts (the amount grammar, Korean 조/억/만 included), plain numbers,
and built-in figures by name (``fy2020.wages``, ``sma-2022.total``, ``baseline``), joined by
``+ - * × / ÷`` and parentheses; ``75%`` is the number 0.75. A claim may end with ``@PERIOD``: the
rates of that period (``@2022-01``, ``@FY2024``) for it alone.

The verdict (README, "Checking figures before a briefing") weighs two counts:

- precision: the left side's exact value lies in the range the right side's written digits
  allow (``$1.9B``: $1.85B up to $1.95B; the trailing zeros of a whole number are not
  significant, so ``$35,000`` is $34,500 up to $35,500 and ``¥200B`` is ¥150B up to ¥250B);
  plain numbers inside a side are exact, and a side that is one plain number is a written figure;
- accuracy: the two sides' exact values differ by at most the tolerance, as a share of the right.

``holds``: both; ``last-digit``: accurate, but the digits are not the right rounding;
``too-loose``: right only as a round figure; ``fails``: neither. An inequality is judged on the
exact values alone: it ``holds`` or ``fails``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hostcost.core.amounts import PLAIN_DIGITS, folded_digit, hundredth, parse_written, shell_cut, shorten
from hostcost.core.money import Money
from hostcost.errors import AmountError, CurrencyError, InputError

#: Comparators, as the parser sees them once words are read: equality, closeness, order.
COMPARATORS = ("==", "=", "≈", "~", "≤", "≥", "<", ">")
INEQUALITIES = ("<", ">", "≤", "≥")
_OPERATORS = {"+": "+", "-": "-", "*": "*", "×": "*", "/": "/", "÷": "/", "(": "(", ")": ")"}
PERCENT_PLACES = 4
NUMBER_QUANTUM = Decimal("1e-12")  # plain-number results are shown to 12 decimal places
#: The tolerance of each comparator, as a fraction of the right side: 2% for "=", 10% for "≈".
TOLERANCE = {"=": Decimal("0.02"), "==": Decimal("0.02"), "≈": Decimal("0.10"), "~": Decimal("0.10")}
VERDICTS = ("holds", "last-digit", "too-loose", "fails")
#: The longest claim hostcost reads, and what to write when one cannot be read.
MAX_CLAIM_CHARS = 2_000
WRITE = "write A = B, A ≈ B, A > B or A (B), such as ¥200B = $1.9B"


class ClaimError(InputError):
    """A claim that cannot be read."""


# -- intervals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """The numbers from ``lo`` to ``hi``; each end is in the interval when its flag says closed."""

    lo: Decimal
    hi: Decimal
    lo_closed: bool = True
    hi_closed: bool = True

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def written(cls, value: Decimal, unit: Decimal) -> Interval:
        """What a figure written to ``unit`` stands for: [value - unit/2, value + unit/2)."""
        half = unit / 2
        return cls(value - half, value + half, True, False)

    def __add__(self, other: Interval) -> Interval:
        return Interval(
            self.lo + other.lo,
            self.hi + other.hi,
            self.lo_closed and other.lo_closed,
            self.hi_closed and other.hi_closed,
        )

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_closed, self.lo_closed)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        ends = [
            (a * b, ca and cb)
            for a, ca in ((self.lo, self.lo_closed), (self.hi, self.hi_closed))
            for b, cb in ((other.lo, other.lo_closed), (other.hi, other.hi_closed))
        ]
        lo, hi = min(v for v, _ in ends), max(v for v, _ in ends)
        return Interval(lo, hi, any(c for v, c in ends if v == lo), any(c for v, c in ends if v == hi))

    def inverse(self) -> Interval:
        if self.lo <= 0 <= self.hi:
            raise ZeroDivisionError
        return Interval(1 / self.hi, 1 / self.lo, self.hi_closed, self.lo_closed)

    def scale(self, factor: Decimal) -> Interval:
        """The interval times a positive ``factor``."""
        return Interval(self.lo * factor, self.hi * factor, self.lo_closed, self.hi_closed)

    def overlaps(self, other: Interval) -> bool:
        lo = max((self.lo, not self.lo_closed), (other.lo, not other.lo_closed))
        hi = min((self.hi, self.hi_closed), (other.hi, other.hi_closed))
        return lo[0] < hi[0] or (lo[0] == hi[0] and not lo[1] and hi[1])


# -- reading a claim as it is written -------------------------------------------------------------

_APPROX = r"(?:about|around|roughly|nearly|approximately|some|approx\.?)"
_BE = r"(?:is equal to|equal to|equals|comes to|amounts to|is|are|was|were)"
#: Phrases and their comparators, longest first; a phrase is a whole word or words, any case.
_PHRASES = [
    (rf"{_BE}\s+(?:more than|greater than|over|above)", ">"),
    (rf"{_BE}\s+(?:less than|under|below)", "<"),
    (rf"{_BE}\s+at least", "≥"),
    (rf"{_BE}\s+at most", "≤"),
    (rf"{_BE}\s+{_APPROX}", "≈"),
    (r"more than|greater than|over|above", ">"),
    (r"less than|under|below", "<"),
    (r"at least|no less than", "≥"),
    (r"at most|no more than", "≤"),
    (_BE, "="),
]
_PHRASE = re.compile("|".join(rf"(?P<p{i}>\b{pattern}\b)" for i, (pattern, _) in enumerate(_PHRASES)), re.I)
_NUMBER_WORDS = {w: str(n) for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}
_WORDS: list[tuple[re.Pattern, Any]] = [
    (re.compile(r"\b(?:a|per|each|every)\s+year\b", re.I), " "),
    (re.compile(r"\btwice\b", re.I), " 2 × "),
    (re.compile(r"\bhalf(?:\s+of)?\b", re.I), " 0.5 × "),
    (re.compile(r"\btimes\b", re.I), " × "),
    (re.compile(r"(?<=[\d\s)])x(?=\s*[\d$¥₩€£(])", re.I), " × "),
    (re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I), lambda m: _NUMBER_WORDS[m.group(1).lower()]),
    (re.compile(r"<="), "≤"),
    (re.compile(r">="), "≥"),
]
_APPROX_WORD = re.compile(rf"\b{_APPROX}(?=\s|$)", re.I)
_PERIOD_AT = re.compile(r"\s@\s*(\S+)\s*$")
#: A built-in figure by name: a preset and one of its categories or its total, or the baseline.
_NAME = re.compile(r"\b(?:[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z][a-z_]*|baseline)\b", re.I)


@dataclass(frozen=True)
class Written:
    """A claim as written, read into the form the parser takes: the text to parse, and the
    period its rates are of (``@2022-01``), if it names one."""

    text: str
    period: str | None


def _comparator(m: re.Match) -> str:
    return next(symbol for i, (_, symbol) in enumerate(_PHRASES) if m.group(f"p{i}"))


def read_words(text: str) -> Written:
    """A claim in the words of a draft, in the parser's form: comparator words to symbols,
    ``A (B)`` and ``A, or B`` to ``A ≈ B``, number words to numbers (see the module's docstring).
    Names of built-in figures are left as they are."""
    body = text.strip()
    period = None
    if m := _PERIOD_AT.search(" " + body):
        period, body = m.group(1), (" " + body)[: m.start()].strip()
    names: list[str] = []

    def keep(m: re.Match) -> str:  # a built-in figure's name is not words to read
        names.append(m.group(0))
        return f"\x00{len(names) - 1}\x00"

    body = _NAME.sub(keep, body)
    for pattern, repl in _WORDS:
        body = pattern.sub(repl, body)
    body = _PHRASE.sub(lambda m: f" {_comparator(m)} ", body)
    has = [c for c in COMPARATORS if c in body]
    # "= about ¥200B", "≈ some $1.9B": the approximate word makes it a closeness
    body = re.sub(rf"(==|=|≈|~)\s*{_APPROX}\b", " ≈ ", body, flags=re.I)
    if not has:
        if m := re.fullmatch(r"(.*\S)\s*\((.*)\)\s*", body, re.S):  # A (B): a conversion in prose
            body = f"{m.group(1)} ≈ {_APPROX_WORD.sub(' ', m.group(2))}"
        elif m := re.fullmatch(r"(.*\S)\s*,\s*or\s+(.*?)[\s,]*", body, re.S | re.I):  # A, or B
            body = f"{m.group(1)} ≈ {_APPROX_WORD.sub(' ', m.group(2))}"
        elif m := re.fullmatch(rf"(.*?\S)\s+{_APPROX}\s+(.*)", body, re.S | re.I):  # A about B
            body = f"{m.group(1)} ≈ {m.group(2)}"
    body = _APPROX_WORD.sub(" ", body) if any(c in body for c in COMPARATORS) else body
    body = re.sub(r"\x00(\d+)\x00", lambda m: names[int(m.group(1))], body)
    return Written(re.sub(r"\s+", " ", body).strip(), period)


# -- parsing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A leaf of an expression: an amount (with a currency), a plain number, or a built-in figure
    by name, as written; ``source`` is a named figure's."""

    text: str
    value: Decimal
    currency: str | None
    unit: Decimal
    source: str = ""


@dataclass(frozen=True)
class Op:
    op: str  # "+", "-", "*", "/", or "neg"
    args: tuple[Node, ...]


Node = Figure | Op


@dataclass(frozen=True)
class Claim:
    text: str
    left: Node
    right: Node
    comparator: str
    period: str | None = None  # the period of the claim's own rates (@2022-01)


#: Built-in figures by name: name -> (amount, source).
Names = Mapping[str, tuple[Money, str]]


def _tokens(text: str) -> list[str]:
    """Split a claim into operators, comparators and operand texts, in one pass; at most
    :data:`MAX_TOKENS` of them (more is refused while reading, not after)."""
    out: list[str] = []
    operand: list[str] = []
    i = 0

    def flush() -> None:
        word = "".join(operand).strip()
        if word:
            out.append(word)
            if len(out) > MAX_TOKENS:
                raise _Tokens
        operand.clear()

    while i < len(text):
        if not "".join(operand).strip() and (named := _NAME.match(text, i)):  # fy2020.wages, sma-2022.total
            out.append(named.group(0))
            i = named.end()
            continue
        two = text[i : i + 2]
        cmp = two if two == "==" else text[i] if text[i] in COMPARATORS else None
        if cmp:
            flush()
            out.append(cmp)
            i += len(cmp)
            continue
        ch = text[i]
        # a sign after "1e" is the exponent's, not an operator
        exponent_sign = ch in "+-" and len(operand) >= 2 and operand[-1] in "eE" and operand[-2].isdigit()
        if ch in _OPERATORS and not exponent_sign:
            flush()
            out.append(_OPERATORS[ch])
            if len(out) > MAX_TOKENS:
                raise _Tokens
        else:
            operand.append(ch)
        i += 1
    flush()
    return out


class _Tokens(Exception):
    """More tokens than a claim may have."""


def _fail(text: str, why: str) -> ClaimError:
    return ClaimError(f"claim {shorten(text, 80)}: {why}")


#: The most figures, operators and brackets one claim may have.
MAX_TOKENS = 200


class _Parser:
    def __init__(self, text: str, shown: str, names: Names) -> None:
        self.text = shown
        self.names = names
        try:
            self.tokens = _tokens(text)
        except _Tokens:
            raise self.fail(
                f"it has too many parts; a claim has at most {MAX_TOKENS} figures, operators and brackets"
            ) from None
        self.i = 0

    def fail(self, why: str) -> ClaimError:
        return _fail(self.text, why)

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> str | None:
        token = self.peek()
        self.i += 1
        return token

    def operator(self) -> str:
        """The operator the parser has just peeked at."""
        token = self.take()
        assert token is not None
        return token

    def claim(self, period: str | None) -> Claim:
        if not self.tokens:
            raise self.fail(f"it is empty; {WRITE}")
        left = self.expr()
        comparator = self.take()
        if comparator not in COMPARATORS:
            raise self.fail(f"it compares nothing; {WRITE}")
        right = self.expr()
        if self.peek() is not None:
            what = "second comparison" if self.peek() in COMPARATORS else f"{self.peek()!r}"
            raise self.fail(f"unexpected {what} after the right side; {WRITE}")
        return Claim(self.text, left, right, comparator, period)

    def expr(self) -> Node:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.operator()
            node = Op(op, (node, self.term()))
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek() in ("*", "/"):
            op = self.operator()
            node = Op(op, (node, self.unary()))
        return node

    def unary(self) -> Node:
        if self.peek() == "-":
            self.take()
            return Op("neg", (self.unary(),))
        if self.peek() == "+":
            self.take()
            return self.unary()
        return self.atom()

    def atom(self) -> Node:
        token = self.take()
        if token is None or token in COMPARATORS or token in (")", "*", "/"):
            where = "at the end" if token is None else f"before {token!r}"
            raise self.fail(f"expected an amount or a number {where}; {WRITE}")
        if token == "(":
            node = self.expr()
            if self.take() != ")":
                raise self.fail("a '(' is never closed")
            return node
        return _figure(token, self)


def _figure(token: str, parser: _Parser) -> Figure:
    named = parser.names.get(token.strip().lower())
    if named is not None:
        money, source = named
        return Figure(token, money.amount, money.currency, Decimal(0), source)
    text = unicodedata.normalize("NFKC", token).strip()
    percent = text.endswith("%")
    try:
        written = parse_written(text.removesuffix("%").strip() if percent else text)
    except (AmountError, CurrencyError) as e:
        if _NAME.fullmatch(token.strip()):
            raise parser.fail(f"there is no built-in figure {token.strip()!r}; hostcost presets lists them") from None
        raise parser.fail(f"{e}; {WRITE}") from None
    cut = shell_cut(token, written)
    if cut is not None:
        raise parser.fail(str(cut))
    if percent:
        if written.currency:
            raise parser.fail(f"{token!r}: a percent takes no currency")
        return Figure(token, hundredth(written.value), None, hundredth(written.unit))
    currency = written.currency or written.implied  # 万, 億 and 兆 alone mean yen; 만, 억 and 조, won
    return Figure(token, written.value, currency, written.unit)


def figures_of(node: Node) -> Iterator[Figure]:
    """The figures of a side of a claim (or of any part of one), left to right."""
    if isinstance(node, Figure):
        yield node
    else:
        for arg in node.args:
            yield from figures_of(arg)


def claim_currencies(claim: Claim) -> tuple[str, ...]:
    """The currencies a claim's amounts are written in, in the order they appear."""
    figures = (*figures_of(claim.left), *figures_of(claim.right))
    return tuple(dict.fromkeys(f.currency for f in figures if f.currency))


def claim_sources(claim: Claim) -> tuple[tuple[str, str], ...]:
    """The built-in figures a claim names, with their sources: ``(name, source)``."""
    figures = (*figures_of(claim.left), *figures_of(claim.right))
    return tuple(dict.fromkeys((f.text.strip(), f.source) for f in figures if f.source))


def parse_claim(text: str, names: Names | None = None) -> Claim:
    """Read one claim as it is written; :class:`ClaimError` says what is wrong with it and what
    to write."""
    if len(text) > MAX_CLAIM_CHARS:
        raise _fail(text, f"it is {len(text):,} characters long; a claim is at most {MAX_CLAIM_CHARS:,}")
    found = folded_digit(text)  # 2³ is not 23, and is not read as 23
    if found:
        raise _fail(text, f"it has {found}, {PLAIN_DIGITS}")
    if control := re.search(r"[\x00-\x08\x0a-\x1f\x7f]", text):
        raise _fail(text, f"it has a control character ({control.group()!r}); {WRITE}")
    written = read_words(text)
    return _Parser(written.text, text.strip(), names or {}).claim(written.period)


# -- claims files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimLine:
    """A claim to check, and where it came from: a line of a file, or a position among arguments
    (and, found in a draft, its column)."""

    line: int
    text: str
    where: str = "argument"
    column: int | None = None


#: The most claims one command checks: a briefing has dozens; each claim checked is held until
#: the table is written (its currencies make the columns), so a million would take gigabytes.
MAX_CLAIMS = 10_000


def read_claims(lines: Sequence[str], where: str) -> list[ClaimLine]:
    """The claims of a claims file: one a line; blank lines and ``#`` comments are skipped. More
    than :data:`MAX_CLAIMS` is refused as soon as it is reached."""
    out: list[ClaimLine] = []
    for n, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].strip()
        if text:
            if len(out) == MAX_CLAIMS:
                raise ClaimError(
                    f"{where}:{n}: more than {MAX_CLAIMS:,} claims; hostcost checks at most {MAX_CLAIMS:,} at "
                    "once: split the file (split -l) and check each part"
                )
            out.append(ClaimLine(n, text, where))
    if not out:
        raise ClaimError(f"{where}: no claims in it; expected one claim a line, such as ¥200B = $1.9B")
    return out


def parse_claims(
    claims: Sequence[ClaimLine], where: str, names: Names | None = None, keep_going: bool = False
) -> tuple[list[tuple[ClaimLine, Claim]], list[str]]:
    """Parse every claim first, so that a malformed one is reported, by its line, before any
    output: with ``keep_going``, every malformed line is reported (the list of messages) and the
    others are kept; without, the first stops it."""
    out, errors = [], []
    for c in claims:
        try:
            out.append((c, parse_claim(c.text, names)))
        except ClaimError as e:
            message = f"{where or c.where}:{c.line}: {e}"
            if not keep_going:
                raise ClaimError(message) from None
            errors.append(message)
    return out, errors
