"""Text writers: tsv, csv, json and markdown, and the escaping that makes any label safe to show.

Machine cells are raw (plain digits, no grouping); labels that came from a flag or a file are
shown as themselves, never as terminal controls or spreadsheet formulas.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, TextIO

from hostcost.views import DisplayTable

#: Characters a label may carry that a terminal or a reader would not show as themselves:
#: control characters (ANSI escapes start with one), bidirectional controls (which reorder what
#: is shown), the line and paragraph separators (U+2028, U+2029: a line break to some readers),
#: zero-width characters and the byte-order mark (which hide inside a word), tag characters
#: (invisible letters), and the lone surrogates Python makes of bytes that are not UTF-8.
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff\U000e0000-\U000e007f]"
)
#: What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _escape(match: re.Match) -> str:
    c = match.group()
    if "\ud800" <= c <= "\udfff":  # a byte that was not UTF-8
        return "\ufffd"
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escape(match: re.Match) -> str:
    """A character as a JSON escape: beyond the first plane, as its two UTF-16 surrogates."""
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def shown(text: str) -> str:
    """``text`` as it can be shown safely: each control or bidirectional character as a visible
    escape (``\\x1b``, ``\\u202e``), an undecodable byte as U+FFFD."""
    if text.isprintable():  # every character it escapes is one Python does not count printable
        return text
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
    return _UNSHOWABLE.sub(_json_escape, json.dumps(text, ensure_ascii=False))


def raw(value: Any) -> str:
    """A machine cell: plain digits for numbers (no grouping, no symbol), empty for None; text
    (always a label) made safe by :func:`label_cell`."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return label_cell(value)
    if isinstance(value, bool):
        return "true" if value else "false"
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


#: Markdown's punctuation, and the dollar sign a renderer may read as mathematics ($x^2$): escaped
#: in every cell, so that a label or a figure shows as written.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~#$])")


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


def safe(t: DisplayTable) -> DisplayTable:
    """``t`` with every text made safe to show (:func:`shown`): a label from a flag or a file
    cannot move the cursor, colour the screen or reorder the line."""
    columns = tuple(replace(c, header=shown(c.header)) for c in t.columns)
    rows = tuple(tuple(tuple(map(shown, cell)) for cell in row) for row in t.rows)
    caption = "\n".join(shown(line) for line in t.caption.split("\n"))
    return replace(t, title=shown(t.title), columns=columns, rows=rows, caption=caption)


def write_jsonl(header: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO) -> None:
    """Each machine row as one JSON object on a line, keyed by the header: numbers stay exact
    numbers, text is a string, a missing figure is null (the rows of tsv, as JSON lines)."""
    keys = [json_string(k) + ": " for k in header]
    for row in rows:
        out.write("{" + ", ".join(k + to_json(v, indent=0) for k, v in zip(keys, row)) + "}\n")
