"""Rows written as they come: ``hostcost batch``'s results, streamed in tsv, csv, JSON lines or
one JSON document.

The rows are machine text already (the batch engine's: a name, then numbers as digits); only the
name and the text columns are labels, made safe here as everywhere
(:func:`~hostcost.render.text.label_cell`, :func:`~hostcost.render.text.json_string`).
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from hostcost.render.text import json_string, label_cell, to_json

#: The formats rows can be streamed in; the others need every row first.
STREAMED = ("tsv", "csv", "jsonl", "json")


def write_rows(
    out: TextIO,
    header: Sequence[str],
    rows: Iterable[list[str]],
    fmt: str,
    text_columns: frozenset[str],
    typed: Callable[[Sequence[str], Sequence[str]], list[Any]],
    trailer: Callable[[], dict] = dict,
) -> Iterator[None]:
    """Write the header, then each row as it comes; yields after each row (so the caller may
    flush). ``text_columns``: the columns besides the first that hold text; ``typed``: a row's
    values for JSON (:func:`hostcost.views.batch.typed`); ``trailer``: what the JSON document
    says after its rows, asked for once they are all out. Nothing is written until the first
    row is worked out (or there is none): an input whose first row cannot be read leaves no
    header, or half a JSON document, on its own."""
    rows = iter(rows)
    first = next(rows, None)
    rows = iter(()) if first is None else itertools.chain([first], rows)
    texts = [i for i, k in enumerate(header) if k in text_columns]
    if fmt == "json":  # the document of -f json, {"rows": [...]}, written a row at a time
        out.write('{\n  "rows": [')
        count = 0
        for cells in rows:
            out.write(("," if count else "") + "\n    " + to_json(dict(zip(header, typed(header, cells))), 2, 2))
            count += 1
            yield
        out.write("\n  ]" if count else "]")
        for key, value in trailer().items():
            out.write(f",\n  {json_string(key)}: {to_json(value, 2, 1)}")
        out.write("\n}\n")
        return
    if fmt == "jsonl":
        keys = [json_string(k) + ": " for k in header]
        text = [k in text_columns for k in header[1:]]  # the rest are numbers, or true and false
        for name, *numbers in rows:
            fields = ",".join(
                k + (json_string(n) if t and n else n or "null") for k, n, t in zip(keys[1:], numbers, text)
            )
            out.write(f"{{{keys[0]}{json_string(name)},{fields}}}\n")
            yield
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for cells in rows:
            writer.writerow(_labels(cells, texts, label_cell))
            yield
        return
    out.write("\t".join(header) + "\n")
    for cells in rows:
        out.write("\t".join(_labels(cells, texts, _tsv_label)) + "\n")
        yield


def _tsv_label(text: str) -> str:
    return label_cell(text).replace("\t", " ").replace("\n", " ")


def _labels(cells: list[str], texts: Sequence[int], safe: Callable[[str], str]) -> list[str]:
    """``cells`` with the name and each text cell made ``safe``; numbers are digits already."""
    cells = list(cells)
    cells[0] = safe(cells[0])
    for i in texts:
        if cells[i]:
            cells[i] = safe(cells[i])
    return cells
