"""Reading the files a user names: scenario files, claims, drafts and batch rows (``-``: stdin).

Every error names the option or argument the file was given with and says what was expected.
stdin is the :class:`~hostcost.env.Env` in force's, and a terminal's stdin is refused rather than
waited on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from hostcost.env import Env
from hostcost.errors import InputError

#: The longest scenario or claims file hostcost reads (a batch is streamed, and has no limit).
MAX_FILE_CHARS = 10_000_000


#: The byte-order marks a text file may start with, and the encoding each names.
_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: The encodings an error suggests, most often met first.
ENCODINGS = "cp1252 (Excel on Windows), shift_jis, euc-kr or utf-16"
#: What an error about undecodable text suggests.
ENCODING_HINT = f"give --encoding, such as --encoding {ENCODINGS}"


@contextmanager
def reading(where: str) -> Iterator[None]:
    """A file opened and read in the block: what goes wrong, as one :class:`InputError` that names
    it (``where``: the option or key, and the file)."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{where}: is a folder, not a file") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{where}: not UTF-8 text (byte {e.start})") from None
    except OSError as e:
        raise InputError(f"{where}: {e.strerror}") from None


def check_encoding(encoding: str) -> str:
    """``encoding``, if Python has a codec of that name; :class:`InputError` otherwise."""
    import codecs

    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"--encoding {encoding!r}: no such encoding; write one such as {ENCODINGS}") from None


def open_input(
    option: str, path: str, what: str, newline: str | None = None, encoding: str | None = None
) -> tuple[TextIO, bool]:
    """The text stream of ``path`` (``-``: stdin) and whether it is a regular file (not a pipe or
    a terminal), or an :class:`InputError` that names it. Text is UTF-8 unless ``encoding`` says
    otherwise, or unless it starts with the byte-order mark of UTF-16 or UTF-32, which cannot
    begin UTF-8 (Excel's "Unicode text" is UTF-16)."""
    if path == "-":
        env = Env.current()
        if env.stdin is None:
            raise InputError(f"{option} -: stdin is closed; pipe {what} in, or give a file")
        if env.stdin_is_terminal:
            raise InputError(f"{option} -: stdin is a terminal; pipe {what} in, or give a file")
        try:
            regular = stat.S_ISREG(os.fstat(env.stdin.fileno()).st_mode)
        except (OSError, ValueError, AttributeError):  # a stream with no file behind it
            regular = False
        buffer = getattr(env.stdin, "buffer", None)
        if buffer is None or not hasattr(buffer, "peek"):
            return env.stdin, regular
        return _decoded(buffer, encoding, newline), regular
    with reading(f"{option} {path}"):
        if encoding is None and newline is None:
            return open(path, encoding="utf-8", newline=newline), True
        return _decoded(open(path, "rb"), encoding, newline), True


def _decoded(binary, encoding: str | None, newline: str | None) -> TextIO:
    """``binary`` as text in ``encoding``, or in the encoding its byte-order mark names, else UTF-8."""
    import io

    if encoding is None:
        start = binary.peek(4)[:4]
        encoding = next((name for mark, name in _MARKS if start.startswith(mark)), "utf-8")
    return io.TextIOWrapper(binary, encoding=encoding, newline=newline)


def read_lines(option: str, path: str, what: str) -> list[str]:
    """The lines of ``path`` (``-``: stdin), or an :class:`InputError` that names it."""
    stream, _ = open_input(option, path, what)
    try:
        with reading(f"{option} {path}"):
            text = stream.read(MAX_FILE_CHARS + 1)
        if len(text) > MAX_FILE_CHARS:
            raise InputError(f"{option} {path}: longer than {MAX_FILE_CHARS:,} characters; {what} is at most that")
        return text.removeprefix("\ufeff").splitlines()  # a byte-order mark, as some editors save
    finally:
        if stream is not Env.current().stdin:
            stream.close()


def where(path: str) -> str:
    """How an error names the file at ``path``: ``<stdin>`` for ``-``."""
    return "<stdin>" if path == "-" else path
