"""Writers for every output format: table, tsv, csv, json, markdown, and the table exported as
svg, html or plain text.

A command's result reaches here as a :class:`~hostcost.views.View`: machine rows (raw numbers,
for tsv and csv), a JSON document, and display tables (formatted figures, for the terminal and
markdown). Each part is built only when its format is asked for, so JSON output never loads
Babel or rich. Where output goes, and what the terminal is, comes from the :class:`~hostcost.env.Env` given.
"""

from __future__ import annotations

from hostcost.env import Env
from hostcost.views import PLAIN, Style, View

FORMATS = ("table", "tsv", "csv", "json", "jsonl", "markdown", "svg", "html", "txt", "xlsx")
#: The format a file's extension asks for (``--output``).
EXTENSIONS = {
    ".svg": "svg",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".txt": "txt",
    ".xlsx": "xlsx",
}
#: The formats written as bytes: to a file, or to stdout only where it is not a terminal.
BINARY_FORMATS = frozenset({"xlsx"})
#: The formats that show the display tables; the others are machine formats.
TABLE_FORMATS = frozenset({"table", "markdown", "svg", "html", "txt"})


def emit(view: View, fmt: str | None, env: Env, style: Style = PLAIN) -> None:
    """Write ``view`` to ``env.stdout`` in ``fmt`` (the terminal's default when None); tables in
    ``style`` (machine formats are the same in every style)."""
    from hostcost.render import text

    fmt = fmt or env.default_format()
    out = env.stdout
    if fmt == "json":
        out.write(text.to_json(view.document()) + "\n")
    elif fmt == "jsonl":
        text.write_jsonl(view.header(), view.rows(), out)
    elif fmt in ("tsv", "csv"):
        text.write_delimited(view.header(), view.rows(), out, "\t" if fmt == "tsv" else ",")
    else:
        tables = [text.safe(t) for t in view.display(style)]
        if fmt == "markdown":
            out.write(text.to_markdown(tables))
        elif fmt in ("svg", "html"):
            from hostcost.render import document

            out.write(document.to_svg(tables) if fmt == "svg" else document.to_html_page(tables, style.lang))
        else:
            from hostcost.render import terminal

            if fmt == "txt":
                out.write(terminal.export_tables(tables))
            else:
                terminal.print_tables(tables, env, style.records, style.lang)
    out.flush()
