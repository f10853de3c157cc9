"""Each command's result as a :class:`View`: machine rows, a JSON document and display tables.

A View is what the writers in :mod:`hostcost.render` take. Its parts are functions, built only
when their format is asked for, so JSON output never loads Babel or rich. Display tables are
built in the language asked for (:mod:`hostcost.views.i18n`); machine rows and the document are
the same in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

FIGURES = ("short", "full")


@dataclass(frozen=True)
class Figure:
    """A money figure in a display table, kept exact until the table is shown: then it is
    written short or in full (``--figures``), alike with the other figures of its column."""

    amount: Decimal
    currency: str
    sign: bool = False  # "+" in front of a positive figure (a difference)
    given: bool = False  # an amount as the user gave it: always in full, as it was written


@dataclass(frozen=True)
class Percent:
    """A fraction shown as a percent, with as many decimals as the others of its column
    (at most ``places``), and any text after it (``" of baseline"``)."""

    fraction: Decimal
    places: int = 2
    suffix: str = ""


#: One line of a cell: text, or a figure written when the table is shown.
Line = str | Figure | Percent


@dataclass(frozen=True)
class Style:
    """How display tables are shown, declared once for every writer: the language, figures
    short or full (``--figures``), the currencies shown (``--currency-shown``; all when empty)
    and, on a terminal, one card a row (``--records``)."""

    lang: str = "en"
    figures: str = "short"
    currencies: tuple[str, ...] = ()
    records: bool = False


#: The style of a table when none is asked for: English, short figures, every currency.
PLAIN = Style()


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # right-aligned (figures)
    wrap: bool = False  # prose that may wrap; figures never do
    optional: bool = False  # left out, with a note, where the table would not fit otherwise


@dataclass(frozen=True)
class DisplayTable:
    """A table: each cell is one or more lines (one per currency, say), each text or a
    :class:`Figure` or :class:`Percent` (written by :func:`hostcost.views.format.written`)."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[tuple[Any, ...], ...], ...]
    caption: str = ""
    footer_rows: int = 0  # how many of the last rows are totals
    across: bool = False  # figures are alike along each row, not down each column (side by side)

    def records(self) -> list[DisplayTable]:
        """The same figures as one two-column table per row, for screens too narrow for the whole."""
        prose = any(c.wrap for c in self.columns[1:])
        columns = (Column("", wrap=True), Column("", right=not prose, wrap=prose))
        fields = tuple((c.header,) for c in self.columns[1:])
        return [
            DisplayTable(f"{self.title}: {row[0][0]}", columns, tuple(zip(fields, row[1:])), "") for row in self.rows
        ]


def _no_tables(lang: str) -> Sequence[DisplayTable]:
    return ()


@dataclass(frozen=True)
class View:
    """One command's result, ready for any format: ``header`` and ``rows`` for tsv and csv (raw
    numbers), ``document`` for json, and ``tables(lang)`` for a terminal, markdown and exports."""

    header: Callable[[], Sequence[str]]
    rows: Callable[[], Iterable[Sequence[Any]]]
    document: Callable[[], dict]
    tables: Callable[[str], Sequence[DisplayTable]] = field(default=_no_tables)

    def display(self, style: Style = PLAIN) -> list[DisplayTable]:
        """The tables as text in ``style``: built in its language, their titles, column heads
        and row labels looked up in its catalogue, and their figures written short or in full."""
        from hostcost.views.format import written

        return [written(t, style) for t in self.typed(style.lang)]

    def typed(self, lang: str) -> list[DisplayTable]:
        """The tables in ``lang`` with their figures still numbers (for a spreadsheet)."""
        return [translated(t, lang) for t in self.tables(lang)]


def translated(t: DisplayTable, lang: str) -> DisplayTable:
    """``t`` with its title, column heads and row labels (the first line of a row's first cell)
    in ``lang``, where the catalogue has them."""
    if lang == "en":
        return t
    from hostcost.views.i18n import translate

    columns = tuple(replace(c, header=translate(c.header, lang)) for c in t.columns)

    def label(cell: tuple) -> tuple:
        return (*(translate(x, lang) if isinstance(x, str) else x for x in cell[:1]), *cell[1:])

    rows = tuple((label(row[0]), *row[1:]) if row else row for row in t.rows)
    return replace(t, title=translate(t.title, lang), columns=columns, rows=rows)
