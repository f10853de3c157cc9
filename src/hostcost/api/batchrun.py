"""``hostcost batch``'s job: rows from a file, a pipe or Python, run one at a time as they come."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from hostcost.errors import InputError
from hostcost.results import Rows


class BatchRun:
    """A batch under way: ``header``, and ``results()``, each row's result as machine text as
    soon as it is worked out. A bad row raises :class:`~hostcost.core.batch.RowError`, or with
    ``skip_bad`` is passed over and its message kept in ``skipped``."""

    def __init__(
        self, spec, first: Sequence[str], rows: Iterable, skip_bad: bool = False, on_skip=lambda message: None
    ) -> None:
        from hostcost.core.batch import Batch
        from hostcost.data.builtin import load_builtin, parse_user_rate, rates_in_force
        from hostcost.data.resolve import rates_given
        from hostcost.data.series import load_files
        from hostcost.views.batch import batch_header

        builtin = load_builtin()
        series = load_files(spec.rate_files)
        self.runner = Batch(
            rates_given(spec, builtin, series),
            builtin.baseline,
            builtin.categories,
            builtin.baseline.troops,
            first,
            parse_user_rate,
            spec.currency,
            lambda period: rates_in_force(builtin, spec.rates, period, series=series),
        )
        self.header = batch_header(self.runner)
        self._rows, self._skip_bad, self._on_skip = rows, skip_bad, on_skip
        self.skipped: list[str] = []

    #: what to call the input in an error about its text (a file's name)
    source = "rows"

    def results(self) -> Iterator[list[str]]:
        """Each row's result, as it is worked out; text that is not UTF-8, CSV or TSV is an
        :class:`~hostcost.errors.InputError` that names the input."""
        import csv

        from hostcost.core.rows import RowError

        rows = iter(self._rows)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise InputError(f"{self.source}: not UTF-8 text; expected rows in UTF-8") from None
            except csv.Error as e:
                raise InputError(f"{self.source}: not CSV or TSV: {e}") from None
            try:
                yield self.runner.run(row)
            except RowError as e:
                if not self._skip_bad:
                    raise
                self.skipped.append(str(e))
                self._on_skip(str(e))


def open_batch(
    spec, file: str = "-", input_format: str | None = None, skip_bad: bool = False, on_skip=lambda message: None
) -> tuple[BatchRun, bool]:
    """The batch of the rows in ``file`` (``-``: stdin), CSV, TSV or JSON lines (sniffed from
    the first line unless ``input_format`` says), ready to run; and whether ``file`` is a regular
    file (rows from a pipe are written out as each is ready)."""
    import itertools

    from hostcost.core.rows import INPUT_FORMATS, columns, read_rows, sniff
    from hostcost.data.files import open_input

    if input_format is not None and input_format not in INPUT_FORMATS:
        raise InputError(f"--input-format {input_format!r}: expected csv, tsv or jsonl")
    stream, regular = open_input("FILE", file, "the rows", newline="")
    try:
        first = stream.readline()
    except UnicodeDecodeError:
        raise InputError(f"FILE {file}: not UTF-8 text; expected rows in UTF-8") from None
    lines = itertools.chain([first], stream)
    run = BatchRun(
        spec, columns(first, input_format), read_rows(lines, input_format or sniff(first)), skip_bad, on_skip
    )
    run.source = f"FILE {file}"
    return run, regular


def batch_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[list[str], Iterator]:
    """Rows given in Python, as dicts (column -> value) or a pandas DataFrame: the first row's
    columns, and the rows as the batch engine reads them."""
    from hostcost.core.rows import Row

    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):  # a DataFrame
        rows = rows.to_dict("records")  # type: ignore[union-attr]
    them = iter(rows)
    first = next(them, None)
    if first is None:
        return [], iter(())
    if not isinstance(first, Mapping):
        raise InputError(f"rows: expected dicts of column and value, such as {{'troops': 54000}}, not {first!r}")

    def cells(row: Mapping[str, Any]) -> dict[str, str]:
        return {str(k): "" if v is None else repr(v) if isinstance(v, float) else str(v) for k, v in row.items()}

    def read() -> Iterator:
        for n, row in enumerate(_chain(first, them), start=1):
            if not isinstance(row, Mapping):
                raise InputError(f"rows: row {n} is {type(row).__name__}, not a dict")
            yield Row(n, n, cells(row))

    return list(cells(first)), read()


def _chain(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def run_batch(spec, rows: Iterable[Mapping[str, Any]], skip_bad: bool = False) -> Rows:
    """Each of ``rows`` run as a scenario (:func:`batch_rows`), all of them, as a result."""
    from hostcost.views.batch import batch_view

    first, read = batch_rows(rows)
    run = BatchRun(spec, first, read, skip_bad)
    done = list(run.results())
    return Rows(batch_view(run.header, done, run.skipped))
