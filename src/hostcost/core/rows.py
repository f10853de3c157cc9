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

from hostcost.core.amounts import currency_code, is_iso_currency, shorten
from hostcost.core.inputs import INPUTS
from hostcost.errors import HostcostError, InputError

INPUT_FORMATS = ("csv", "tsv", "jsonl")  # the text formats; api.batchrun reads .xlsx as well


class RowError(InputError):
    """A row that cannot be run: names the row, the column and what was expected."""


class Row:
    """A row of input: ``number`` (1 for the first row after the header), ``line`` (its line in
    the input) and its ``cells`` by column. A row of a CSV or TSV file keeps the list of cells the
    file gave (``values``, under the file's ``header``), and makes the dict only when asked. A
    line that is no row (``problem``) raises its error when it is run, so that --skip-bad can
    pass over it and read on."""

    __slots__ = ("_cells", "header", "line", "number", "problem", "values")

    def __init__(
        self,
        number: int,
        line: int,
        cells: dict[str, str] | None = None,
        *,
        header: Sequence[str] | None = None,
        values: list[str] | None = None,
        problem: str | None = None,
    ) -> None:
        self.number, self.line, self._cells = number, line, cells
        self.header, self.values = header, values
        self.problem = problem  # what makes the line no row (too many cells, not JSON), said when it is run

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
    splits = {d: _columns(first_line.rstrip("\r\n"), d) for d in DELIMITERS}
    found = [d for d, n in splits.items() if n > 1]
    if len(found) > 1:
        readings = " or ".join(f"at {DELIMITERS[d]} ({splits[d]} columns)" for d in found)
        raise InputError(
            f"the header line could be split {readings}; give --delimiter "
            + " or --delimiter ".join(repr(d) if d != "\t" else "tab" for d in found)
        )
    return found[0] if found else ","


def _columns(line: str, delimiter: str) -> int:
    """How many columns ``delimiter`` splits ``line`` into: 1 where it is not in the line, or
    where it leaves a cell past the csv module's field limit (a header of 30,000 comma-separated
    columns, read at semicolons, is one cell of 349 KB: not a reading to refuse the file for)."""
    if delimiter not in line:
        return 1
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        return 1


def read_rows(lines: Iterable[str], input_format: str, delimiter: str | None = None) -> Iterator[Row]:
    """The rows of a CSV, TSV or JSON-lines input, one at a time, as they arrive; CSV split at
    ``delimiter`` (sniffed from the header line when None)."""
    if input_format == "jsonl":
        for n, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            obj = _json_object(text)
            if isinstance(obj, str):  # a line that is not a row: the row's error, to stop at or skip
                yield Row(n, n, {}, problem=f"line {n}: {obj}")
            else:
                yield Row(n, n, {str(k): _json_cell(v) for k, v in obj.items()})
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
            problem = f"row {number} (line {reader.line_num}): {len(cells)} cells under {width} columns"
            yield Row(number, reader.line_num, {}, problem=problem)
        else:
            yield Row(number, reader.line_num, header=header, values=cells)


def _json_object(text: str) -> dict | str:
    """A JSON line's object, or what is wrong with the line."""
    try:
        obj = json.loads(text, parse_float=Decimal, object_pairs_hook=_once)
    except json.JSONDecodeError as e:
        return f"not a JSON object: {e.msg}"
    except _Twice as e:
        return f"the key {shorten(e.args[0])} is given twice; give it once"
    except ValueError:  # an integer of thousands of digits, which Python will not convert
        return "a number has more than 4,300 digits; hostcost takes amounts below 10^18"
    except RecursionError:
        return "arrays or objects nested too deeply; a row is one object of values"
    if not isinstance(obj, dict):
        return 'expected a JSON object, such as {"name": "a", "wages": "¥100B"}'
    return obj


def _json_cell(value: object) -> str:
    """A JSON value as the cell a CSV file would hold: a number as its digits, unless its exponent
    is past any amount hostcost takes (``1e999999999``), which stays an exponent, to be refused as
    too large, rather than being written out in a billion digits."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -40 <= exponent and value.adjusted() < 40:
            return format(value, "f")
    return str(value)


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


_SEPARATORS = re.compile(r"[\s_-]+")
_NOT_LETTERS = re.compile(r"[\W_]+")


def normal(header: str) -> str:
    """A header as it is matched: case folded, and spaces, hyphens and underscores one ``_``
    (``Host Share``, ``host-share`` and ``host_share`` are one column)."""
    return _SEPARATORS.sub("_", header.lstrip("\ufeff").strip().casefold()).strip("_")


def _squashed(text: str) -> str:
    return _NOT_LETTERS.sub("", text.casefold())


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are at most one edit apart: a letter added, dropped or changed, or
    two letters swapped (``troops_chnage``). In one pass: past the common start, what is left
    must match once the edit is made."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return swapped or a[i + 1 :] == b[i + 1 :]


class _Names:
    """Names a header may be a near miss of, indexed by the forms :meth:`near_misses` compares,
    so that a header is checked in time that does not grow with the number of names."""

    def __init__(self, names) -> None:
        self.order = {n: k for k, n in enumerate(names)}
        self.squashed: dict[str, list[str]] = {}
        self.singular: dict[str, list[str]] = {}
        self.by_length: dict[int, list[str]] = {}
        for n in self.order:
            self.squashed.setdefault(_squashed(n), []).append(n)
            self.singular.setdefault(n.rstrip("s"), []).append(n)
            self.by_length.setdefault(len(n), []).append(n)

    def near_misses(self, header: str) -> list[str]:
        """The names ``header`` (normalised) is a near miss of, in their order: the same letters
        with other separators (``hostshare``), a plural (``rates``), or one letter off (``troop``)."""
        found = {*self.squashed.get(_squashed(header), ()), *self.singular.get(header.rstrip("s"), ())}
        if len(header) >= 4:
            a, b = header[0], header[1]
            for length in (len(header) - 1, len(header), len(header) + 1):
                if min(length, len(header)) >= 5:
                    # one edit keeps one of the first two letters in one of the first two places
                    found.update(
                        n
                        for n in self.by_length.get(length, ())
                        if (n[0] == a or n[1] == b or n[0] == b or n[1] == a) and _one_edit(header, n)
                    )
        found.discard(header)
        return sorted(found, key=self.order.__getitem__)


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


_COLUMN_NAMES = _Names(COLUMNS)
_ELSEWHERE_NAMES = _Names(_ELSEWHERE)
_PER_CATEGORY = tuple((normal(i.name) + "_", i) for i in INPUTS if i.per_category)


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
    near = _COLUMN_NAMES.near_misses(key)
    if near:
        raise InputError(f"{header!r} is not a batch column; did you mean {near[0]}?")
    per_category = next((i for prefix, i in _PER_CATEGORY if key.startswith(prefix)), None)
    if key in _ELSEWHERE or per_category is not None:
        i = _ELSEWHERE.get(key, per_category)
        assert i is not None
        where = f"scenario's {i.option}" if i.option else "a scenario file"
        raise InputError(
            f"{header!r}: batch takes no {i.name} column; the batch columns are {', '.join(COLUMNS)}, "
            f"rate_CUR and costs (give {i.name} with {where})"
        )
    near = _ELSEWHERE_NAMES.near_misses(key)
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
        except (ValueError, RecursionError):  # not JSON, or too deep or too long to be read: the row says which
            return []
        return list(obj) if isinstance(obj, dict) else []
    if delimiter is None:
        delimiter = "\t" if kind == "tsv" else sniff_delimiter(first_line)
    return next(csv.reader([first_line], delimiter=delimiter), [])
