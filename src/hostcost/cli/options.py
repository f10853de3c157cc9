"""The options commands share, declared once: the inputs of :data:`~hostcost.core.inputs.INPUTS`,
and the output options (--format, --output, --force, --lang).

A command asks for them with its class, ``@app.command(cls=Command.taking(...))``; they are
added to its own typer options as plain click options, and reach its body, read, as
``inputs(ctx)`` (a :class:`~hostcost.data.spec.Spec`) and ``output(ctx)`` (an :class:`Output`).
This module is light: ``--help`` must not load pint, rich or Babel.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperOption

from hostcost.core.inputs import INPUTS
from hostcost.errors import InputError
from hostcost.render import FORMATS

LANGS = ("en", "ja")


class Output(NamedTuple):
    """Where and how a command's result goes: --format (for a file, resolved from its extension),
    --output, --force and --lang."""

    fmt: str | None
    path: str | None
    force: bool
    lang: str


def _option(decls: list[str], help: str, metavar: str | None = None, **kw: Any) -> TyperOption:
    return TyperOption(param_decls=decls, type=str, metavar=metavar, help=help, show_default=False, **kw)


def _one_of(choices: Sequence[str]):
    """Shell completion of an option that takes one of ``choices``."""

    def complete(ctx, args: list[str], incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete)]

    return complete


def output_params() -> list[TyperOption]:
    """--format, --output, --force and --lang."""
    return [
        _option(
            ["--format", "-f", "output_format"],
            "Output format: " + ", ".join(FORMATS) + ". Default: table on a terminal, tsv in a pipe; with "
            "--output, the file's extension. jsonl is the rows of tsv as JSON lines; svg, html and txt are the "
            "table as a terminal shows it.",
            "FORMAT",
            autocompletion=_one_of(FORMATS),
        ),
        _option(
            ["--output", "-o", "output_path"],
            "Write the result to FILE (whole, or not at all), in the format its extension names: .svg, .html, "
            ".md, .csv, .tsv, .json, .jsonl or .txt.",
            "FILE",
        ),
        TyperOption(
            param_decls=["--force", "output_force"],
            is_flag=True,
            default=False,
            help="Let --output (and scenario's --save) replace a file that exists.",
        ),
        _option(
            ["--lang", "output_lang"],
            "Language of tables: en (the default), or ja (amounts in 万, 億 and 兆; Japanese labels). Machine "
            "formats (tsv, csv, json, jsonl) keep their English keys.",
            "en|ja",
            autocompletion=_one_of(LANGS),
        ),
    ]


def input_params(names: Sequence[str]) -> list[TyperOption]:
    """The options of the inputs ``names`` (with their shortcuts: --wages for --cost wages=…), in
    the table's order."""
    params = []
    for inp in INPUTS:
        if inp.option is None or inp.name not in names:
            continue
        for category, text in inp.shortcuts:
            params.append(_option([f"--{category}", f"shortcut_{category}"], text, "AMOUNT"))
        if inp.flag:
            params.append(TyperOption(param_decls=[inp.option, inp.param], is_flag=True, default=False, help=inp.help))
        else:
            params.append(_option([inp.option, inp.param], inp.help, inp.metavar, multiple=inp.repeatable))
    return params


def _given(options: dict[str, Any]) -> list:
    """The input options in ``options`` (by parameter name), as
    :class:`~hostcost.data.spec.Given` values for :func:`~hostcost.data.spec.build_spec`;
    ``NAME=VALUE`` options are split at the first ``=``."""
    from hostcost.data.spec import Given

    given = []
    for inp in INPUTS:
        if inp.option is None:
            continue
        for category, _ in inp.shortcuts:
            if options.get(f"shortcut_{category}") is not None:
                text = options[f"shortcut_{category}"]
                given.append(Given(inp.name, text, f"--{category}", category, f"given with --{category}"))
        value = options.get(inp.param)
        if inp.flag:
            if value:
                given.append(Given(inp.name, "true", inp.option, source=f"given with {inp.option}"))
            continue
        for text in value if isinstance(value, (list, tuple)) else () if value is None else (value,):
            if inp.per_category:
                key, sep, rest = text.partition("=")
                if not sep or not key.strip() or not rest.strip():
                    raise InputError(f"{inp.option} {text!r}: expected {inp.metavar}, such as {inp.example}")
                where = f"{inp.option} {key.strip()}"
                given.append(Given(inp.name, rest.strip(), where, key.strip(), f"given with {inp.option}"))
            else:
                given.append(Given(inp.name, text, inp.option, source=f"given with {inp.option}"))
    return given


def _output(options: dict[str, Any]) -> Output:
    """The output options, checked before any work is done: a bad --output is refused at once."""
    fmt, path, force, lang = (options.get(f"output_{k}") for k in ("format", "path", "force", "lang"))
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if lang is not None and lang not in LANGS:
        raise InputError(f"--lang {lang!r}: expected en or ja")
    if path is not None:
        from hostcost.render import EXTENSIONS
        from hostcost.render.files import check_writable, format_of

        check_writable("--output", path, bool(force))
        fmt = "txt" if fmt == "table" else format_of("--output", path, fmt, EXTENSIONS)  # a file: plain text
    return Output(fmt, path, bool(force), lang or "en")


