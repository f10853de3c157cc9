"""Writing result files safely: a file is never half written, and never written over one that
exists unless asked (``--force``). Writes go to a temporary file beside the target, renamed into
place once whole; on any error or interrupt the temporary file is removed.

Within :func:`all_or_none` (a command that writes files runs in one), the files written wait,
whole, until the block ends: they appear together when it ends without an error, and none of
them otherwise. ``scenario --save s.toml -o brief.html --plot brief.png`` whose chart fails
leaves neither the scenario file nor the table behind."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import NamedTuple, TextIO

from hostcost.core.amounts import shorten
from hostcost.errors import InputError


def format_of(option: str, path: str, given: str | None, extensions: Mapping[str, str]) -> str:
    """The format an output file is written in: ``given`` (--format), else the one its extension
    names in ``extensions``; :class:`InputError` when neither says."""
    if given is not None:
        return given
    ext = os.path.splitext(path)[1].lower()
    if ext not in extensions:
        raise InputError(
            f"{option} {path}: no format for {ext or 'a name without an extension'}; "
            f"expected one of {', '.join(extensions)}, or give --format"
        )
    return extensions[ext]


def check_writable(option: str, path: str, force: bool) -> None:
    """Raise :class:`InputError` for a ``path`` that cannot be written (before any work is done)."""
    if os.path.isdir(path):
        raise InputError(f"{option} {path}: is a folder; expected a file name")
    if os.path.lexists(path):
        if not force:
            raise InputError(f"{option} {path}: the file exists; add --force to replace it")
        _replaceable(option, path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"{option} {path}: no such folder {os.path.dirname(path) or folder}")
    name = os.path.basename(path).encode("utf-8", "surrogateescape")
    try:
        most = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        most = 255
    if len(name) > most:
        raise InputError(f"{option} {shorten(path)}: the name is {len(name)} bytes; a file name here is at most {most}")


class _Written(NamedTuple):
    """A file written whole to ``tmp``, to be put at ``path``."""

    option: str
    tmp: str
    path: str
    force: bool


#: The files written whole in the :func:`all_or_none` block in force, waiting to be put in place
#: (None: no block; each file is put in place as soon as it is written).
_WAITING: ContextVar[list[_Written] | None] = ContextVar("hostcost_waiting_files", default=None)


@contextmanager
def all_or_none(done: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """The files :func:`atomic_writer` writes in this block appear when it ends without an error,
    all of them, in the order they were written; on an error or an interrupt, none does. An
    exception of a type in ``done`` ends the work as done (an exit status that says what was
    found: rows skipped, a claim that does not hold), and the files appear."""
    waiting: list[_Written] = []
    token = _WAITING.set(waiting)
    try:
        try:
            yield
        except done:
            _put_all(waiting)
            raise
        _put_all(waiting)
    finally:
        _WAITING.reset(token)
        for w in waiting:
            with suppress(FileNotFoundError):
                os.unlink(w.tmp)


def _put_all(waiting: list[_Written]) -> None:
    """Put each file in place. If one cannot be (a file appeared at its name, without
    --force), the new files this put in place before it are removed again, so that none is
    left; a file --force replaced cannot be given back, and every check --force needs was made
    before any work."""
    new: list[str] = []
    try:
        for w in waiting:
            existed = os.path.lexists(w.path)
            _put(w)
            if not existed:
                new.append(w.path)
    except BaseException:
        for path in new:
            with suppress(FileNotFoundError):
                os.unlink(path)
        raise


def _put(w: _Written) -> None:
    """Rename the whole file ``w.tmp`` to ``w.path``: over a regular file with --force (keeping
    its mode), else only where nothing is."""
    if w.force and os.path.lexists(w.path):
        mode = _replaceable(w.option, w.path)  # still a regular file, now that the work is done
        os.chmod(w.tmp, mode)  # the file keeps its mode: a 0600 file stays 0600
        os.replace(w.tmp, w.path)
    elif w.force:
        os.replace(w.tmp, w.path)
    else:
        _place_new(w.option, w.tmp, w.path)


@contextmanager
def atomic_writer(
    option: str, path: str, force: bool, newline: str | None = None, binary: bool = False
) -> Iterator[TextIO]:
    """A file to write ``path`` through (text, or bytes with ``binary``): it appears at ``path``,
    whole, only when the block ends without an error. Without ``force`` an existing file is never
    replaced, even one that appeared while the block ran. Within :func:`all_or_none`, it
    appears when that block ends."""
    import tempfile

    check_writable(option, path, force)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".hostcost-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"{option} {path}: cannot write there: {e.strerror}") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as any new file would be, not mkstemp's owner-only
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline=newline) as f:
            yield f  # type: ignore[misc]  # bytes with binary, text without
            f.flush()
            os.fsync(f.fileno())
        written = _Written(option, tmp, path, force)
        waiting = _WAITING.get()
        if waiting is None:
            _put(written)
        else:
            waiting.append(written)  # all_or_none puts it in place, or removes it
            tmp = ""
    finally:
        if tmp:
            with suppress(FileNotFoundError):
                os.unlink(tmp)


def _replaceable(option: str, path: str) -> int:
    """The mode of the regular file at ``path``, which --force may replace; :class:`InputError`
    for anything else there: a symbolic link (replacing it would not write the file it points
    to), a device such as /dev/null, a FIFO or a socket (which renaming over would take from
    everything else that uses it)."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise InputError(
            f"{option} {path}: is a symbolic link; --force replaces only regular files, so give the file it "
            f"points to ({os.path.realpath(path)})"
        )
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a device"
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "a FIFO"
            if stat.S_ISFIFO(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "not a regular file"
        )
        raise InputError(
            f"{option} {path}: is {kind}; --force replaces only regular files (to send the output there, "
            f"leave out --output and redirect: > {path})"
        )
    return stat.S_IMODE(st.st_mode)


def _place_new(option: str, tmp: str, path: str) -> None:
    """Rename ``tmp`` to ``path`` only if nothing is there: a hard link fails on an existing file."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise InputError(f"{option} {path}: the file exists; add --force to replace it") from None
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise InputError(f"{option} {path}: the file exists; add --force to replace it") from None
        os.replace(tmp, path)
