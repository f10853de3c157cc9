"""``hostcost batch``'s input: rows of CSV, TSV or JSON lines, read one at a time as they arrive,
and their columns, each matched to an input of :data:`~hostcost.core.inputs.INPUTS` or taken as a
cost category. A header that is a near miss of an input (``troop``), an input batch does not
take, or one of hostcost's own output columns (``total_JPY``) is refused rather than turned into
a cost. Pure: lines in, rows out.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from hostcost.core.amounts import currency_code, is_iso_currency
from hostcost.core.inputs import INPUTS
from hostcost.errors import HostcostError, InputError

INPUT_FORMATS = ("csv", "tsv", "jsonl")  # the text formats; api.batchrun reads .xlsx as well


class RowError(InputError):
    """A row that cannot be run: names the row, the column and what was expected."""


class Row:
    """A row of input: ``number`` (1 for the first row after the header), ``line`` (its line in
    the input) and its ``cells`` by column. A row of a CSV or TSV file keeps the list of cells the
    file gave (``values``, under the file's ``header``), and makes the dict only when asked."""

    __slots__ = ("_cells", "header", "line", "number", "values")

    def __init__(
        self,
        number: int,
        line: int,
        cells: dict[str, str] | None = None,
        *,
        header: Sequence[str] | None = None,
        values: list[str] | None = None,
    ) -> None:
        self.number, self.line, self._cells = number, line, cells
        self.header, self.values = header, values

    @property
    def cells(self) -> dict[str, str]:
        if self._cells is None:
            self._cells = dict(zip(self.header or (), self.values or ()))
        return self._cells

    def __repr__(self) -> str:
        return f"Row({self.number}, {self.line}, {self.cells!r})"

    def error(self, message: str, column: str | None = None) -> RowError:
        """``message`` about this row (and ``column``), as the error that names them."""
        where = f"row {self.number} (line {self.line})" + (f", column {column}" if column else "")
        return RowError(f"{where}: {message}")


#: The delimiters a header line is sniffed for, and how an error names each.
DELIMITERS = {",": "a comma", ";": "a semicolon", "\t": "a tab", "|": "a bar"}


def sniff(first_line: str) -> str:
    """The input format of a file whose first line is ``first_line``: jsonl, tsv or csv."""
    stripped = first_line.lstrip("\ufeff \t")
    if stripped.startswith("{"):
        return "jsonl"
    return "tsv" if sniff_delimiter(first_line) == "\t" else "csv"


def sniff_delimiter(first_line: str) -> str:
    """The delimiter of a header line: the one of :data:`DELIMITERS` that splits it (quotes
    kept whole), a comma if none does. A line that two of them split could be read either way:
    :class:`InputError` names both, and ``--delimiter`` settles it."""
    splits = {d: len(next(csv.reader([first_line.rstrip("\r\n")], delimiter=d), [])) for d in DELIMITERS}
    found = [d for d, n in splits.items() if n > 1]
    if len(found) > 1:
        readings = " or ".join(f"at {DELIMITERS[d]} ({splits[d]} columns)" for d in found)
        raise InputError(
            f"the header line could be split {readings}; give --delimiter "
            + " or --delimiter ".join(repr(d) if d != "\t" else "tab" for d in found)
        )
    return found[0] if found else ","


def read_rows(lines: Iterable[str], input_format: str, delimiter: str | None = None) -> Iterator[Row]:
    """The rows of a CSV, TSV or JSON-lines input, one at a time, as they arrive; CSV split at
    ``delimiter`` (sniffed from the header line when None)."""
    if input_format == "jsonl":
        for n, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                obj = json.loads(text, parse_float=Decimal, object_pairs_hook=_once)
            except json.JSONDecodeError as e:
                raise RowError(f"line {n}: not a JSON object: {e.msg}") from None
            except _Twice as e:
                raise RowError(f"line {n}: the key {e.args[0]!r} is given twice; give it once") from None
            if not isinstance(obj, dict):
                raise RowError(f'line {n}: expected a JSON object, such as {{"name": "a", "wages": "¥100B"}}')
            yield Row(
                n,
                n,
                {
                    str(k): ""
                    if v is None
                    else v
                    if isinstance(v, str)
                    else format(v, "f")
                    if isinstance(v, Decimal)
                    else str(v)
                    for k, v in obj.items()
                },
            )
        return
    lines = iter(lines)
    first = next(lines, None)
    if first is None:
        return
    if delimiter is None:
        delimiter = "\t" if input_format == "tsv" else sniff_delimiter(first)
    reader = csv.reader(_chain(first, lines), delimiter=delimiter)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        return
    width = len(header)
    for number, cells in enumerate(reader, start=1):
        if not "".join(cells).strip():
            continue
        if len(cells) > width:
            raise RowError(f"row {number} (line {reader.line_num}): {len(cells)} cells under {width} columns")
        yield Row(number, reader.line_num, header=header, values=cells)


class _Twice(Exception):
    """A key given twice in one JSON object."""


def _once(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object's pairs as a dict, refusing a key given twice (json keeps the last silently)."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _Twice(key)
        out[key] = value
    return out


# -- columns ------------------------------------------------------------------------------------


def normal(header: str) -> str:
    """A header as it is matched: case folded, and spaces, hyphens and underscores one ``_``
    (``Host Share``, ``host-share`` and ``host_share`` are one column)."""
    return re.sub(r"[\s_-]+", "_", header.lstrip("\ufeff").strip().casefold()).strip("_")


def _squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _edits(a: str, b: str) -> int:
    """The edit distance between two short strings, two letters swapped counting as one edit
    (``troops_chnage``), stopping early past 1."""
    if abs(len(a) - len(b)) > 1:
        return 2
    before, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)  # two letters swapped
            current.append(best)
        if min(current) > 1:
            return 2
        before, previous = previous, current
    return previous[-1]


def _near(header: str, name: str) -> bool:
    """Whether ``header`` (normalised) is a near miss of the input ``name``: the same letters with
    other separators (``hostshare``), a plural (``rates``), or one letter off (``troop``)."""
    if header == name:
        return False
    if _squashed(header) == _squashed(name) or header.rstrip("s") == name.rstrip("s"):
        return True
    return min(len(header), len(name)) >= 5 and _edits(header, name) <= 1


#: The batch columns of the table of inputs, and the prefix of the per-currency rate columns.
COLUMNS = {i.column: i.name for i in INPUTS if i.column}
_PREFIXES = {i.column_prefix: i.name for i in INPUTS if i.column_prefix}
#: Every other name an input goes by (its name, file key, option): not a batch column.
_ELSEWHERE = {
    normal(n): i
    for i in INPUTS
    for n in (i.name, i.toml, i.toml_list, (i.option or "").lstrip("-"))
    if n and normal(n) not in COLUMNS
}
#: hostcost's own output columns: fed back in, they are not inputs.
_OUTPUTS = re.compile(
    r"(?:(?:total|host|us)(?:_per_troop)?|vs_baseline|before|host_vs_first|amount)_(?P<a>[a-z]{3})"
    r"|(?P<b>[a-z]{3})_per_usd|vs_baseline_ratio|year|scenario|category|difference_percent"
)


@dataclass(frozen=True)
class Role:
    """What a batch column holds: an input of the table (``kind="input"``, ``key`` its name), the
    rate of a currency (``"rate"``, the currency) or a cost category (``"cost"``, its name)."""

    kind: str
    key: str
    category: str = ""  # for a per-category input (share_CAT): the category


def role_of(header: str) -> Role:
    """The :class:`Role` of a batch column; :class:`InputError` for a header that is not one:
    a near miss of an input, an input batch does not take, or one of hostcost's outputs."""
    key = normal(header)
    if key in COLUMNS:  # the rate column is the yen's, as --rate N is
        return Role("rate", "JPY") if COLUMNS[key] == "rate" else Role("input", COLUMNS[key])
    for prefix, name in _PREFIXES.items():
        if key.startswith(prefix) and len(key) > len(prefix):
            if name != "rate":  # share_utilities: an input of one category
                return Role("input", name, key[len(prefix) :])
            try:
                return Role("rate", currency_code(key[len(prefix) :]))
            except HostcostError as e:
                raise InputError(f"{header!r}: {e}") from None
    out = _OUTPUTS.fullmatch(key)
    if out and (not (out["a"] or out["b"]) or is_iso_currency((out["a"] or out["b"]).upper())):
        hint = " (a rate goes in rate, in yen per dollar, or rate_CUR)" if key.endswith("_per_usd") else ""
        raise InputError(f"{header!r} is one of hostcost's output columns, not an input{hint}; rename or drop it")
    near = [c for c in COLUMNS if _near(key, c)]
    if near:
        raise InputError(f"{header!r} is not a batch column; did you mean {near[0]}?")
    per_category = next((i for i in INPUTS if i.per_category and key.startswith(normal(i.name) + "_")), None)
    if key in _ELSEWHERE or per_category is not None:
        i = _ELSEWHERE.get(key, per_category)
        assert i is not None
        where = f"scenario's {i.option}" if i.option else "a scenario file"
        raise InputError(
            f"{header!r}: batch takes no {i.name} column; the batch columns are {', '.join(COLUMNS)}, "
            f"rate_CUR and costs (give {i.name} with {where})"
        )
    near = [n for n in _ELSEWHERE if _near(key, n)]
    if near:
        raise InputError(f"{header!r} is not a batch column; did you mean {near[0]}? (batch takes no such column)")
    return Role("cost", header.strip().lstrip("\ufeff").strip())


def plan(headers: Sequence[str]) -> tuple[Role, ...]:
    """The role of each column, checked: :class:`InputError` names the first that has none, or two
    that hold the same input."""
    roles = []
    seen: dict[Role, str] = {}
    for h in headers:
        try:
            role = role_of(h)
        except HostcostError as e:
            raise InputError(f"column {e}") from None
        twice = seen.get(role) or (seen.get(Role("cost", normal(role.key))) if role.kind == "cost" else None)
        if twice is not None:
            raise InputError(f"columns {twice!r} and {h!r} are the same column; give it once")
        seen[role] = h
        if role.kind == "cost":
            seen[Role("cost", normal(role.key))] = h
        roles.append(role)
    return tuple(roles)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def columns(first_line: str, input_format: str | None, delimiter: str | None = None) -> list[str]:
    """The column names on the first line (CSV and TSV, split at ``delimiter``, or the one
    sniffed), or the keys of the first object (JSON lines)."""
    kind = input_format or sniff(first_line)
    if kind == "jsonl":
        try:
            obj = json.loads(first_line) if first_line.strip() else {}
        except json.JSONDecodeError:
            return []
        return list(obj) if isinstance(obj, dict) else []
    if delimiter is None:
        delimiter = "\t" if kind == "tsv" else sniff_delimiter(first_line)
    return next(csv.reader([first_line], delimiter=delimiter), [])