class Command(TyperCommand):
    """A command with the shared options it is declared with (:meth:`taking`), which refuses an
    option given twice (``--troops 54000 --troops 45000``) instead of taking the last one
    silently. Options declared repeatable (``--host-share``) and flags may be repeated."""

    inputs: tuple[str, ...] = ()
    output = False

    @classmethod
    def taking(cls, *inputs: str, output: bool = True) -> type[Command]:
        """The command class of a command with the options of ``inputs`` and, with ``output``,
        the output options."""
        return type("Command", (cls,), {"inputs": inputs, "output": output})

    def __init__(self, *args: Any, params: list | None = None, **kwargs: Any) -> None:
        shared = [*(output_params() if self.output else ()), *input_params(self.inputs)]
        super().__init__(*args, params=[*(params or ()), *shared], **kwargs)
        self._shared = {p.name for p in shared}

    def parse_args(self, ctx, args):
        if not ctx.resilient_parsing:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
            seen = set()
            for param in order:
                if param.param_type_name != "option" or param.multiple or param.is_flag:
                    continue
                if param in seen:
                    ctx.fail(f"{param.opts[0]} is given twice; give it once")
                seen.add(param)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        shared = {name: ctx.params.pop(name) for name in list(ctx.params) if name in self._shared}
        if self.output:
            ctx.meta["hostcost.output"] = _output(shared)  # first: a bad --output before any input is read
        ctx.meta["hostcost.given"] = shared
        return super().invoke(ctx)


def inputs(ctx: typer.Context):
    """The input options given to the command of ``ctx``, read into a
    :class:`~hostcost.data.spec.Spec`."""
    from hostcost.data.spec import build_spec, standard_labels

    return build_spec(_given(ctx.meta["hostcost.given"]), standard_labels())


def output(ctx: typer.Context) -> Output:
    """The output options given to the command of ``ctx``."""
    return ctx.meta["hostcost.output"]


@contextmanager
def destination(ctx: typer.Context, newline: str | None = None) -> Iterator:
    """The environment to write the command's result in: the one in force, or, with --output,
    one whose stdout is the file, which appears whole when the block ends, or not at all."""
    from hostcost.env import Env

    out = output(ctx)
    env = Env.current()
    if out.path is None:
        yield env
        return
    from hostcost.render.files import atomic_writer

    with atomic_writer("--output", out.path, out.force, newline=newline) as f:
        yield env.to(f)


def emit(ctx: typer.Context, result) -> None:
    """Show ``result`` (a :class:`~hostcost.results.Result`) on stdout, or write it to --output,
    whole or not at all."""
    from hostcost.render import emit as write

    out = output(ctx)
    with destination(ctx) as env:
        write(result.view, out.fmt, env, out.lang)


def emit_rows(ctx: typer.Context, run, flush_each: bool) -> None:
    """Write a batch's rows (an :class:`~hostcost.api.batchrun.BatchRun`) as they are worked out,
    to stdout or to --output: tsv, csv, jsonl and json a row at a time (flushed after each with
    ``flush_each``), a table once the last row is in."""
    from hostcost.env import Env
    from hostcost.render import TABLE_FORMATS
    from hostcost.render.rows import write_rows
    from hostcost.results import Rows
    from hostcost.views.batch import TEXT_COLUMNS, batch_view, typed

    fmt = output(ctx).fmt or Env.current().default_format()
    if fmt in TABLE_FORMATS:  # a table needs every row before it can be laid out
        emit(ctx, Rows(batch_view(run.header, list(run.results()), run.skipped)))
        return
    with destination(ctx, newline="") as env:
        trailer = lambda: {"skipped": run.skipped} if run.skipped else {}  # noqa: E731
        for _ in write_rows(env.stdout, run.header, run.results(), fmt, TEXT_COLUMNS, typed, trailer):
            if flush_each:
                env.stdout.flush()
        env.stdout.flush()


def say(message: str) -> None:
    """A line on stderr: a note, or an error that does not stop the command."""
    from hostcost.env import Env

    print(message, file=Env.current().stderr)


def show(text: str) -> None:
    """``text`` on stdout, as a line."""
    from hostcost.env import Env

    print(text, file=Env.current().stdout)


# -- files a command writes besides its result -----------------------------------------------------

PLOT_HELP = (
    "Also draw a chart to FILE (.png or .svg): host and US payments against the baseline. "
    "Needs matplotlib: pip install 'hostcost[plot]'."
)


def check_plot(ctx: typer.Context, path: str | None) -> None:
    """Refuse a --plot that cannot be drawn, before any work is done."""
    if path is not None:
        from hostcost.render.charts import check_plot_file

        check_plot_file(path, output(ctx).force)


def plot(ctx: typer.Context, path: str | None, chart) -> None:
    """Draw ``chart(hostcost.render.charts)`` to ``path``, when --plot was given."""
    if path is not None:
        from hostcost.render import charts

        charts.write_plot(chart(charts), path, output(ctx).force)


def write_file(option: str, path: str, text: str, force: bool) -> None:
    """Write ``text`` to ``path``, whole or not at all."""
    from hostcost.render.files import atomic_writer

    with atomic_writer(option, path, force) as f:
        f.write(text)
