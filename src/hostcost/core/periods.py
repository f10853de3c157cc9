"""Periods a rate or a price index is taken over: a year, a month, a Japanese fiscal year, a span
of months, or a day (README, "Rates by period").

    2024                a calendar year
    2024-06             a month
    FY2024              a Japanese fiscal year: April 2024 to March 2025
    2022-01..2022-03    a span of months, ends included
    2022-01-07          a day
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from hostcost.errors import InputError

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EXPECTED = "expected a year (2024), a month (2024-06), a fiscal year (FY2024), a span (2022-01..2022-03) or a day"
#: The earliest and latest year a period may name.
FIRST_YEAR, LAST_YEAR = 1900, 2100

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True, order=True)
class Period:
    """A period. ``kind`` is year, month, fy, span or day; ``first`` and ``last`` are its months
    (a day's month for a day); ``day`` is the day, for a day."""

    kind: str
    first: Month
    last: Month
    day: date | None = None

    @property
    def text(self) -> str:
        """As it is written: ``2024``, ``2024-06``, ``FY2024``, ``2022-01..2022-03``, ``2022-01-07``."""
        if self.kind == "year":
            return str(self.first[0])
        if self.kind == "fy":
            return f"FY{self.first[0]}"
        if self.kind == "day" and self.day is not None:
            return self.day.isoformat()
        if self.kind == "month":
            return month_text(self.first)
        return f"{month_text(self.first)}..{month_text(self.last)}"

    @property
    def year(self) -> int:
        """The year the period is in, for prices: a fiscal year's own (FY2024: 2024), a span's first."""
        return self.first[0]

    def months(self) -> list[Month]:
        """Every month of the period, in order."""
        out, (y, m) = [], self.first
        while (y, m) <= self.last:
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    @property
    def span_words(self) -> str:
        """The months in words: ``Apr 2024–Mar 2025``, ``Jan–Mar 2022``."""
        (y1, m1), (y2, m2) = self.first, self.last
        if y1 == y2:
            return f"{MONTHS[m1 - 1]}–{MONTHS[m2 - 1]} {y1}"
        return f"{MONTHS[m1 - 1]} {y1}–{MONTHS[m2 - 1]} {y2}"


def month_text(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def year(y: int) -> Period:
    return Period("year", (y, 1), (y, 12))


def fiscal_year(y: int) -> Period:
    """A Japanese fiscal year: April of ``y`` to March of ``y + 1``."""
    return Period("fy", (y, 4), (y + 1, 3))


def month(y: int, m: int) -> Period:
    return Period("month", (y, m), (y, m))


def day(d: date) -> Period:
    return Period("day", (d.year, d.month), (d.year, d.month), d)


_YEAR = re.compile(r"(\d{4})")
_FY = re.compile(r"FY\s?(\d{4})", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _check_year(y: int, text: str) -> int:
    if not FIRST_YEAR <= y <= LAST_YEAR:
        raise InputError(f"{text!r}: {y} is not a year hostcost takes ({FIRST_YEAR} to {LAST_YEAR})")
    return y


def _month_of(m: re.Match, text: str) -> Month:
    y, mo = _check_year(int(m.group(1)), text), int(m.group(2))
    if not 1 <= mo <= 12:
        raise InputError(f"{text!r}: there is no month {mo}; {EXPECTED}")
    return y, mo


def parse_period(text: str) -> Period:
    """A period as written (see the module's docstring); :class:`InputError` says what was
    expected. ``²⁰²⁴`` and other digits that normalisation would fold are refused."""
    from hostcost.core.amounts import refuse_folded_digits, shorten

    refuse_folded_digits(text)
    body = unicodedata.normalize("NFKC", text).strip()
    if not body.isascii():
        raise InputError(f"{shorten(text)} is not a period; {EXPECTED}")
    if m := _YEAR.fullmatch(body):
        return year(_check_year(int(m.group(1)), text))
    if m := _FY.fullmatch(body):
        return fiscal_year(_check_year(int(m.group(1)), text))
    if m := _MONTH.fullmatch(body):
        return month(*_month_of(m, text))
    if m := _DAY.fullmatch(body):
        try:
            return day(date(_check_year(int(m.group(1)), text), int(m.group(2)), int(m.group(3))))
        except ValueError:
            raise InputError(f"{shorten(text)} is not a day of the calendar; {EXPECTED}") from None
    first, sep, last = body.partition("..")
    if sep:
        a, b = _MONTH.fullmatch(first.strip()), _MONTH.fullmatch(last.strip())
        if not (a and b):
            raise InputError(f"{shorten(text)}: a span is two months, such as 2022-01..2022-03")
        start, end = _month_of(a, text), _month_of(b, text)
        if end < start:
            raise InputError(f"{shorten(text)}: the span ends before it starts; write the earlier month first")
        return Period("span", start, end)
    raise InputError(f"{shorten(text)} is not a period; {EXPECTED}")
