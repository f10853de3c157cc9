"""The ``hostcost`` command line: options in, one API call, one view out. No arithmetic here.

Each command is a module of this package (``hostcost.cli.scenario`` …), imported only when it
runs: :data:`COMMANDS` names them with their one-line help, so ``hostcost --help`` lists them
without loading any. :func:`main` runs the command line in an :class:`~hostcost.env.Env`, and
turns every error into one line on stderr and its exit code.
"""

from __future__ import annotations

import dataclasses
import errno
import importlib
import io
import signal
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from typing import Annotated

import typer
from typer.core import TyperGroup

from hostcost import __version__
from hostcost.env import Env, using
from hostcost.errors import ExitStatus, HostcostError, Terminated

#: Every command, in the order --help lists them, with its one-line help. A test holds each
#: line to the first line of the command's own help.
COMMANDS = {
    "scenario": "Who pays what, host or US, under several splits, set against the $1.9B (¥200B) baseline.",
    "sweep": "One row per value of an input: where does the host payment cross the baseline?",
    "solve": "Goal seek: the value of one input that makes an output equal a target.",
    "compare": "Scenarios side by side: one column each, compared with the first.",
    "batch": "One scenario per input row, streamed out as it is worked out.",
    "convert": "Convert an amount between currencies, exactly, at a stated rate.",
    "baseline": "The baseline ($1.9B, ¥200B, 54,000 troops) and the default cost categories, with sources.",
    "check": "Check figures before a briefing: does each claim hold, at the rate in force?",
    "rates": "The built-in exchange rates of each period (--rate-at PERIOD picks one), with their series and sources.",
    "presets": "The built-in scenarios (scenario --preset NAME), with the sources of their figures.",
    "sources": "Every built-in figure, and where it came from.",
    "schema": "The JSON Schema of scenario files, made from the same table of inputs as the options.",
}

#: How every command's typer app is set up: plain help (no rich panels), no pretty tracebacks.
APP_SETTINGS = {"rich_markup_mode": None, "pretty_exceptions_enable": False, "add_completion": False}


def command_app() -> typer.Typer:
    """The typer app a command module registers its one command with."""
    return typer.Typer(**APP_SETTINGS)  # type: ignore[arg-type]


class _Commands(TyperGroup):
    """The group of commands, each loaded from its module when it is asked for (click's "lazy
    group"): a command's options are built only when it runs or shows its help."""

    def list_commands(self, ctx) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx, cmd_name: str):
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"hostcost.cli.{cmd_name}")
        return typer.main.get_command(module.app)

    def format_commands(self, ctx, formatter) -> None:
        """The list of commands, from :data:`COMMANDS`: none is imported to list it."""
        with formatter.section("Commands"):
            formatter.write_dl(list(COMMANDS.items()))


app = typer.Typer(
    cls=_Commands,
    name="hostcost",
    help="What hosting foreign troops costs, and who pays it: the host or the US.\n\n"
    "Baseline: Japan paid $1.9B (¥200B) a year in 2020 for 54,000 US troops.",
    epilog="\b\nExamples:\n  hostcost scenario\n  hostcost convert ¥200B --to USD\n"
    "  hostcost check '¥200B = $1.9B'\n  hostcost scenario --preset sma-2022 --years 5 --start-year 2022\n"
    "  hostcost solve --target '$8B' --for markup\n  hostcost batch cases.csv > results.tsv\n"
    "\nEvery command takes -h for its own options and examples.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hostcost {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """What hosting foreign troops costs, and who pays it: the host or the US."""


class _Closed(io.TextIOBase):
    """A stdout that was closed when hostcost started: writing to it is the error that says so."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed; give it somewhere to write (> FILE), or --output FILE")

    def isatty(self) -> bool:
        return False


def _say_once(env: Env, message: str) -> None:
    """``message`` on stderr, if stderr can take it."""
    try:
        print(message, file=env.stderr)
        env.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass


def _terminate(signum, frame) -> None:
    raise Terminated(signum)


#: The signals that end hostcost as SIGTERM does: unwinding, so that no half-written file is left.
ENDING = ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1")


def _usage_error(e: Exception, env: Env) -> int:
    """A usage error (an unknown option, a missing argument) as hostcost reports its own errors:
    one line naming the value, and where to look, on stderr; exit code 2. Plain ``hostcost``
    shows the help, on stderr."""
    if type(e).__name__ == "NoArgsIsHelpError":
        print(e.format_message(), file=env.stderr)  # type: ignore[attr-defined]
        return int(e.exit_code)  # type: ignore[attr-defined]
    ctx = getattr(e, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    print(f"hostcost: error: {e.format_message()}{hint}", file=env.stderr)  # type: ignore[attr-defined]
    return int(e.exit_code)  # type: ignore[attr-defined]


def run(args: Sequence[str], env: Env) -> int:
    """Run the command line on ``args`` in ``env``; the exit code. Output goes to ``env``'s
    streams, help and usage messages included."""
    with using(env), redirect_stdout(env.stdout), redirect_stderr(env.stderr):
        try:
            group = typer.main.get_command(app)
            # help is laid out as click lays it out on a terminal that wide: two columns spare
            width = None if env.columns is None else max(env.columns - 2, 50)
            rv = group.main(list(args), "hostcost", standalone_mode=False, terminal_width=width)
        except HostcostError as e:
            print(f"hostcost: error: {e}", file=env.stderr)
            return int(e.exit_status)
        except Exception as e:
            if hasattr(e, "format_message") and hasattr(e, "exit_code"):  # click's usage errors
                return _usage_error(e, env)
            raise
        finally:
            env.stdout.flush()
        return rv if isinstance(rv, int) else ExitStatus.SUCCESS


def main(argv: Sequence[str] | None = None, env: Env | None = None) -> int:
    """The console script: ``argv`` (default: the process's) run in ``env`` (default: the
    process's streams and environment); the exit code. Quiet on a closed pipe; no traceback
    unless HOSTCOST_DEBUG is set."""
    if env is None:
        for stream in (sys.stdout, sys.stderr):  # text that cannot be encoded is shown, not a crash
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="backslashreplace")
        if hasattr(signal, "SIGPIPE"):
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends us quietly, as Unix tools do
        for name in ENDING:  # like Ctrl-C: unwind, removing any half-written file
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), _terminate)
        env = Env.system()
        if env.stdout is None:  # started with stdout closed (>&-): an error only if it is written to
            env = dataclasses.replace(env, stdout=_Closed())
    try:
        return run(sys.argv[1:] if argv is None else argv, env)
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except Terminated as e:
        return 128 + e.args[0] if e.args else ExitStatus.TERMINATED
    except OSError as e:  # the environment, not the input: a full disk, a closed stream
        _say_once(env, f"hostcost: error: cannot write the output: {e.strerror or e}")
        return ExitStatus.CANNOT_WRITE
    except Exception as e:  # a bug: say so in one line
        if env.environ.get("HOSTCOST_DEBUG", "0") not in ("", "0"):
            raise
        print(
            f"hostcost: internal error: {type(e).__name__}: {e} (HOSTCOST_DEBUG=1 shows the traceback)", file=env.stderr
        )
        return ExitStatus.INTERNAL
