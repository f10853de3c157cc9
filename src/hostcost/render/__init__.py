"""Writers for every output format: table, tsv, csv, json, markdown, and the table exported as
svg, html or plain text.

A command's result reaches here as a :class:`View`: machine rows (raw numbers, for tsv and csv),
a JSON document, and display tables (formatted figures, for the terminal and markdown). Each part
is built only when its format is asked for, so JSON output never loads Babel or rich.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, TextIO

FORMATS = ("table", "tsv", "csv", "json", "markdown", "svg", "html", "txt")
#: The format a file's extension asks for (``--output``).
EXTENSIONS = {
    ".svg": "svg",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".txt": "txt",
}


@dataclass(frozen=True)
class Env:
    """Where output goes and what the environment says about it (injectable for tests)."""

    stdout: TextIO
    stderr: TextIO
    environ: Mapping[str, str]

    @classmethod
    def current(cls) -> Env:
        return cls(sys.stdout, sys.stderr, os.environ)

    @property
    def is_terminal(self) -> bool:
        isatty = getattr(self.stdout, "isatty", None)
        return bool(isatty and isatty())

    @property
    def colour(self) -> bool:
        return self.is_terminal and not self.environ.get("NO_COLOR") and self.environ.get("TERM") != "dumb"

    def default_format(self) -> str:
        return "table" if self.is_terminal else "tsv"


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


@dataclass(frozen=True)
class View:
    """One command's result, ready for any format."""

    header: Callable[[], Sequence[str]]
    rows: Callable[[], Iterable[Sequence[Any]]]
    document: Callable[[], dict]
    tables: Callable[[], Sequence[DisplayTable]] = field(default=lambda: ())


def emit(view: View, fmt: str | None, env: Env, lang: str = "en") -> None:
    """Write ``view`` to ``env.stdout`` in ``fmt`` (the terminal's default when None); tables in
    ``lang``."""
    fmt = fmt or env.default_format()
    out = env.stdout
    if fmt == "json":
        out.write(to_json(view.document()) + "\n")
    elif fmt in ("tsv", "csv"):
        write_delimited(view.header(), view.rows(), out, "\t" if fmt == "tsv" else ",")
    else:
        from hostcost.views.i18n import language

        with language(lang):
            tables = [localised(t) for t in view.tables()]
        if fmt == "markdown":
            out.write(to_markdown(tables))
        elif fmt in ("svg", "html", "txt"):
            out.write(export_tables(tables, fmt))
        else:
            print_tables(tables, env)
    out.flush()


def localised(t: DisplayTable) -> DisplayTable:
    """``t`` ready to show: its title, column heads and row labels in the display language in
    force, and every text made safe to show (:func:`shown`: a label from a flag or a file cannot
    move the cursor, colour the screen or reorder the line)."""
    from hostcost.views.i18n import translate

    columns = tuple(replace(c, header=shown(translate(c.header))) for c in t.columns)
    rows = tuple(
        (
            (*(shown(translate(x)) for x in row[0][:1]), *map(shown, row[0][1:])),
            *(tuple(map(shown, c)) for c in row[1:]),
        )
        if row
        else row
        for row in t.rows
    )
    caption = "\n".join(shown(line) for line in t.caption.split("\n"))
    return replace(t, title=shown(translate(t.title)), columns=columns, rows=rows, caption=caption)


#: Characters a label may carry that a terminal or a reader would not show as themselves:
#: control characters (ANSI escapes start with one), bidirectional controls (which reorder what
#: is shown), and the lone surrogates Python makes of bytes that are not UTF-8.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _escape(match: re.Match) -> str:
    c = match.group()
    if "\ud800" <= c <= "\udfff":  # a byte that was not UTF-8
        return "\ufffd"
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def shown(text: str) -> str:
    """``text`` as it can be shown safely: each control or bidirectional character as a visible
    escape (``\\x1b``, ``\\u202e``), an undecodable byte as U+FFFD."""
    return _UNSHOWABLE.sub(_escape, text)


