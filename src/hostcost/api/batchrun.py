"""``hostcost batch``'s job: rows from a file, a pipe or Python, run one at a time as they come."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from hostcost.core.rows import RowError
from hostcost.errors import InputError
from hostcost.results import Rows


class BatchRun:
    """A batch under way: ``header``, and ``results()``, each row's result as machine text as
    soon as it is worked out. A bad row raises :class:`~hostcost.core.batch.RowError`, or with
    ``skip_bad`` is passed over and its message kept in ``skipped``."""

    def __init__(
        self,
        spec,
        first: Sequence[str],
        rows: Iterable,
        skip_bad: bool = False,
        on_skip=lambda message: None,
        jobs: int = 1,
    ) -> None:
        self.runner, self.header = _runner(spec, first)
        self._spec, self._first, self.jobs = spec, list(first), jobs
        self._rows, self._skip_bad, self._on_skip = rows, skip_bad, on_skip
        self.skipped: list[str] = []
        self.skipped_rows: list[int] = []
        self.done = 0  # rows worked out so far, skipped ones included
        self.on_row: Callable[[], None] = lambda: None  # called after each row (a progress bar's tick)
        self.bytes_read: Callable[[], int | None] = lambda: None  # how far into its file the input is
        self.size: int | None = None  # the file's size, when it is a regular file

    #: what to call the input in an error about its text (a file's name)
    source = "rows"

    def results(self) -> Iterator[list[str]]:
        """Each row's result, as it is worked out; text that is not UTF-8, CSV or TSV is an
        :class:`~hostcost.errors.InputError` that names the input."""
        import csv

        from hostcost.core.rows import RowError

        rows = iter(self._rows)
        if self.jobs > 1:
            yield from self._in_parallel(rows)
            return
        run = self.runner.rows
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except (UnicodeDecodeError, csv.Error) as e:
                raise self._unreadable(e) from None
            self.done += 1
            try:
                results = _run(run, row)
            except RowError as e:
                self._bad(str(e), getattr(row, "number", self.done))
                continue
            self.on_row()
            yield from results

    def _unreadable(self, e: Exception) -> InputError:
        if isinstance(e, UnicodeDecodeError):
            return InputError(f"{self.source}: {_undecodable(e)}")
        return InputError(f"{self.source}: not CSV or TSV: {e}")

    def _bad(self, message: str, number: int) -> None:
        """A bad row: the batch stops at it, or with ``skip_bad`` it is said and passed over."""
        from hostcost.core.rows import RowError

        if not self._skip_bad:
            raise RowError(message)
        self.skipped.append(message)
        self.skipped_rows.append(number)
        self._on_skip(message)
        self.on_row()

    def _in_parallel(self, rows: Iterator) -> Iterator[list[str]]:
        """The results of ``rows`` worked out in ``jobs`` processes, :data:`CHUNK` rows at a time,
        in input order and as they come: at most two chunks a process are read ahead, and a file
        that cannot be read stops the batch where it stops being readable."""
        import csv
        import multiprocessing
        from collections import deque

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        pool = context.Pool(self.jobs, _start_worker, (self._spec, self._first))
        pending: deque = deque()
        reading = True

        def read_ahead() -> None:
            nonlocal reading
            while reading and len(pending) < 2 * self.jobs:
                chunk = []
                try:
                    for row in rows:
                        chunk.append(row)
                        if len(chunk) >= CHUNK:
                            break
                    else:
                        reading = False
                except (UnicodeDecodeError, csv.Error, InputError) as e:
                    reading = False
                    if chunk:
                        pending.append(pool.apply_async(_work, (chunk,)))
                    pending.append(e)
                    return
                if chunk:
                    pending.append(pool.apply_async(_work, (chunk,)))

        finished = False
        try:
            read_ahead()
            while pending:
                item = pending.popleft()
                if isinstance(item, InputError):
                    raise item
                if isinstance(item, Exception):
                    raise self._unreadable(item) from None
                for number, results, message in item.get():
                    self.done += 1
                    if message is not None:
                        self._bad(message, number)
                        continue
                    self.on_row()
                    yield from results
                read_ahead()
            finished = True
        finally:
            if finished:
                pool.close()
            else:  # stopped at a bad row or by the reader: the work read ahead is not wanted
                pool.terminate()
            pool.join()


#: Rows a process of ``--jobs`` is given at a time.
CHUNK = 1000


def _runner(spec, first: Sequence[str]):
    """The engine for rows with the columns ``first``, and the header of its results: whole
    numbers for the plain columns, ``scenario``'s own way for any other."""
    from hostcost.core.batch import Batch, takes
    from hostcost.core.rows import plan
    from hostcost.data.builtin import load_builtin, parse_user_rate, rates_in_force
    from hostcost.data.resolve import rates_given
    from hostcost.data.series import load_files
    from hostcost.views.batch import batch_header

    try:
        roles = plan(first)
    except InputError as e:
        raise RowError(f"line 1: {e}") from None
    if not takes(roles) or _beyond_the_engine(spec):
        from hostcost.api.scenariorows import ScenarioRows

        rows = ScenarioRows(spec, first)
        return rows, rows.header
    builtin = load_builtin()
    series = load_files(spec.rate_files)
    batch = Batch(
        rates_given(spec, builtin, series),
        builtin.baseline,
        builtin.categories,
        builtin.baseline.troops,
        first,
        parse_user_rate,
        spec.currency,
        lambda period: rates_in_force(builtin, spec.rates, period, series=series),
    )
    return batch, batch_header(batch)


