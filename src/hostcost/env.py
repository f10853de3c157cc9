"""Where hostcost runs: its streams, whether each is a terminal, its environment variables and
the terminal's width, as one value that can be injected.

:func:`hostcost.cli.main` takes an :class:`Env` and puts it in force for the command it runs, so
a test can run the command line in process with a pipe, a file or a terminal of any width, and
nothing below the command line reads ``sys.stdin`` or ``os.environ`` itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import TextIO


def _isatty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


@dataclass(frozen=True)
class Env:
    """The process's surroundings: its streams, whether each is a terminal, its environment
    variables and the terminal's width. :func:`hostcost.cli.main` takes one, so a test can run
    the command line in process "on a terminal" of any width. ``None`` for a terminal flag asks
    the stream; for the width, ``COLUMNS`` and then the terminal."""

    stdin: TextIO | None
    stdout: TextIO
    stderr: TextIO
    environ: Mapping[str, str]
    stdin_tty: bool | None = None
    stdout_tty: bool | None = None
    stderr_tty: bool | None = None
    width: int | None = None

    @classmethod
    def system(cls) -> Env:
        """The real streams and environment."""
        return cls(sys.stdin, sys.stdout, sys.stderr, os.environ)

    @classmethod
    def current(cls) -> Env:
        """The environment in force (:func:`using`), else the real one."""
        return _ENV.get() or cls.system()

    @property
    def is_terminal(self) -> bool:
        """Whether stdout is a terminal."""
        return _isatty(self.stdout) if self.stdout_tty is None else self.stdout_tty

    @property
    def stdin_is_terminal(self) -> bool:
        return _isatty(self.stdin) if self.stdin_tty is None else self.stdin_tty

    @property
    def stderr_is_terminal(self) -> bool:
        return _isatty(self.stderr) if self.stderr_tty is None else self.stderr_tty

    @property
    def colour(self) -> bool:
        return self.is_terminal and not self.environ.get("NO_COLOR") and self.environ.get("TERM") != "dumb"

    @property
    def columns(self) -> int | None:
        """The terminal's width: as given, else ``COLUMNS``, else None (rich asks the terminal)."""
        if self.width is not None:
            return self.width
        text = self.environ.get("COLUMNS", "")
        return int(text) if text.isdigit() and int(text) > 0 else None

    def default_format(self) -> str:
        return "table" if self.is_terminal else "tsv"

    def to(self, stdout: TextIO) -> Env:
        """The same surroundings, writing to ``stdout`` (a file: not a terminal)."""
        return replace(self, stdout=stdout, stdout_tty=False)


_ENV: ContextVar[Env | None] = ContextVar("hostcost_env", default=None)


@contextmanager
def using(env: Env) -> Iterator[Env]:
    """Make ``env`` the environment in force within the block."""
    token = _ENV.set(env)
    try:
        yield env
    finally:
        _ENV.reset(token)