def label_cell(text: str) -> str:
    """A label (a name, from a flag or a file) as a tsv or csv cell: shown safely, and with a ``'``
    in front if a spreadsheet would read it as a formula (``=HYPERLINK(…)`` -> ``'=HYPERLINK(…)``).
    Numbers are never labels: a negative figure stays a number."""
    text = shown(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def json_string(text: str) -> str:
    """``text`` as a JSON string that is valid UTF-8 whatever came in (an undecodable byte becomes
    U+FFFD), with every control and bidirectional character escaped (``\\u202e``), so that JSON
    shown on a terminal cannot move the cursor or reorder a line."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def raw(value: Any) -> str:
    """A machine cell: plain digits for numbers (no grouping, no symbol), empty for None; text
    (always a label) made safe by :func:`label_cell`."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return label_cell(value)
    return str(value)


def write_delimited(header: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO, sep: str) -> None:
    if sep == "\t":
        for row in (header, *rows):
            out.write("\t".join(raw(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([raw(v) for v in row] for row in rows)


def to_json(value: Any, indent: int = 2, level: int = 0) -> str:
    """JSON in which Decimals stay exact numbers (``1900000000.00``), never floats."""
    pad, end = "\n" + " " * indent * (level + 1), "\n" + " " * indent * level
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = (f"{pad}{to_json(str(k))}: {to_json(v, indent, level + 1)}" for k, v in value.items())
        return "{" + ",".join(items) + end + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + ",".join(pad + to_json(v, indent, level + 1) for v in value) + end + "]"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"no JSON number for {value}")
        return format(value, "f")
    if isinstance(value, str):
        return json_string(value)
    if value is None or isinstance(value, (bool, int)):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"no JSON for {type(value).__name__}")


#: Markdown's punctuation: escaped in every cell, so that a label shows as written.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~#])")


def _md(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text)


def to_markdown(tables: Sequence[DisplayTable]) -> str:
    def cell(lines: Sequence[str]) -> str:
        return "<br>".join(_md(line) for line in lines)

    parts = []
    for t in tables:
        lines = [
            f"**{_md(t.title)}**",
            "",
            "| " + " | ".join(_md(c.header) for c in t.columns) + " |",
            "|" + "|".join("---:" if c.right else "---" for c in t.columns) + "|",
        ]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in t.rows]
        if t.caption:
            lines += ["", *(_md(line) + "  " for line in t.caption.splitlines())]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def print_tables(tables: Sequence[DisplayTable], env: Env) -> None:
    """Print rich tables, each followed by its caption. No figure is ever cut or wrapped: a table
    too wide for the screen is shown a row at a time, and one still too wide is printed wider
    than the screen, for the terminal to wrap."""
    from rich.console import Console

    console = Console(
        file=env.stdout,
        force_terminal=env.is_terminal,
        no_color=not env.colour,
        color_system="auto" if env.colour else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    _print_tables(console, tables, env.colour)


#: rich's SVG template, without the web font it fetches: the font stack falls back to the
#: monospace fonts on the reader's machine, so an exported SVG works offline.
def _offline_svg_format() -> str:
    from rich._export_format import CONSOLE_SVG_FORMAT

    without = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S)
    fonts = '"Fira Code", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace'
    out = without.replace("font-family: Fira Code, monospace;", f"font-family: {fonts};")
    out = out.replace("font-family: arial;", "font-family: Arial, Helvetica, sans-serif;")
    out = out.replace("<!-- Generated with Rich https://www.textualize.io -->", "<!-- hostcost -->")
    if "@font-face" in out or "https://" in out:  # pragma: no cover - a rich release changed its template
        raise RuntimeError("rich's SVG template still fetches a font")
    return out


def export_tables(tables: Sequence[DisplayTable], fmt: str) -> str:
    """The tables as the terminal shows them, captions included, as an SVG image, an HTML page or
    plain text (``fmt``). Nothing is fetched when the file is opened: no web font, no script."""
    import io

    from rich.console import Console

    width = max([80, *(_width(t) for t in tables)])
    colour = fmt != "txt"
    console = Console(
        file=io.StringIO(),
        record=True,
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    _print_tables(console, tables, colour)
    if fmt == "svg":
        return console.export_svg(title="hostcost", code_format=_offline_svg_format())
    if fmt == "html":
        return console.export_html(inline_styles=True)
    return console.export_text()


def _print_tables(console, tables: Sequence[DisplayTable], colour: bool) -> None:
    from rich.text import Text

    screen = console.width
    for i, t in enumerate(tables):
        layout = [t] if _width(t) <= screen else t.records()
        for part in layout:
            console.width = max(screen, _width(part))
            if i or part is not layout[0]:
                console.print()
            console.print(_rich_table(part, colour))
        if t.caption:
            console.width = screen
            console.print(Text(t.caption, style="dim"))


def _width(t: DisplayTable) -> int:
    """The screen width a table needs so that no cell wraps: cells, one space either side, rules."""
    from rich.cells import cell_len

    widths = []
    for i, c in enumerate(t.columns):
        lines = [line for row in t.rows for line in row[i]]
        words = [*c.header.split(), *(w for line in lines for w in line.split())] if c.wrap else []
        cells = [] if c.wrap else [c.header, *lines]
        widths.append(max([0, *(cell_len(w) for w in words), *(cell_len(x) for x in cells)]))
    return sum(widths) + 3 * len(widths) + 1


def _rich_table(t: DisplayTable, colour: bool):
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(t.title, style="bold"),
        box=box.ROUNDED if colour else box.SQUARE,
        header_style="bold",
        show_header=any(c.header for c in t.columns),
    )
    for i, c in enumerate(t.columns):
        need = 0 if c.wrap else max((cell_len(line) for row in t.rows for line in row[i]), default=0)
        table.add_column(
            Text(c.header), justify="right" if c.right else "left", no_wrap=not c.wrap, min_width=need, overflow="fold"
        )
    for n, row in enumerate(t.rows):
        first, *rest = row
        label = Text(first[0] if first else "")
        for line in first[1:]:  # a label's second line (a category's long name) is set back
            label.append("\n" + line, style="dim")
        table.add_row(
            label,
            *(Text("\n".join(cell)) for cell in rest),
            end_section=n == len(t.rows) - t.footer_rows - 1 and t.footer_rows > 0,
        )
    return table