_WORKER: Any = None  # a process of --jobs: its engine


def _start_worker(spec, first: Sequence[str]) -> None:
    import signal

    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGPIPE"):  # the parent's handlers are for the parent
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _WORKER = _runner(spec, first)[0]


def _work(chunk: Sequence) -> list[tuple[int, list, str | None]]:
    """A chunk of rows worked out in a process of ``--jobs``: each row's number, its results,
    and its error (None for none)."""
    out: list[tuple[int, list, str | None]] = []
    for row in chunk:
        try:
            out.append((row.number, _run(_WORKER.rows, row), None))
        except RowError as e:
            out.append((row.number, [], str(e)))
    return out


def _run(run, row) -> list:
    """``run(row)``, or the error of a line that is no row."""
    if row.problem is not None:
        raise RowError(row.problem)
    return run(row)


def _beyond_the_engine(spec) -> bool:
    """Whether the command's own inputs need rows run as scenario runs them (the whole-number
    engine takes rates and a currency, nothing more)."""
    return any(
        getattr(spec, name) not in (None, (), False)
        for name in ("prices", "price_year", "index_files", "rate_by_year", "years", "troops_change")
    )


def _undecodable(e: UnicodeDecodeError) -> str:
    from hostcost.data.files import ENCODING_HINT

    return f"not {e.encoding.upper().replace('UTF-8-SIG', 'UTF-8')} text; {ENCODING_HINT}"


#: The formats batch reads, and what --input-format takes.
READS = ("csv", "tsv", "jsonl", "xlsx")


