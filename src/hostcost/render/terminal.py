"""The terminal's tables (rich), and the same tables exported as SVG, HTML or plain text.

No figure is ever cut or wrapped: a table too wide for the screen is shown a row at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hostcost.env import Env
from hostcost.views import DisplayTable


def print_tables(tables: Sequence[DisplayTable], env: Env) -> None:
    """Print rich tables, each followed by its caption. No figure is ever cut or wrapped: a table
    too wide for the screen is shown a row at a time, and one still too wide is printed wider
    than the screen, for the terminal to wrap."""
    from rich.console import Console

    console = Console(
        file=env.stdout,
        width=env.columns,
        force_terminal=env.is_terminal,
        no_color=not env.colour,
        color_system="auto" if env.colour else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
        _environ=dict(env.environ),
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
