"""Display tables as documents: an HTML page and an SVG drawing, light and printable.

Both carry what the terminal shows under a table (the rate, its period and source, the sources
of the figures, the rounding note), and neither fetches anything when opened: no script, no web
font, no image. The HTML is a real ``<table>`` (pasted into a word processor, it stays a table);
the SVG is text and lines, laid out here, which browsers and librsvg draw alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from html import escape

from hostcost.views import DisplayTable

_PAGE_STYLE = """
body { font-family: "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK JP", sans-serif; color: #111;
  background: #fff; margin: 2em; line-height: 1.35; }
table { border-collapse: collapse; margin: 0 0 0.6em 0; font-size: 10.5pt; }
caption { caption-side: top; text-align: left; font-weight: bold; font-size: 12pt; padding: 0 0 0.4em 0; }
th, td { padding: 0.25em 0.7em; vertical-align: top; border-bottom: 1px solid #ddd; }
thead th { border-bottom: 1.5px solid #333; text-align: left; }
tfoot td { border-top: 1.5px solid #333; font-weight: bold; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.sub { color: #555; }
.notes { font-size: 9pt; color: #333; max-width: 60em; margin: 0 0 2em 0; }
.notes p { margin: 0.15em 0; }
@media print { body { margin: 0; } table { page-break-inside: avoid; } }
""".strip()


def _cell(tag: str, lines: Sequence[str], right: bool, first: bool = False) -> str:
    """One cell: its lines on lines of their own; a row label's second line set back."""
    parts = [escape(line) for line in lines]
    if first and len(parts) > 1:
        parts = [parts[0], *(f'<span class="sub">{p}</span>' for p in parts[1:])]
    align = "right" if right else "left"
    cls = ' class="num"' if right else ""
    scope = ' scope="col"' if tag == "th" else ' scope="row"' if first else ""
    tag = "th" if first and tag == "td" else tag
    return f'<{tag}{cls}{scope} style="text-align: {align}">' + "<br>".join(parts) + f"</{tag}>"


def html_table(t: DisplayTable) -> str:
    """One table as HTML: its title as the caption, its totals in ``<tfoot>``."""
    head = "".join(_cell("th", (c.header,), c.right) for c in t.columns)

    def row(cells) -> str:
        return (
            "<tr>"
            + "".join(_cell("td", lines, c.right, first=i == 0) for i, (c, lines) in enumerate(zip(t.columns, cells)))
            + "</tr>"
        )

    body_rows = t.rows[: len(t.rows) - t.footer_rows]
    foot_rows = t.rows[len(t.rows) - t.footer_rows :] if t.footer_rows else ()
    foot = f"<tfoot>{''.join(row(r) for r in foot_rows)}</tfoot>" if foot_rows else ""
    return (
        f"<table>\n<caption>{escape(t.title)}</caption>\n<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{''.join(row(r) + chr(10) for r in body_rows)}</tbody>{foot}\n</table>"
    )


def html_tables(tables: Sequence[DisplayTable]) -> str:
    """The tables as HTML, each followed by its notes (for a page, or a notebook)."""
    parts = []
    for t in tables:
        notes = "".join(f"<p>{escape(line)}</p>" for line in t.caption.splitlines() if line)
        parts.append(html_table(t) + (f'\n<div class="notes">{notes}</div>' if notes else ""))
    return "\n".join(parts)


def to_html_page(tables: Sequence[DisplayTable], lang: str = "en") -> str:
    """The tables as one HTML page, each followed by its notes."""
    title = escape(tables[0].title if tables else "hostcost")
    body = html_tables(tables)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="hostcost">\n<title>{title}</title>\n'
        f"<style>\n{_PAGE_STYLE}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# -- SVG --------------------------------------------------------------------------------------

_FONT = '"DejaVu Sans", "Noto Sans", "Noto Sans CJK JP", Arial, Helvetica, sans-serif'
_SIZE, _TITLE_SIZE, _NOTE_SIZE = 13, 15, 11
_LINE, _NOTE_LINE = 18, 15
_PAD = 9  # either side of a cell's text
_NARROW = frozenset(".,:;'|!il()[]")


def text_width(text: str, size: float) -> float:
    """An estimate of ``text``'s width in pixels at ``size``, generous for the usual sans fonts
    (DejaVu Sans is among the widest), so that columns never overlap."""
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            em += 1.0
        elif ch == " ":
            em += 0.33
        elif ch in _NARROW:
            em += 0.34
        elif ch.isdigit():
            em += 0.64
        elif ch.isupper():
            em += 0.74
        else:
            em += 0.62
    return em * size


#: What a line of notes may break at: a run of spaces, a word, or any one wide character.
_PIECES = re.compile(r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|.")


def wrap_to(text: str, width: float, size: float) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels at ``size``: broken at spaces, or between
    any two wide (Japanese) characters, which need none; a word longer than a line has its own."""
    lines, line = [], ""
    for piece in _PIECES.findall(text):
        if line and not piece.isspace() and text_width(line + piece, size) > width:
            lines.append(line.rstrip())
            line = ""
        if line or not piece.isspace():
            line += piece
    return [*lines, line.rstrip()] if line.strip() or not lines else lines


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _svg_table(t: DisplayTable, y: float) -> tuple[list[str], float, float]:
    """The elements of one table drawn from ``y`` down, its width, and the ``y`` below it
    (notes not included)."""
    widths = []
    for i, c in enumerate(t.columns):
        lines = [line for row in t.rows for line in row[i]]
        bold = text_width(c.header, _SIZE) * 1.08
        widths.append(max([bold, *(text_width(x, _SIZE) for x in lines)]) + 2 * _PAD)
    width = sum(widths)
    out = [f'<text x="0" y="{y + _TITLE_SIZE:.1f}" class="title">{_attr(t.title)}</text>']
    y += _TITLE_SIZE + 10
    lefts = [sum(widths[:i]) for i in range(len(widths))]

    def cells(row: Sequence[Sequence[str]], top: float, cls: str) -> float:
        height = max(len(cell) for cell in row) * _LINE
        for i, (c, lines) in enumerate(zip(t.columns, row)):
            x = lefts[i] + widths[i] - _PAD if c.right else lefts[i] + _PAD
            anchor = ' text-anchor="end"' if c.right else ""
            for n, line in enumerate(lines):
                style = cls if not (i == 0 and n > 0 and cls == "cell") else "sub"
                out.append(
                    f'<text x="{x:.1f}" y="{top + (n + 1) * _LINE - 5:.1f}"{anchor} class="{style}">'
                    f"{_attr(line)}</text>"
                )
        return top + height + 4

    if any(c.header for c in t.columns):
        y = cells([(c.header,) for c in t.columns], y, "head")
        out.append(f'<line x1="0" y1="{y:.1f}" x2="{width:.1f}" y2="{y:.1f}" class="rule"/>')
    footer_from = len(t.rows) - t.footer_rows
    for n, row in enumerate(t.rows):
        if t.footer_rows and n == footer_from:
            out.append(f'<line x1="0" y1="{y:.1f}" x2="{width:.1f}" y2="{y:.1f}" class="rule"/>')
        y = cells(row, y + 2, "cell")
        if n < len(t.rows) - 1 and not (t.footer_rows and n == footer_from - 1):
            out.append(f'<line x1="0" y1="{y:.1f}" x2="{width:.1f}" y2="{y:.1f}" class="hair"/>')
    out.append(f'<line x1="0" y1="{y:.1f}" x2="{width:.1f}" y2="{y:.1f}" class="rule"/>')
    return out, width, y


def to_svg(tables: Sequence[DisplayTable]) -> str:
    """The tables as one light SVG document: for each, its title, its rows between rules, and
    its notes beneath, wrapped to the page."""
    page = max([480.0, *(_svg_table(t, 0)[1] for t in tables)])  # the notes wrap to the widest table
    parts: list[str] = []
    y = 0.0
    for t in tables:
        elements, _, bottom = _svg_table(t, y)
        parts += elements
        y = bottom + 6
        for line in t.caption.splitlines():
            for piece in wrap_to(line, page, _NOTE_SIZE):
                y += _NOTE_LINE
                parts.append(f'<text x="0" y="{y:.1f}" class="note">{_attr(piece)}</text>')
        y += 28
    margin = 24
    w, h = page + 2 * margin, y + margin
    style = (
        f"text {{ font-family: {_FONT}; font-size: {_SIZE}px; fill: #111; }} "
        f".title {{ font-size: {_TITLE_SIZE}px; font-weight: bold; }} .head {{ font-weight: bold; }} "
        f".sub {{ fill: #555; }} .note {{ font-size: {_NOTE_SIZE}px; fill: #333; }} "
        ".rule { stroke: #333; stroke-width: 1.2; } .hair { stroke: #ddd; stroke-width: 1; }"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}">\n'
        f"<style>{style}</style>\n"
        f'<rect width="100%" height="100%" fill="#ffffff"/>\n'
        f'<g transform="translate({margin},{margin})">\n' + "\n".join(parts) + "\n</g>\n</svg>\n"
    )
