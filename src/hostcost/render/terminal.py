"""The terminal's tables (rich), and the same tables as plain text (``-f txt``).

No figure is ever cut or wrapped: a table too wide for the screen is shown a row at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

from hostcost.env import Env
from hostcost.views import DisplayTable
from hostcost.views.i18n import tr


def print_tables(tables: Sequence[DisplayTable], env: Env, records: bool = False, lang: str = "en") -> None:
    """Print rich tables, each followed by its caption, within the screen's width: long text
    wraps inside its cell, a figure never wraps or splits. A table too wide even so leaves out
    its optional columns (and says which), and failing that is shown a row at a time (or
    always, with ``records``)."""
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
    _print_tables(console, tables, env.colour, records, lang)


def export_tables(tables: Sequence[DisplayTable]) -> str:
    """The tables as a terminal wide enough for them shows them (80 columns or more), captions
    included, as plain text without colour."""
    import io

    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        record=True,
        width=max([80, *(_width(t) for t in tables)]),
        force_terminal=False,
        color_system=None,
        no_color=True,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    _print_tables(console, tables, False)
    return console.export_text()


def _print_tables(
    console, tables: Sequence[DisplayTable], colour: bool, records: bool = False, lang: str = "en"
) -> None:
    from rich.text import Text

    screen = console.width
    for i, t in enumerate(tables):
        layout = t.records() if records else fitted(t, screen, lang)
        for n, part in enumerate(layout):
            if i or n:
                console.print()
            console.print(_rich_table(part, colour, screen))
        whole = len(layout) == 1 and layout[0].title == t.title  # not cards: its caption may say what it left out
        caption = layout[0].caption if whole else t.caption
        if caption:
            console.print(Text(caption, style="dim"))


#: A column of prose may be narrowed to this, its words folding if longer (a web address).
_PROSE_WIDTH = 10
#: What a table with columns left out says, in its caption.
LEFT_OUT = "Not shown at this width: {columns}; a wider terminal, --records or -f html shows them."


def fitted(t: DisplayTable, screen: int, lang: str = "en") -> list[DisplayTable]:
    """``t`` as it fits ``screen``: whole; or without its optional columns (rightmost first, as
    few as will do), its caption saying which; or one card a row."""
    if least_width(t) <= screen:
        return [t]
    optional = [i for i, c in enumerate(t.columns) if c.optional]
    for n in range(1, len(optional) + 1):
        gone = set(optional[-n:])
        kept = [i for i in range(len(t.columns)) if i not in gone]
        left_out = tr(LEFT_OUT, lang, columns=tr(", ", lang).join(t.columns[i].header for i in sorted(gone)))
        part = DisplayTable(
            t.title,
            tuple(t.columns[i] for i in kept),
            tuple(tuple(row[i] for i in kept) for row in t.rows),
            "\n".join(x for x in (t.caption, left_out) if x),
            t.footer_rows,
            t.across,
        )
        if least_width(part) <= screen:
            return [part]
    return t.records()


def _heads_on(t: DisplayTable, lines: int) -> list[int]:
    """The narrowest each column can be with its head on at most ``lines`` lines (0: as many as
    its longest word needs): its widest figure (or line, if not prose); prose, its longest word
    up to :data:`_PROSE_WIDTH`, or its longest figure (a word with a digit), which never splits."""
    from rich.cells import cell_len

    widths = []
    for i, c in enumerate(t.columns):
        cells = [line for row in t.rows for line in row[i]]
        words = c.header.split()
        head = max((cell_len(w) for w in words), default=0)
        if lines:
            head = max(head, -(-cell_len(c.header) // lines))
            while len(_header(c.header, head).split("\n")) > lines:
                head += 1
        if c.wrap:
            words = [w for x in cells for w in x.split()]
            figures = [cell_len(w) for w in words if any(ch.isdigit() for ch in w)]  # never split
            prose = min(_PROSE_WIDTH, max([head, *(cell_len(w) for w in words)]))
            widths.append(max([head, prose, *figures]))
        else:
            widths.append(max([head, *(cell_len(x) for x in cells)]))
    return widths


def column_widths(t: DisplayTable, screen: int) -> list[int]:
    """How wide each column is drawn on ``screen``: figures at their widest, with each head on
    one line if the table still fits, else on two, else as narrow as it can be; the room left
    goes to the prose columns, as much as each can use."""
    from rich.cells import cell_len

    for lines in (1, 2, 0):
        widths = _heads_on(t, lines)
        if sum(widths) + 3 * len(widths) + 1 <= screen or not lines:
            break
    room = screen - (sum(widths) + 3 * len(widths) + 1)
    wants = {
        i: max([cell_len(c.header), *(cell_len(x) for row in t.rows for x in row[i])]) - widths[i]
        for i, c in enumerate(t.columns)
        if c.wrap
    }
    while room > 0 and any(w > 0 for w in wants.values()):
        for i in wants:
            if wants[i] > 0 and room > 0:
                widths[i] += 1
                wants[i] -= 1
                room -= 1
    return widths


def least_width(t: DisplayTable) -> int:
    """The narrowest screen a table fits: its columns at their narrowest, one space either side
    of each, and the rules between."""
    widths = _heads_on(t, 0)
    return sum(widths) + 3 * len(widths) + 1


def _width(t: DisplayTable) -> int:
    """The screen width a table needs so that no cell wraps: cells, one space either side, rules."""
    from rich.cells import cell_len

    widths = []
    for i, c in enumerate(t.columns):
        lines = [line for row in t.rows for line in row[i]]
        widths.append(max([cell_len(c.header), *(cell_len(x) for x in lines)]))
    return sum(widths) + 3 * len(widths) + 1


def _header(text: str, width: int) -> str:
    """A column head on as many lines as it takes to be no wider than ``width``."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) if text else text


def _rich_table(t: DisplayTable, colour: bool, screen: int):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(t.title, style="bold"),
        box=box.ROUNDED if colour else box.SQUARE,
        header_style="bold",
        show_header=any(c.header for c in t.columns),
    )
    widths = column_widths(t, screen)
    for c, need in zip(t.columns, widths):
        head = c.header if c.wrap else _header(c.header, need)
        table.add_column(
            Text(head), justify="right" if c.right else "left", no_wrap=not c.wrap, width=need, overflow="fold"
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
