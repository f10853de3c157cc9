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
from hostcost.render import BINARY_FORMATS, FORMATS
from hostcost.views import FIGURES

LANGS = ("en", "ja")


class Output(NamedTuple):
    """Where and how a command's result goes: --format (for a file, resolved from its extension),
    --output, --force, --bom, and how tables are shown (--lang, --figures, --currency-shown,
    --records)."""

    fmt: str | None
    path: str | None
    force: bool
    style: Any  # hostcost.views.Style
    bom: bool = False

    @property
    def lang(self) -> str:
        return self.style.lang


def _option(decls: list[str], help: str, metavar: str | None = None, **kw: Any) -> TyperOption:
    return TyperOption(param_decls=decls, type=str, metavar=metavar, help=help, show_default=False, **kw)


def _one_of(choices: Sequence[str]):
    """Shell completion of an option that takes one of ``choices``."""

    def complete(ctx, args: list[str], incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete)]

    return complete


def _flag(decls: list[str], help: str) -> TyperOption:
    return TyperOption(param_decls=decls, is_flag=True, default=False, help=help)


def output_params() -> list[TyperOption]:
    """--format, --output, --force, --bom, --lang, --figures, --currency-shown and --records."""
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
        _flag(["--force", "output_force"], "Let --output (and scenario's --save) replace a file that exists."),
        _flag(
            ["--bom", "output_bom"],
            "Start csv and tsv with a byte-order mark, so that Excel on Windows opens non-ASCII labels correctly.",
        ),
        _option(
            ["--lang", "output_lang"],
            "Language of tables: en (the default), or ja (amounts as the Japanese press writes them, "
            "390万7,778円; Japanese labels). Machine formats (tsv, csv, json, jsonl) keep their English keys.",
            "en|ja",
            autocompletion=_one_of(LANGS),
        ),
        _option(
            ["--figures", "output_figures"],
            "How tables, exports and charts write figures: short (the default: three significant figures or "
            "more, as many as keep a column's figures apart, $1.89B) or full (every cent and yen). tsv, csv, "
            "json and xlsx cells are always exact.",
            "short|full",
            autocompletion=_one_of(FIGURES),
        ),
        _option(
            ["--currency-shown", "output_currencies"],
            "Show only these currencies' figures in tables (USD, or USD,JPY); machine formats keep them all.",
            "CUR[,CUR]",
        ),
        _flag(["--records", "output_records"], "On a terminal, show each row of a table as a card of its own."),
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
    from hostcost.env import Env
    from hostcost.views import Style

    fmt, path, force, lang, figures = (
        options.get(f"output_{k}") for k in ("format", "path", "force", "lang", "figures")
    )
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if lang is not None and lang not in LANGS:
        raise InputError(f"--lang {lang!r}: expected en or ja")
    if figures is not None and figures not in FIGURES:
        raise InputError(f"--figures {figures!r}: expected short (the default) or full")
    style = Style(
        lang or "en",
        figures or "short",
        _currencies(options.get("output_currencies")),
        bool(options.get("output_records")),
    )
    if path == "-":  # as for every input, - is the standard stream
        path = None
    if path is not None:
        from hostcost.render import EXTENSIONS
        from hostcost.render.files import check_writable, format_of

        check_writable("--output", path, bool(force))
        fmt = "txt" if fmt == "table" else format_of("--output", path, fmt, EXTENSIONS)  # a file: plain text
    if (
        fmt in BINARY_FORMATS
        and path is None
        and (Env.current().stdout_tty or not hasattr(Env.current().stdout, "buffer"))
    ):
        raise InputError(
            f"-f {fmt} writes a spreadsheet, which is not text: give -o FILE.{fmt}, or send stdout to a file"
        )
    if options.get("output_bom") and (fmt or Env.current().default_format()) not in ("csv", "tsv"):
        raise InputError("--bom is for csv and tsv output (Excel reads the mark); add -f csv or write to a .csv file")
    return Output(fmt, path, bool(force), style, bool(options.get("output_bom")))


def _currencies(text: str | None) -> tuple[str, ...]:
    """--currency-shown's codes, each checked against ISO 4217."""
    if text is None:
        return ()
    from hostcost.core.amounts import is_iso_currency

    codes = tuple(c.strip().upper() for c in text.split(","))
    for code in codes:
        if not is_iso_currency(code):
            raise InputError(
                f"--currency-shown {text!r}: {code!r} is not an ISO 4217 currency code; write USD or USD,JPY"
            )
    return codes


