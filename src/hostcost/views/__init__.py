"""Each command's result as a :class:`View`: machine rows, a JSON document and display tables.

A View is what the writers in :mod:`hostcost.render` take. Its parts are functions, built only
when their format is asked for, so JSON output never loads Babel or rich. Display tables are
built in the language asked for (:mod:`hostcost.views.i18n`); machine rows and the document are
the same in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # right-aligned (figures)
    wrap: bool = False  # prose that may wrap; figures never do


@dataclass(frozen=True)
class DisplayTable:
    """A table of formatted text: each cell is one or more lines (one per currency, say)."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[tuple[str, ...], ...], ...]
    caption: str = ""
    footer_rows: int = 0  # how many of the last rows are totals

    def records(self) -> list[DisplayTable]:
        """The same figures as one two-column table per row, for screens too narrow for the whole."""
        out = []
        for row in self.rows:
            fields = tuple((c.header,) for c in self.columns[1:])
            out.append(
                DisplayTable(
                    f"{self.title}: {row[0][0]}", (Column(""), Column("", right=True)), tuple(zip(fields, row[1:])), ""
                )
            )
        return out


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

    def display(self, lang: str) -> list[DisplayTable]:
        """The tables in ``lang``: built in it, and their titles, column heads and row labels
        looked up in its catalogue."""
        return [translated(t, lang) for t in self.tables(lang)]


def translated(t: DisplayTable, lang: str) -> DisplayTable:
    """``t`` with its title, column heads and row labels (the first line of a row's first cell)
    in ``lang``, where the catalogue has them."""
    if lang == "en":
        return t
    from hostcost.views.i18n import translate

    columns = tuple(replace(c, header=translate(c.header, lang)) for c in t.columns)
    rows = tuple(((*(translate(x, lang) for x in row[0][:1]), *row[0][1:]), *row[1:]) if row else row for row in t.rows)
    return replace(t, title=translate(t.title, lang), columns=columns, rows=rows)