def open_batch(
    spec,
    file: str = "-",
    input_format: str | None = None,
    skip_bad: bool = False,
    on_skip=lambda message: None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    locale: str | None = None,
    sheet: str | None = None,
    jobs: int = 1,
) -> tuple[BatchRun, bool]:
    """The batch of the rows in ``file`` (``-``: stdin), ready to run; and whether ``file`` is a
    regular file (rows from a pipe are written out as each is ready).

    ``file`` is CSV, TSV or JSON lines (sniffed from the first line unless ``input_format``
    says; CSV split at ``delimiter``, else at the one of , ; tab | that splits its header), in
    ``encoding`` (else UTF-8, or the UTF-16 its byte-order mark names), or an .xlsx workbook
    (its first sheet, or ``sheet``). With ``locale``, numbers are read as that locale writes
    them (``128,7``)."""
    import csv
    import itertools
    import os

    from hostcost.core.rows import INPUT_FORMATS, columns, read_rows, sniff
    from hostcost.data.files import check_encoding, open_input

    if input_format is not None and input_format not in READS:
        raise InputError(f"--input-format {input_format!r}: expected {', '.join(READS)}")
    if delimiter is not None:
        delimiter = "\t" if delimiter in ("tab", "\\t") else delimiter
        if len(delimiter) != 1 or delimiter in '"\r\n':
            raise InputError(f"--delimiter {delimiter!r}: expected one character, such as ; or , or tab")
    if encoding is not None:
        encoding = check_encoding(encoding)
    reader = _numbers(locale)
    if encoding in _YEN_AT_BACKSLASH:
        reader = _yen_signs(reader)
    if input_format == "xlsx" or (input_format is None and file.lower().endswith(".xlsx")):
        if file == "-":
            raise InputError("FILE -: a workbook cannot be read from stdin; give the .xlsx file's name")
        from hostcost.data.sheets import read_sheet

        header, rows = read_sheet(file, sheet)
        run = BatchRun(spec, header, _localised(rows, header, reader), skip_bad, on_skip, jobs)
        run.source = f"FILE {file}"
        return run, True
    if sheet is not None:
        raise InputError(f"--sheet {sheet!r} goes with an .xlsx file; {file} is read as text")
    stream, regular = open_input("FILE", file, "the rows", newline="", encoding=encoding)
    try:
        first = stream.readline()
    except UnicodeDecodeError as e:
        raise InputError(f"FILE {file}: {_undecodable(e)}") from None
    try:
        if input_format is not None:
            kind = input_format
        elif delimiter is not None:
            kind = "tsv" if delimiter == "\t" else "csv"
        else:
            kind = sniff(first)
        header = columns(first, kind, delimiter)
    except InputError as e:
        raise InputError(f"FILE {file}: {e}") from None
    except csv.Error as e:  # a header cell past the csv module's field limit (131,072 characters)
        raise InputError(f"FILE {file}: the header line is not CSV or TSV: {e}") from None
    assert kind in INPUT_FORMATS
    lines = itertools.chain([first], stream)
    run = BatchRun(spec, header, _localised(read_rows(lines, kind, delimiter), header, reader), skip_bad, on_skip, jobs)
    run.source = f"FILE {file}"
    buffer = getattr(stream, "buffer", None)
    if regular and buffer is not None and file != "-":
        run.bytes_read = buffer.tell
        run.size = os.fstat(buffer.fileno()).st_size
    return run, regular


#: Encodings whose byte 0x5C is the yen sign on the screens that use them, though Python reads a
#: backslash (Shift_JIS and its kin, EUC-JP).
_YEN_AT_BACKSLASH = frozenset({"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213", "euc_jp"})


def _yen_signs(rewrite):
    """``rewrite``, after each backslash is read as the yen sign it stands for."""

    def read(cell: str) -> str:
        cell = cell.replace("\\", "¥")
        return rewrite(cell) if rewrite is not None else cell

    return read


def _numbers(locale: str | None):
    """The rewriting of --locale's numbers, or None."""
    if locale is None:
        return None
    from hostcost.data.locales import check_locale, number_reader

    return number_reader(check_locale(locale))


def _localised(rows: Iterable, header: Sequence[str], rewrite) -> Iterable:
    """``rows`` with their figures rewritten by ``rewrite`` (``--locale``), their words (a name, a
    period) as written; a figure that does not follow the locale is the row's error."""
    return rows if rewrite is None else _rewritten(rows, header, rewrite)


def _rewritten(rows: Iterable, header: Sequence[str], rewrite) -> Iterator:
    from hostcost.core.inputs import BY_NAME
    from hostcost.core.rows import Row, role_of

    def words(h: str) -> bool:
        try:
            role = role_of(h)
        except InputError:
            return False
        return role.kind == "input" and BY_NAME[role.key].words

    kept = {h for h in header if words(h)}
    for row in rows:
        if row.problem is not None:  # no row to rewrite: its error stands
            yield row
            continue
        cells = {}
        for column, text in row.cells.items():
            try:
                cells[column] = text if column in kept else rewrite(text)
            except InputError as e:
                raise row.error(str(e), column) from None
        yield Row(row.number, row.line, cells)


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
