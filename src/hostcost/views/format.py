"""Figures as people read them: money and numbers in a display language, with Babel.

Only views format; the core keeps Decimals. Each function takes the language it writes in (no
global state), so one process can show English and Japanese side by side, and works in the
money context's digits (:func:`~hostcost.core.money.exactly`): Babel's own rounding, in Python's
default 28 digits, refused a figure of 34.

Two ways to write a figure (``--figures``):

- **full**: every cent and yen, ``$1,893,350,000.00``, ``18億9,335万ドル``;
- **short**: three significant figures or more, ``$1.89B``, ``¥3.69M``, ``$35,062``: as many as
  it takes for two different figures of one column never to read the same (:func:`written`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from decimal import ROUND_HALF_EVEN, Decimal
from functools import partial
from typing import Any

from hostcost.core.money import exactly, exponent
from hostcost.views import DisplayTable, Figure, Percent, Style
from hostcost.views.i18n import tr

#: The note a table with short figures carries in its caption.
SHORT_NOTE = "Figures rounded for display; --figures full shows them to the cent and the yen."
#: The fewest significant figures a short figure has.
SHORT_DIGITS = 3
#: Past this many significant figures a short form is no shorter: the figure is written in full.
_MOST_DIGITS = 9
#: Below this, a short figure is written out in whole units (``$35,062``), not compact.
_COMPACT_FROM = Decimal(10) ** 6


@exactly
def format_money(amount: Decimal, currency: str, lang: str = "en") -> str:
    """``amount`` in full as people read it in ``lang``: ``$1,893,350,000.00`` in English; in
    Japanese, as the press writes it, ``1,993億円``, ``1兆551億円``, ``18億9,335万ドル``."""
    if lang == "ja":
        return format_money_ja(amount, currency)
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale="en_US")


#: The Japanese units: 万 (10^4), 億 (10^8), 兆 (10^12). 京 (10^16) and up are not used: readers
#: and hostcost's grammar write 1万兆 as 10,000兆.
_JA_UNITS = ((12, "兆"), (8, "億"), (4, "万"))
#: How a currency is written in Japanese: after the figure (円, ドル, ウォン), or its symbol or
#: code before it. Each is a form hostcost's amount grammar reads back.
_JA_AFTER = {"JPY": "円", "USD": "ドル", "KRW": "ウォン"}
_JA_BEFORE = {"EUR": "€", "GBP": "£"}


def currency_unit(currency: str) -> str:
    """How a figure in ``currency`` ends in Japanese: ``円``, ``ドル``, ``ウォン``, else `` EUR``."""
    return _JA_AFTER.get(currency, f" {currency}")


@exactly
def format_money_ja(amount: Decimal, currency: str) -> str:
    """``amount`` exactly, the Japanese press's way: four-digit groups in 兆, 億 and 万, each
    grouped with commas, zero groups left out (``390万7,778円``, ``1兆551億円``, ``2,110億円``,
    ``3万5,062.04ドル``). Dollars are written in ドル too, so that a Japanese row reads in one
    number system. Units left over below 万 must fill its four places (``390万7,778円``): a
    shorter group (``369万741円``) is what hostcost's grammar refuses as two readings (369.0741万
    or 3,690,741), so such a figure is written out in full (``3,690,741円``)."""
    from babel.numbers import format_decimal, get_currency_precision

    places = get_currency_precision(currency)
    amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    sign = "-" if amount < 0 else ""
    units, fraction = divmod(abs(amount), 1)
    whole = int(units)
    decimals = "." + "0" * places if fraction else ""
    parts: list[str] = []
    rest, lowest = whole, None
    for power, unit in _JA_UNITS:
        group, rest = divmod(rest, 10**power)
        if group:
            parts.append(format_decimal(group, format="#,##0", locale="ja_JP") + unit)
            lowest = power
    if rest or fraction or not parts:
        if parts and (lowest != 4 or rest < 1000):  # a bare group that could be read two ways
            parts = []
            rest = whole
        parts.append(format_decimal(Decimal(rest) + fraction, format="#,##0" + decimals, locale="ja_JP"))
    text = sign + "".join(parts)
    if currency in _JA_AFTER:
        return text + _JA_AFTER[currency]
    before = _JA_BEFORE.get(currency, currency + " ")
    return f"{sign}{before}{text[len(sign) :]}"


def _places(value: Decimal, digits: int) -> int:
    """How many decimals give ``value`` ``digits`` significant figures (none past the point for
    a figure of that many digits or more)."""
    return max(0, digits - (value.adjusted() + 1)) if value else 0


@exactly
def short_money(amount: Decimal, currency: str, digits: int = SHORT_DIGITS, lang: str = "en") -> str:
    """``amount`` to ``digits`` significant figures or more: compact from a million (``$1.89B``,
    ``¥199B``), in whole units below it (``$35,062``), never finer than the currency's minor
    unit; in Japanese, the press's form of the rounded figure (``18億9,000万ドル``)."""
    from babel.numbers import format_compact_currency, format_currency, get_currency_precision

    minor = get_currency_precision(currency)
    size = abs(amount)
    if lang == "ja":
        if size < _COMPACT_FROM:  # whole units, or to the minor unit (as in English)
            step = Decimal(1).scaleb(-min(minor, _places(size, digits)))
        else:
            step = Decimal(1).scaleb(size.adjusted() + 1 - digits)
        rounded = (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_EVEN) * step
        return format_money_ja(rounded, currency)
    if size < _COMPACT_FROM:
        places = min(minor, _places(size, digits))
        pattern = "¤#,##0" + ("." + "#" * places if places else "")
        return format_currency(amount, currency, format=pattern, locale="en_US", currency_digits=False)
    scale = 3 * min(4, size.adjusted() // 3)  # K, M, B, T
    places = _places(size.scaleb(-scale), digits)
    return format_compact_currency(amount, currency, locale="en_US", fraction_digits=places)


@exactly
def format_compact(amount: Decimal, currency: str, locale: str = "en_US") -> str:
    """``amount`` in compact form, to three significant digits or so: ``$1.9B``, ``¥199.3B``."""
    from babel.numbers import format_compact_currency

    return format_compact_currency(amount, currency, locale=locale, fraction_digits=2)


@exactly
def format_number(value: Decimal, places: int = 4, locale: str = "en_US") -> str:
    """A plain number with grouping and up to ``places`` decimals: ``105.2632``."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0." + "#" * places, locale=locale)


@exactly
def format_percent(fraction: Decimal, places: int, lang: str = "en") -> str:
    """``fraction`` as a percent with exactly ``places`` decimals: ``64.58%``, ``0.50%``."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(fraction * 100, format=pattern, locale="en_US") + "%"


# -- a column's figures, written alike --------------------------------------------------------


def only_currencies(t: DisplayTable, currencies: Sequence[str]) -> DisplayTable:
    """``t`` with only the figures of ``currencies`` (all of them when it names none)."""
    if not currencies:
        return t
    return replace(t, rows=tuple(tuple(_only(cell, currencies) for cell in row) for row in t.rows))


def _only(cell: tuple, currencies: Sequence[str]) -> tuple:
    """``cell`` without the figures of other currencies (a cell of figures keeps at least one)."""
    kept = tuple(x for x in cell if not isinstance(x, Figure) or x.currency in currencies)
    return kept if kept else cell[:1]


def _distinct(values: Sequence[Any], write) -> bool:
    return len({write(v) for v in values}) == len(set(values))


def money_writer(amounts: Iterable[Decimal], currency: str, short: bool, lang: str) -> Callable[[Decimal], str]:
    """How to write the figures of one column in ``currency``: in full, or short with the fewest
    significant figures (three or more) that keep different figures different."""
    values = sorted(set(amounts))
    if short:
        for digits in range(SHORT_DIGITS, _MOST_DIGITS + 1):
            write = partial(short_money, currency=currency, digits=digits, lang=lang)
            if _distinct(values, write):
                return write
    return partial(format_money, currency=currency, lang=lang)


def percent_places(fractions: Iterable[Percent], short: bool) -> int:
    """The decimals of one column's percents: in full, as many as the most exact needs (up to
    each one's ``places``); short, whole percents from 10% (``65%``), one decimal below
    (``5.3%``, ``0.5%``; as many as a first figure needs below 0.1%), or each one's exact
    value if shorter; and as many more as keep different percents apart and keep any from
    reading as 0% or 100% when it is not."""
    cells = list(fractions)
    cap = max((p.places for p in cells), default=0)

    def exact(p: Percent) -> int:
        return min(p.places, max(0, -exponent((p.fraction * 100).normalize())))

    if not short:
        return max((exact(p) for p in cells), default=0)

    def enough(p: Percent) -> int:
        size = abs(p.fraction * 100)
        return 0 if size >= 10 or not size else max(1, -size.adjusted())

    least = max((min(exact(p), enough(p)) for p in cells), default=0)
    values = [p.fraction for p in cells]

    def false_round(v: Decimal, places: int) -> bool:
        shown = Decimal(format_percent(v, places).rstrip("%").replace(",", ""))
        return shown in (0, 100, -100) and shown != v * 100

    for places in range(least, cap + 1):
        if _distinct(values, partial(format_percent, places=places)) and not any(
            false_round(v, places) for v in values
        ):
            return places
    return cap


@exactly
def written(t: DisplayTable, style: Style) -> DisplayTable:
    """``t`` with every :class:`Figure` and :class:`Percent` written as text, alike down each
    column: money in each currency to the same rule (short or full), percents to the same
    decimals; only the figures of ``style.currencies`` where it names any. A table with short
    figures says so in its caption."""
    short, lang = style.figures == "short", style.lang
    t = only_currencies(t, style.currencies)
    columns = [row[1:] for row in t.rows] if t.across else list(zip(*t.rows)) if t.rows else []
    writers: list[dict[str, Any]] = []
    shortened = False
    for cells in columns:
        lines = [line for cell in cells for line in cell]
        by_currency: dict[str, list[Figure]] = {}
        for line in lines:
            if isinstance(line, Figure) and not line.given:
                by_currency.setdefault(line.currency, []).append(line)
        column: dict[str, Any] = {}
        for currency, figs in by_currency.items():
            column[currency] = money_writer((f.amount for f in figs), currency, short, lang)
            shortened = shortened or short
        column["%"] = percent_places([x for x in lines if isinstance(x, Percent)], short)
        writers.append(column)

    def line_text(line: Any, column: dict[str, Any]) -> str:
        if isinstance(line, Figure):
            text = format_money(line.amount, line.currency, lang) if line.given else column[line.currency](line.amount)
            return "+" + text if line.sign and line.amount > 0 else text
        if isinstance(line, Percent):
            text = format_percent(line.fraction, column["%"], lang)
            return tr("{percent}" + line.suffix, lang, percent=text) if line.suffix else text
        return line

    rows = tuple(
        tuple(tuple(line_text(x, writers[n if t.across else i]) for x in cell) for i, cell in enumerate(row))
        for n, row in enumerate(t.rows)
    )
    caption = t.caption
    if shortened:
        note = tr(SHORT_NOTE, lang)
        caption = f"{caption}\n{note}" if caption else note
    return replace(t, rows=rows, caption=caption)
