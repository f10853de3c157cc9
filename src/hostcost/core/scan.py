"""Conversions and claims in a draft (``hostcost check --scan``): where a text says one amount is
another, as drafts say it.

Found: a conversion in prose, ``A (B)`` or ``A, or B``, where A and B are amounts in two
currencies ("1.05 trillion yen ($9.2 billion)", "¥200 billion, or $1.9 billion,"); and an explicit
claim, two amounts joined by ``=``, ``≈`` or ``~``. Passed over: headings, code (fenced or
indented), and a figure that stands alone. An amount counts only with its currency written, so
a pair hostcost is not sure of is left out rather than guessed: precision over recall.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hostcost.core.claims import ClaimLine

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:trillion|billion|million|thousand|trln|trn|bln|mln|tn|bn|mn|[kMBT])(?![A-Za-z])"
_EAST = r"(?:\d+(?:\.\d+)?\s?[兆億万])+(?:\d{1,4})?\s?円|(?:\d+(?:\.\d+)?\s?[조억만])+(?:\d{1,4})?\s?원"
#: An amount with its currency: a sign or code before it, or a word after it, or 兆/億/万 and 円.
AMOUNT = re.compile(
    rf"""
    (?:
        (?:US\$|\$|¥|￥|₩|€|£)\s?(?:{_NUMBER})(?:\s?{_SCALE})?
      | \b(?:USD|JPY|KRW|EUR|GBP)\s?(?:{_NUMBER})(?:\s?{_SCALE})?
      | \b(?:{_NUMBER})(?:\s?{_SCALE})?\s?(?:yen|dollars|won|euros|円|원)\b
      | {_EAST}
    )
    """,
    re.VERBOSE,
)
_APPROX = r"(?:about|around|roughly|some|nearly|approximately|approx\.|or)\s+"
_PAIR = re.compile(
    rf"(?P<a>{AMOUNT.pattern})\s*\(\s*(?:{_APPROX})?(?P<b>{AMOUNT.pattern})\s*\)"
    rf"|(?P<c>{AMOUNT.pattern}),\s*or\s+(?:{_APPROX})?(?P<d>{AMOUNT.pattern})(?=\s*[,.;)]|\s*$)",
    re.VERBOSE,
)
_CLAIM = re.compile(rf"(?P<a>{AMOUNT.pattern})\s*(?:=|≈|~)\s*(?P<b>{AMOUNT.pattern})", re.VERBOSE)
_CURRENCY = {
    "$": "USD",
    "US$": "USD",
    "¥": "JPY",
    "￥": "JPY",
    "₩": "KRW",
    "€": "EUR",
    "£": "GBP",
    "yen": "JPY",
    "dollars": "USD",
    "won": "KRW",
    "euros": "EUR",
    "円": "JPY",
    "원": "KRW",
}


def _currency(amount: str) -> str | None:
    text = amount.strip()
    for key in sorted(_CURRENCY, key=len, reverse=True):
        if text.startswith(key) or text.endswith(key):
            return _CURRENCY[key]
    code = re.match(r"(USD|JPY|KRW|EUR|GBP)", text)
    return code.group(1) if code else None


def scan(lines: Sequence[str], where: str) -> list[ClaimLine]:
    """The conversions and claims of a draft's ``lines``, each with its line and column (from 1)."""
    out: list[ClaimLine] = []
    fenced = False
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")) or stripped.startswith("#"):
            continue
        text = re.sub(r"`[^`]*`", lambda m: " " * len(m.group(0)), line)  # inline code is code
        taken: list[tuple[int, int]] = []
        for m in _PAIR.finditer(text):
            a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
            ca, cb = _currency(a), _currency(b)
            if ca and cb and ca != cb:
                out.append(ClaimLine(n, m.group(0).strip().rstrip(","), where, m.start() + 1))
                taken.append(m.span())
        for m in _CLAIM.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                out.append(ClaimLine(n, m.group(0).strip(), where, m.start() + 1))
    return sorted(out, key=lambda c: (c.line, c.column))
