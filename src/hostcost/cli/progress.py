"""What ``hostcost batch`` says on stderr while it works: a progress bar (rich.progress: rows,
rows a second, and bytes read of the file's size) once the work has taken more than a second and
when stderr is a terminal, and at the end a count of the rows (and of those skipped)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from hostcost.env import Env

#: How long a batch runs before its progress is shown, in seconds.
AFTER = 1.0
#: How often the bar is brought up to date, in seconds (not on every row: finding how far into
#: its file the input is asks the system).
EVERY = 0.1


@contextmanager
def watching(run, quiet: bool) -> Iterator[None]:
    """Show ``run``'s progress on stderr while the block runs (a terminal only, after :data:`AFTER`)."""
    env = Env.current()
    if quiet or not env.stderr_is_terminal:
        yield
        return
    start, shown, last = time.monotonic(), None, 0.0

    def tick() -> None:
        nonlocal shown, last
        now = time.monotonic()
        if now - last < EVERY:
            return
        last = now
        if shown is None:
            if now - start < AFTER:
                return
            shown = _bar(env, run)
        _show(run, *shown)

    run.on_row = tick
    try:
        yield
    finally:
        run.on_row = lambda: None
        if shown is not None:
            task, progress = shown
            _show(run, task, progress, ended=True)
            progress.stop()


def _show(run, task, progress, ended: bool = False) -> None:
    """The bar brought up to date: the bytes read of the file (all of them once it has ended, when
    the file is closed), or the rows."""
    if run.size is None:
        completed = run.done
    else:
        completed = run.size if ended else run.bytes_read()
    progress.update(task, completed=completed, rows=run.done)


def _bar(env: Env, run):
    """A rich progress bar on stderr: rows and rows a second, and the bytes read of the file's
    size (for a file; a pipe has no size, and the bar pulses)."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, ProgressColumn, TimeElapsedColumn
    from rich.text import Text

    class Rows(ProgressColumn):
        def render(self, task) -> Text:
            rows, elapsed = task.fields["rows"], task.elapsed or 0
            rate = f", {rows / elapsed:,.0f} rows/s" if elapsed > 0 else ""
            return Text(f"{rows:,} rows{rate}")

    console = Console(file=env.stderr, force_terminal=True, width=env.columns, _environ=dict(env.environ))
    by_size = run.size is not None
    columns = [Rows(), BarColumn(), *([DownloadColumn()] if by_size else []), TimeElapsedColumn()]
    progress = Progress(*columns, console=console, transient=True)
    task = progress.add_task("batch", total=run.size if by_size else None, rows=0)
    progress.start()
    return task, progress


def counted(run, quiet: bool) -> None:
    """``100,000 rows, 2 skipped (rows 17 and 99,812)`` on stderr, when it is a terminal or rows
    were skipped (and not with ``quiet``, unless rows were skipped)."""
    env = Env.current()
    if not run.skipped and (quiet or not env.stderr_is_terminal):
        return
    text = f"{run.done:,} row{'s' if run.done != 1 else ''}"
    if run.skipped:
        numbers = [f"{n:,}" for n in run.skipped_rows]
        listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
        if len(numbers) > 10:
            listed = ", ".join(numbers[:10]) + f" and {len(numbers) - 10:,} more"
        text += f", {len(run.skipped):,} skipped (row{'s' if len(numbers) != 1 else ''} {listed})"
    print(f"hostcost: {text}", file=env.stderr)
