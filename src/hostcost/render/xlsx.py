"""Spreadsheets (``-o FILE.xlsx``), written with XlsxWriter, imported only here.

A workbook holds one sheet per display table, the command's machine rows (the columns of
``-f tsv``) on a sheet of their own, and a Notes sheet: the rate, its period and source, the
sources of the figures and the rounding rule (each table's notes). Money is always a number,
never text, with its currency's format (``"$"#,##0.00``, ``"¥"#,##0``); shares and percents are
numbers with percent formats. ``batch`` writes its rows as they come, in constant memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from hostcost.views import DisplayTable, Figure, Percent

#: Excel keeps 15 significant digits of a number (a double).
EXCEL_DIGITS = 15
#: The longest text a cell holds.
_CELL_TEXT = 32767
#: The machine columns that hold a fraction (shown as a percent).
_FRACTIONS = frozenset({"host_share", "vs_baseline_ratio", "markup", "variable", "ratio"})
ROUNDING = (
    "Rounding: each figure is exact, rounded once, half to even, to its currency's minor unit (cents, "
    "whole yen); the cells hold those figures, and their formats show them in full."
)


class Book:
    """A workbook being written to ``out``: its formats, made once each, and its sheet names."""

    def __init__(self, out: BinaryIO, constant_memory: bool = False) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(out, {"constant_memory": constant_memory, "strings_to_formulas": False})
        self.formats: dict[Any, Any] = {}
        self.names: set[str] = set()
        self.notes: list[tuple[str, str]] = []
        self.inexact = False
        self.money_formats: list[Any] = []

    def fmt(self, key: Any, **props: Any):
        if key not in self.formats:
            self.formats[key] = self.book.add_format(props)
        return self.formats[key]

    def money(self, currency: str):
        from babel.numbers import get_currency_precision, get_currency_symbol

        places = get_currency_precision(currency)
        symbol = get_currency_symbol(currency, locale="en_US")
        pattern = f'"{symbol}"#,##0' + ("." + "0" * places if places else "")
        fmt = self.fmt(("money", currency), num_format=f"{pattern};-{pattern}", valign="top")
        self.money_formats.append(fmt)
        return fmt

    def percent(self, places: int):
        return self.fmt(
            ("percent", places), num_format="0" + ("." + "0" * places if places else "") + "%", valign="top"
        )

    def sheet(self, title: str):
        """A new sheet named for ``title`` (shortened to Excel's 31 characters, without the
        characters Excel refuses, and told apart from the others)."""
        base = re.sub(r"\s+", " ", re.sub(r"[\[\]:*?/\\]", " ", title)).strip(" '")
        if len(base) > 31:  # at a word's end, without a parenthesis left open
            base = base[:31].rsplit(" ", 1)[0].split(" (")[0].rstrip(" ,;:")
        base = base or "Sheet"
        name, n = base, 1
        while name.lower() in self.names:
            n += 1
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
        self.names.add(name.lower())
        return self.book.add_worksheet(name)

    def number(self, sheet, row: int, col: int, value: Decimal, fmt, money: bool = False) -> None:
        """``value`` as a number; the Notes sheet says so if Excel cannot hold a figure of money
        exactly (a ratio is a ratio: its last digits are not money)."""
        number = float(value)
        if money and not self.inexact and Decimal(repr(number)) != value:
            self.inexact = True
        sheet.write_number(row, col, number, fmt)

    def text(self, sheet, row: int, col: int, value: str, fmt=None) -> None:
        sheet.write_string(row, col, value[:_CELL_TEXT], fmt)

    def close(self) -> None:
        sheet = self.sheet("Notes")
        bold = self.fmt("bold", bold=True)
        wrap = self.fmt("wrap", text_wrap=True, valign="top")
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 110)
        rows = [*self.notes, ("Rounding", ROUNDING)]
        if self.inexact:
            rows.append(
                (
                    "Digits",
                    f"Some figures have more than {EXCEL_DIGITS} significant digits, which Excel does not keep; "
                    "-f csv and -f json hold them exactly.",
                )
            )
        for n, (about, note) in enumerate(rows):
            self.text(sheet, n, 0, about, bold)
            self.text(sheet, n, 1, note, wrap)
        self.book.close()


# -- display tables ---------------------------------------------------------------------------


def _kind(line: Any) -> tuple:
    if isinstance(line, Figure):
        return ("money", line.currency)
    if isinstance(line, Percent):
        return ("percent",)
    return ("text",)


def _slots(cells: Iterable[Sequence[Any]]) -> list[tuple]:
    """The kinds of line a column holds, in the order they first appear: one sheet column each
    (an empty line, as a total row leaves, is none)."""
    return list(dict.fromkeys(_kind(line) for cell in cells for line in cell if line != ""))


def _named(header: str, slot: tuple, several: bool) -> str:
    if slot[0] == "money":
        return f"{header} ({slot[1]})".strip()
    if slot[0] == "percent" and several:
        return f"{header} (%)".strip()
    return header


def _grid(t: DisplayTable) -> tuple[list[str], list[list[Any]]]:
    """``t`` as a grid of single values, each line of a cell in a column (or, side by side, a
    row) of its kind: a figure in each currency, a percent, text (shown safely)."""
    from hostcost.render.text import shown

    if t.across:  # the figures run along each row: a row of the sheet for each kind of line
        heads = [c.header for c in t.columns]
        grid = []
        for row in t.rows:
            label = shown(" ".join(x for x in row[0] if isinstance(x, str)))
            slots = _slots(row[1:])
            for slot in slots:
                values = [next((x for x in cell if _kind(x) == slot), None) for cell in row[1:]]
                grid.append([_named(label, slot, len(slots) > 1), *values])
        return heads, grid
    columns = [_slots(cell[i] for cell in t.rows) or [("text",)] for i in range(len(t.columns))]
    heads = [_named(c.header, slot, len(s) > 1) for c, s in zip(t.columns, columns) for slot in s]
    grid = []
    for row in t.rows:
        out: list[Any] = []
        for cell, slots in zip(row, columns):
            for slot in slots:
                if slot == ("text",):
                    texts = [shown(x) for x in cell if isinstance(x, str) and x]
                    out.append("\n".join(texts) if texts else None)
                else:
                    out.append(next((x for x in cell if _kind(x) == slot), None))
        grid.append(out)
    return heads, grid


def write_view(view, out: BinaryIO, style) -> None:
    """A command's result (a :class:`~hostcost.views.View`) as a workbook in ``style``: its
    tables, its machine rows, its notes."""
    from hostcost.render.text import shown
    from hostcost.views.format import only_currencies

    book = Book(out)
    write_tables(book, [only_currencies(t, style.currencies) for t in view.typed(style.lang)])
    for _ in sheet_rows(book, view.header(), view.rows()):
        pass
    sources = view.document().get("sources", [])  # the source of every figure, as -f json lists them
    book.notes += [
        (shown(f"Source: {s['figure']}"), shown(s["source"]))
        for s in sources
        if isinstance(s, dict) and {"figure", "source"} <= set(s)
    ]
    book.close()


def write_tables(book: Book, tables: Sequence[DisplayTable]) -> None:
    """One sheet a table: its title, its heads, its rows (totals in bold), columns sized to fit."""
    from hostcost.render.text import shown
    from hostcost.views.format import percent_places

    bold = book.fmt("bold", bold=True)
    title_fmt = book.fmt("title", bold=True, font_size=13)
    head_fmt = book.fmt("head", bold=True, bottom=1, text_wrap=True, valign="bottom")
    wrap = book.fmt("wrap", text_wrap=True, valign="top")
    for t in tables:
        heads, grid = _grid(t)
        places = percent_places([x for row in grid for x in row if isinstance(x, Percent)], False)
        sheet = book.sheet(t.title)
        book.text(sheet, 0, 0, shown(t.title), title_fmt)
        for col, head in enumerate(heads):
            book.text(sheet, 2, col, shown(head), head_fmt)
        widths = [min(60, max(10, len(h) + 2)) for h in heads]
        for n, row in enumerate(grid):
            r = 3 + n
            lines = max((str(v).count("\n") + 1 for v in row if isinstance(v, str)), default=1)
            if lines > 1:
                sheet.set_row(r, 15 * lines)  # a label and its long name, each on a line of its own
            total = t.footer_rows and n >= len(grid) - t.footer_rows
            for col, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, Figure):
                    book.number(sheet, r, col, value.amount, book.money(value.currency), money=True)
                    widths[col] = max(widths[col], 16)
                elif isinstance(value, Percent):
                    book.number(sheet, r, col, value.fraction, book.percent(places))
                else:
                    text = str(value)
                    book.text(sheet, r, col, text, bold if total else wrap)
                    widths[col] = min(60, max(widths[col], *(len(x) + 2 for x in text.split("\n"))))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(3, 1)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)  # printed, as wide as one page
        for line in t.caption.splitlines():
            if line:
                book.notes.append((shown(t.title), shown(line)))


# -- machine rows -----------------------------------------------------------------------------


def _column_format(book: Book, name: str):
    """The format of a machine column, by its name: a currency's (``total_USD``), a percent's
    (``host_share``), a rate's (``JPY_per_USD``), or none."""
    from hostcost.core.amounts import is_iso_currency

    head, _, code = name.rpartition("_")
    if name.endswith("_per_USD"):
        return book.fmt("rate", num_format="#,##0.0000##")
    if head and is_iso_currency(code) and code.isupper():
        return book.money(code)
    if name in _FRACTIONS:
        return book.percent(2)
    return None


def sheet_rows(book: Book, header: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "Data") -> Iterable[None]:
    """The machine rows on one sheet, a row at a time (yielding after each), so that a batch is
    written as it comes: numbers as numbers in their column's format, text as text."""
    from hostcost.render.text import shown

    sheet = book.sheet(title)
    head_fmt = book.fmt("head", bold=True, bottom=1, text_wrap=True, valign="bottom")
    formats = [_column_format(book, name) for name in header]
    for col, name in enumerate(header):
        book.text(sheet, 0, col, name, head_fmt)
        sheet.set_column(col, col, max(10, min(24, len(name) + 2)))
    sheet.freeze_panes(1, 1)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, col, value)
            elif isinstance(value, (Decimal, int)):
                book.number(sheet, r, col, Decimal(value), formats[col], money=formats[col] in book.money_formats)
            else:
                book.text(sheet, r, col, shown(str(value)))
        yield None
