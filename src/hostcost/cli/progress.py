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


@contextmanager
def watching(run, quiet: bool) -> Iterator[None]:
    """Show ``run``'s progress on stderr while the block runs (a terminal only, after :data:`AFTER`)."""
    env = Env.current()
    if quiet or not env.stderr_is_terminal:
        yield
        return
    start, shown = time.monotonic(), None

    def tick() -> None:
        nonlocal shown
        if shown is None:
            if time.monotonic() - start < AFTER:
                return
            shown = _bar(env, run)
        task, progress = shown
        done = run.bytes_read()
        progress.update(task, completed=done if done is not None and run.size else run.done, rows=run.done)

    run.on_row = tick
    try:
        yield
    finally:
        run.on_row = lambda: None
        if shown is not None:
            shown[1].stop()


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