class Command(TyperCommand):
    """A command with the shared options it is declared with (:meth:`taking`), which refuses an
    option given twice (``--troops 54000 --troops 45000``) instead of taking the last one
    silently. Options declared repeatable (``--host-share``) and flags may be repeated."""

    inputs: tuple[str, ...] = ()
    output = False
    plots = False

    @classmethod
    def taking(cls, *inputs: str, output: bool = True, plots: bool = False) -> type[Command]:
        """The command class of a command with the options of ``inputs`` and, with ``output``,
        the output options; with ``plots``, --plot and --plot-currency."""
        return type("Command", (cls,), {"inputs": inputs, "output": output, "plots": plots})

    def __init__(self, *args: Any, params: list | None = None, **kwargs: Any) -> None:
        shared = [
            *(plot_params() if self.plots else ()),
            *(output_params() if self.output else ()),
            *input_params(self.inputs),
        ]
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
        files = {"--output": shared.get("output_path"), "--plot": shared.get("plot_path")}
        files["--save"] = ctx.params.get("save")
        _each_its_own_file(files)
        if self.output:
            ctx.meta["hostcost.output"] = _output(shared)  # first: a bad --output before any input is read
        if self.plots:
            ctx.meta["hostcost.plot"] = _plot(shared, bool(shared.get("output_force")))
        ctx.meta["hostcost.given"] = shared
        from hostcost.core.money import exactly

        run = exactly(super().invoke)  # every figure worked out and written in the money context's digits
        if not any(files.values()):
            return run(ctx)
        from hostcost.render.files import all_or_none

        with all_or_none(done=(typer.Exit,)):  # the files appear once all the work is done, or none
            return run(ctx)


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


@contextmanager
def binary_destination(ctx: typer.Context) -> Iterator:
    """Where a spreadsheet goes: the --output file (whole, or not at all), or stdout's bytes."""
    from hostcost.env import Env

    out = output(ctx)
    if out.path is None:
        stream = Env.current().stdout
        stream.flush()
        yield stream.buffer
        stream.buffer.flush()
        return
    from hostcost.render.files import atomic_writer

    with atomic_writer("--output", out.path, out.force, binary=True) as f:
        yield f


def emit(ctx: typer.Context, result) -> None:
    """Show ``result`` (a :class:`~hostcost.results.Result`) on stdout, or write it to --output,
    whole or not at all."""
    from hostcost.render import emit as write

    out = output(ctx)
    if out.fmt in BINARY_FORMATS:
        from hostcost.render.xlsx import write_view

        with binary_destination(ctx) as f:
            write_view(result.view, f, out.style)
        return
    with destination(ctx) as env:
        _bom(out, env)
        write(result.view, out.fmt, env, out.style)


def _bom(out: Output, env) -> None:
    """With --bom, the byte-order mark that tells Excel a csv or tsv file is UTF-8."""
    if out.bom:
        env.stdout.write("\ufeff")


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
    if fmt in BINARY_FORMATS:  # a spreadsheet of the rows, each written as it comes
        from hostcost.render.xlsx import Book, sheet_rows

        with binary_destination(ctx) as f:
            book = Book(f, constant_memory=True)
            for _ in sheet_rows(book, run.header, (typed(run.header, r) for r in run.results()), "Batch"):
                pass
            book.notes += [("Skipped", message) for message in run.skipped]
            book.close()
        return
    with destination(ctx, newline="") as env:
        _bom(output(ctx), env)
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


def plot_params() -> list[TyperOption]:
    """--plot and --plot-currency."""
    return [
        _option(
            ["--plot", "plot_path"],
            "Also draw a chart to FILE (.png, .svg or .pdf): host and US payments against the baseline, each "
            "bar with its figure. Needs matplotlib: pip install 'hostcost[plot]'.",
            "FILE",
        ),
        _option(
            ["--plot-currency", "plot_currency"],
            "The currency the chart is drawn in (USD, the default, or JPY, KRW … where the figures have it).",
            "CUR",
        ),
    ]


class Plot(NamedTuple):
    """--plot and --plot-currency, checked."""

    path: str | None
    currency: str


def _each_its_own_file(paths: dict[str, str | None]) -> None:
    """Refuse, before any work, two options that name one file (``--save x.toml -o x.toml``):
    the second file written would replace the first."""
    import os

    seen: dict[str, str] = {}
    for option, path in paths.items():
        if path is None or path == "-":
            continue
        key = os.path.realpath(path)
        if key in seen:
            raise InputError(f"{seen[key]} and {option} both name {path}; give each its own file")
        seen[key] = option


def _plot(options: dict[str, Any], force: bool) -> Plot:
    """Refuse a --plot that cannot be drawn, before any work is done."""
    path, currency = options.get("plot_path"), options.get("plot_currency")
    if path is None:
        if currency is not None:
            raise InputError("--plot-currency goes with --plot FILE: give the file to draw")
        return Plot(None, "USD")
    from hostcost.render.charts import check_plot_currency, check_plot_file

    check_plot_file(path, force)
    return Plot(path, check_plot_currency(currency))


def plot(ctx: typer.Context, chart):
    """The chart ``chart(hostcost.render.charts, currency, lang)`` for the --plot file, worked out
    now (so that a currency the figures lack is refused before anything is written), and a
    function that draws it there: in the table's language where a font draws it, else in
    English, with a warning. Without --plot, a function that does nothing."""
    found: Plot = ctx.meta["hostcost.plot"]
    if found.path is None:
        return lambda: None
    from hostcost.render import charts

    lang, font = output(ctx).lang, None
    if lang == "ja":
        font = charts.cjk_font()
        if font is None:
            lang = "en"
            say(f"hostcost: warning: no font draws Japanese, so the chart is in English; install {charts.CJK_PACKAGE}")
    drawn = chart(charts, found.currency, lang)
    return lambda: charts.write_plot(drawn, found.path, output(ctx).force, font)


def write_file(option: str, path: str, text: str, force: bool) -> None:
    """Write ``text`` to ``path``, whole or not at all."""
    from hostcost.render.files import atomic_writer

    with atomic_writer(option, path, force) as f:
        f.write(text)
