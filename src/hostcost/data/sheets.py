"""Rows from a spreadsheet (``hostcost batch cases.xlsx``), read with openpyxl, imported only here.

A cell becomes the text a user would have typed for it: a whole number without its ``.0``, a
percent-formatted cell as a percent (``0.75`` shown as 75% is ``75%``, never the fraction a share
would refuse), a cell in a currency format with its symbol (``¥128,700,000,000`` is
``¥128700000000``), a date as ``YYYY-MM-DD``. Formulas are read as the values Excel saved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

from hostcost.core.rows import Row
from hostcost.errors import InputError, MissingExtra

#: Currency symbols a number format may carry, and the symbol written before the figure.
_SYMBOLS = (("¥", "¥"), ("￥", "¥"), ("$", "$"), ("€", "€"), ("£", "£"), ("₩", "₩"))


def cell_text(value: object, number_format: str = "General") -> str:
    """What a user would have typed for a cell holding ``value`` shown with ``number_format``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        fmt = re.sub(r'"[^"]*"|\[[^]]*\]|\\.', lambda m: m.group() if "$" in m.group() else "", number_format)
        if "%" in fmt:
            return format((number * 100).normalize(), "f") + "%"
        text = format(number.normalize(), "f") if number == number.to_integral() else format(number, "f")
        symbol = next((sign for mark, sign in _SYMBOLS if mark in number_format), "")
        return ("-" + symbol + text[1:]) if symbol and text.startswith("-") else symbol + text
    return str(value)


def read_sheet(path: str, sheet: str | None = None) -> tuple[list[str], Iterator[Row]]:
    """The header (the first row) and the rows of ``sheet`` in the workbook at ``path`` (its
    first sheet when None), each row as it is read."""
    try:
        import openpyxl
    except ImportError:
        raise MissingExtra("reading .xlsx needs openpyxl, which is not installed; pip install openpyxl") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(f"FILE {path}: no such file") from None
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(f"FILE {path}: not an .xlsx workbook ({type(e).__name__})") from None
    if sheet is not None and sheet not in book.sheetnames:
        raise InputError(f"--sheet {sheet!r}: {path} has no such sheet; it has {', '.join(book.sheetnames)}")
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    rows = ws.iter_rows()
    first = next(rows, None)
    header = [cell_text(c.value).strip() for c in first] if first else []
    while header and not header[-1]:
        header.pop()

    def read() -> Iterator[Row]:
        number = 0
        for n, cells in enumerate(rows, start=2):
            texts = [cell_text(c.value, c.number_format or "General") for c in cells]
            if not any(t.strip() for t in texts):
                continue
            number += 1
            extra = [t for t in texts[len(header) :] if t.strip()]
            if extra:
                problem = Row(number, n, {}).error(f"{len(header) + len(extra)} cells under {len(header)} columns")
                yield Row(number, n, {}, problem=str(problem))
                continue
            yield Row(number, n, dict(zip(header, texts)))
        book.close()

    return header, read()
