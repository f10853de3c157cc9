"""The ``hostcost`` command line: options in, core calls, a View out. No arithmetic here."""

from __future__ import annotations

import functools
import inspect
import os
import signal
import sys
from enum import StrEnum
from typing import Annotated, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup

from hostcost import __version__
from hostcost.core.inputs import INPUTS, batch_columns
from hostcost.errors import ExitStatus, HostcostError, InputError, Terminated


class _Group(TyperGroup):
    """Reports usage errors (an unknown option, a bad choice) the way hostcost reports its own:
    one line naming the value, and where to look, on stderr, with exit code 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except Exception as e:
            if not (hasattr(e, "format_message") and hasattr(e, "exit_code")):  # not a usage error
                raise
            if type(e).__name__ == "NoArgsIsHelpError":  # plain `hostcost`: the help, on stderr
                typer.echo(e.format_message(), err=True)
                sys.exit(e.exit_code)
            ctx = getattr(e, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            typer.echo(f"hostcost: error: {e.format_message()}{hint}", err=True)
            sys.exit(e.exit_code)
        sys.exit(rv if isinstance(rv, int) else ExitStatus.SUCCESS)


class _Command(TyperCommand):
    """A command that refuses an option given twice (``--troops 54000 --troops 45000``) instead of
    taking the last one silently. Options declared repeatable (``--host-share``) and flags may be
    repeated."""

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


app = typer.Typer(
    cls=_Group,
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


class SolveFor(StrEnum):
    share = "share"
    rate = "rate"
    troops = "troops"
    markup = "markup"


class SolveOutput(StrEnum):
    host = "host"
    us = "us"
    total = "total"
    host_per_troop = "host-per-troop"


class Format(StrEnum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    svg = "svg"
    html = "html"
    txt = "txt"


class Lang(StrEnum):
    en = "en"
    ja = "ja"


FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, tsv in a pipe; with --output, the file's extension. "
        "svg, html and txt are the table as a terminal shows it.",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the result to FILE (whole, or not at all), in the format its extension names: .svg, .html, "
        ".md, .csv, .tsv, .json or .txt.",
        show_default=False,
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Let --output (and scenario's --save) replace a file that exists.")
]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        help="Language of tables: en, or ja (amounts in 万, 億 and 兆; Japanese labels). Machine formats "
        "(tsv, csv, json) keep their English keys.",
    ),
]


def _input_option(inp, option: str | None = None, help: str | None = None):
    """The typer annotation of the option of ``inp`` (an :class:`~hostcost.core.inputs.Input`): its
    name, metavar and help come from the table of inputs."""
    if inp.flag:
        return Annotated[bool, typer.Option(option or inp.option, help=help or inp.help)]
    kind = list[str] | None if inp.repeatable else str | None
    return Annotated[
        kind, typer.Option(option or inp.option, metavar=inp.metavar, help=help or inp.help, show_default=False)
    ]


#: The inputs that say which rates are in force, and how figures are restated in other prices.
RATE_INPUTS = ("rate", "rate_at", "rate_year", "rates")
PRICE_INPUTS = ("prices", "price_year", "index")


PlotOpt = Annotated[
    str | None,
    typer.Option(
        "--plot",
        metavar="FILE",
        help="Also draw a chart to FILE (.png or .svg): host and US payments against the baseline. "
        "Needs matplotlib: pip install 'hostcost[plot]'.",
        show_default=False,
    ),
]


def _plot(path: str | None, force: bool, chart) -> None:
    """Draw ``chart(hostcost.render.charts)`` to ``path``, when --plot was given."""
    if path is not None:
        from hostcost.render import charts

        charts.write_plot(chart(charts), path, force)


def _check_plot(path: str | None, force: bool) -> None:
    """Refuse a --plot that cannot be drawn, before any work is done."""
    if path is not None:
        from hostcost.render.charts import check_plot_file

        check_plot_file(path, force)


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


def reports_errors(fn):
    """Turn hostcost's own errors into one line on stderr and their exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except HostcostError as e:
            typer.echo(f"hostcost: error: {e}", err=True)
            raise typer.Exit(int(e.exit_status)) from None

    return wrapper


def _option(name: str, parse, text: str, *args):
    """``parse(text, *args)``, with ``name`` put in front of any error it raises."""
    try:
        return parse(text, *args)
    except HostcostError as e:
        raise type(e)(f"{name}: {e}") from None


def _pairs(name: str, values: list[str] | None, example: str) -> list[tuple[str, str]]:
    out = []
    for v in values or ():
        key, sep, value = v.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"{name} {v!r}: expected {example}")
        out.append((key.strip(), value.strip()))
    return out


def _rates(builtin, spec):
    """The rates in force for a command without scenario options, from the rate inputs of
    ``spec``: --rate over --rate-at (with any --rates files), over the baseline's own."""
    from hostcost.data.spec import rates_given

    return rates_given(spec, builtin)


def _period_rates(builtin, spec):
    """The rates of a period, with the --rate and --rates of ``spec``: for a batch row's
    ``rate_at``."""
    from hostcost.data.builtin import rates_in_force
    from hostcost.data.series import load_files

    series = load_files(spec.rate_files)
    return lambda period: rates_in_force(builtin, spec.rates, period, series=series)


def _currency_option(name: str, text: str) -> str:
    from hostcost.core.amounts import currency_code

    return _option(name, currency_code, text)


class Output(NamedTuple):
    """Where and how a command's result goes: --format (for a file, resolved from its extension),
    --output, --force and --lang."""

    fmt: str | None
    path: str | None
    force: bool
    lang: str


def _output_template(
    fmt: FormatOpt = None, output: OutputOpt = None, force: ForceOpt = False, lang: LangOpt = Lang.en
) -> None:
    """The options every command that shows a result takes."""


@functools.cache
def _signature(fn) -> inspect.Signature:
    return inspect.signature(fn, eval_str=True)


class _WithOptions:
    """A command ``fn`` with the options of the signature ``shared()`` added to its own; they reach
    it as one value, ``make(**options)``, in its parameter ``param``. The merged signature is
    worked out when typer asks for it, so only the command that runs pays for it (start-up)."""

    def __init__(self, fn, shared, make, param: str) -> None:
        functools.update_wrapper(self, fn, updated=())
        self._fn, self._shared, self._make, self._param = fn, shared, make, param

    @functools.cached_property
    def __signature__(self) -> inspect.Signature:
        own = _signature(self._fn)
        params = [p for p in own.parameters.values() if p.name != self._param]
        shared = self._shared().parameters.values()
        return own.replace(parameters=[*params, *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in shared)])

    def __call__(self, **kwargs):
        options = {name: kwargs.pop(name) for name in self._shared().parameters}
        return self._fn(**{self._param: self._make(**options)}, **kwargs)


def _make_output(fmt, output, force, lang) -> Output:
    """The output options, checked before any work is done: a bad --output is refused at once."""
    fmt = fmt.value if fmt else None
    if output is not None:
        from hostcost.render import EXTENSIONS
        from hostcost.render.files import check_writable, format_of

        check_writable("--output", output, force)
        fmt = "txt" if fmt == "table" else format_of("--output", output, fmt, EXTENSIONS)  # a file: plain text
    return Output(fmt, output, force, lang.value)


def output_options(fn):
    """Give ``fn`` the options --format, --output, --force and --lang; it receives them as one
    :class:`Output` in ``out``."""
    return _WithOptions(fn, lambda: _signature(_output_template), _make_output, "out")


def _emit(view, out: Output) -> None:
    """Show ``view`` on stdout, or write it to --output, whole or not at all."""
    from hostcost.render import Env, emit

    if out.path is None:
        emit(view, out.fmt, Env.current(), out.lang)
        return
    from hostcost.render.files import atomic_writer

    with atomic_writer("--output", out.path, out.force) as f:
        emit(view, out.fmt, Env(f, sys.stderr, os.environ), out.lang)


@functools.cache
def _inputs_signature(names: tuple[str, ...]) -> inspect.Signature:
    """The options of the inputs ``names`` of :data:`~hostcost.core.inputs.INPUTS` (with their
    shortcuts, --wages for --cost wages=…), in the table's order."""
    params = []
    for inp in INPUTS:
        if inp.option is None or inp.name not in names:
            continue
        for category, text in inp.shortcuts:
            params.append(
                inspect.Parameter(
                    category,
                    inspect.Parameter.KEYWORD_ONLY,
                    default=None,
                    annotation=Annotated[
                        str | None, typer.Option(f"--{category}", metavar="AMOUNT", help=text, show_default=False)
                    ],
                )
            )
        default = False if inp.flag else None
        params.append(
            inspect.Parameter(inp.param, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=_input_option(inp))
        )
    return inspect.Signature(params)


#: Every input with an option: the options of scenario, sweep and solve.
SCENARIO_INPUTS = tuple(i.name for i in INPUTS if i.option)


def _scenario_signature() -> inspect.Signature:
    return _inputs_signature(SCENARIO_INPUTS)


def input_options(*names: str):
    """Give a command the options of the inputs ``names`` (default: all, as scenario has); it
    receives them, read, as one :class:`~hostcost.data.spec.Spec` in ``spec``."""
    chosen = names or SCENARIO_INPUTS
    return lambda fn: _WithOptions(fn, lambda: _inputs_signature(chosen), _spec_from_options, "spec")


scenario_options = input_options()


def option_given(options: dict) -> list:
    """The scenario options in ``options`` (by parameter name; any may be missing), as
    :class:`~hostcost.data.spec.Given` values for :func:`~hostcost.data.spec.build_spec`; ``NAME=VALUE``
    options are split at the first ``=``."""
    from hostcost.data.spec import Given

    given = []
    for inp in INPUTS:
        if inp.option is None:
            continue
        for category, _ in inp.shortcuts:
            if options.get(category) is not None:
                given.append(Given(inp.name, options[category], f"--{category}", category, f"given with --{category}"))
        value = options.get(inp.param)
        if inp.flag:
            if value:
                given.append(Given(inp.name, "true", inp.option, source=f"given with {inp.option}"))
            continue
        for text in value if isinstance(value, list) else () if value is None else (value,):
            if inp.per_category:
                key, sep, rest = text.partition("=")
                if not sep or not key.strip() or not rest.strip():
                    raise InputError(f"{inp.option} {text!r}: expected {inp.metavar}, such as {inp.example}")
                where = f"{inp.option} {key.strip()}"
                given.append(Given(inp.name, rest.strip(), where, key.strip(), f"given with {inp.option}"))
            else:
                given.append(Given(inp.name, text, inp.option, source=f"given with {inp.option}"))
    return given


def _spec_from_options(**options):
    from hostcost.data.spec import build_spec, standard_labels

    return build_spec(option_given(options), standard_labels())


def _read_spec(path: str | None, spec):
    """``spec`` laid over the scenario file at ``path`` (``-``: stdin), if one is given."""
    if path is None:
        return spec
    from hostcost.data.spec import load_spec

    where = "<stdin>" if path == "-" else path
    return spec.over(load_spec("\n".join(_read_lines("FILE", path, "a scenario file")), where))


def _resolve(spec):
    from hostcost.data.builtin import load_builtin
    from hostcost.data.spec import resolve

    builtin = load_builtin()
    return builtin, resolve(spec, builtin)


SCENARIO_EPILOG = """\b
Examples:
  hostcost scenario
  hostcost scenario --host-share 75 --rate 150
  hostcost scenario --troops 45,000 --share utilities=61 --breakdown
  hostcost scenario --wages ¥150B --utilities ¥20B --drills ¥30B --host-share 50 -f json
  hostcost scenario --preset korea-2021 --host-share 100
  hostcost scenario --troops-change -9000 --host-share 100        # 9,000 Marines leave
  hostcost scenario --markup 50 --host-share 100                  # cost plus 50%
  hostcost scenario --preset sma-2022 --years 5 --start-year 2022 --host-share 100
  hostcost scenario --preset fy2021 --output briefing.svg --plot briefing.png
  hostcost scenario --lang ja                                     # 億 and 兆
  hostcost scenario examples/guam-relocation.toml
  hostcost scenario --host-share 80 --save my-scenario.toml
"""


@app.command(cls=_Command, epilog=SCENARIO_EPILOG)
@reports_errors
@scenario_options
@output_options
def scenario(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]",
            help="A scenario file (TOML; - for stdin). Options given as well override it.",
            show_default=False,
        ),
    ] = None,
    save: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Write what was run to FILE, a scenario file that reproduces it exactly."),
    ] = None,
    breakdown: Annotated[bool, typer.Option(help="Show each scenario's split by category.")] = False,
    plot: PlotOpt = None,
    spec=None,
    out=None,
) -> None:
    """Who pays what, host or US, under several splits, set against the $1.9B (¥200B) baseline.

    With no costs given, uses Japan's FY2020 host-nation-support budget (¥199.3B in five
    categories) and 54,000 troops. Once any cost is given, only the costs given are used
    (with --preset or a FILE, they replace or add to its costs). Amounts take a currency:
    ¥22.3B, 2000億円, $1.9bn, 200 billion yen.
    """
    from hostcost.data.spec import dump_spec
    from hostcost.views.scenario import scenario_view

    _check_plot(plot, out.force)
    builtin, resolved = _resolve(_read_spec(file, spec))
    report = resolved.report(builtin)
    if save is not None:
        _write_file("--save", save, dump_spec(resolved.spec), out.force)
    _emit(scenario_view(report, resolved.cost_note, breakdown, resolved.preset), out)
    _plot(plot, out.force, lambda charts: charts.scenario_chart(report))


def _write_file(option: str, path: str, text: str, force: bool) -> None:
    """Write ``text`` to ``path``, whole or not at all."""
    from hostcost.render.files import atomic_writer

    with atomic_writer(option, path, force) as f:
        f.write(text)


def _one_scenario(spec):
    """A spec with one host share (100% unless given), for sweep and solve."""
    from dataclasses import replace
    from decimal import Decimal

    return replace(spec, host_shares=spec.host_shares[:1] or (Decimal(1),))


SWEEP_EPILOG = """\b
Examples:
  hostcost sweep --vary rate=100:160:10
  hostcost sweep --vary host-share=50:100:10 -f tsv
  hostcost sweep --vary wages=¥100B:¥200B:¥25B --host-share 100
  hostcost sweep --vary troops=30000:54000:6000 --host-share 100
  hostcost sweep examples/guam-relocation.toml --vary markup=0:50:10 -f json
  hostcost sweep --vary host-share=0:100:10 --plot sweep.svg
"""


@app.command(cls=_Command, epilog=SWEEP_EPILOG)
@reports_errors
@scenario_options
@output_options
def sweep(
    file: Annotated[
        str | None,
        typer.Argument(metavar="[FILE]", help="A scenario file (TOML; - for stdin) to start from.", show_default=False),
    ] = None,
    vary: Annotated[
        str,
        typer.Option(
            metavar="NAME=START:STOP:STEP",
            help="The input to vary: rate (yen per dollar), host-share (percent), "
            "troops, markup (percent), or a cost category, whose bounds are amounts (wages=¥100B:¥200B:¥25B). "
            "STOP is included when a step lands on it.",
        ),
    ] = ...,
    plot: PlotOpt = None,
    spec=None,
    out=None,
) -> None:
    """One row per value of an input: where does the host payment cross the baseline?

    The scenario runs at one host share: 100% unless --host-share says otherwise.
    """
    from hostcost.core.whatif import parse_vary, refuse_given_and_varied, run_sweep
    from hostcost.views.whatif import sweep_view

    _check_plot(plot, out.force)
    given = _read_spec(file, spec)
    varied = _option("--vary", parse_vary, vary, given.currency)
    refuse_given_and_varied(varied, given.host_shares, given.troops_change, given.markup, given.rates)
    builtin, resolved = _resolve(_one_scenario(given))
    steps = run_sweep(
        resolved.scenarios[0], resolved.rates, builtin.baseline, varied, resolved.sources, resolved.restated
    )
    _emit(sweep_view(varied, steps, resolved.cost_note), out)
    _plot(plot, out.force, lambda charts: charts.sweep_chart(varied.name, steps))


SOLVE_EPILOG = """\b
Examples:
  hostcost solve --target '$8B' --for markup                  # cost plus what makes $8B?
  hostcost solve --target '$1.5B' --for rate                  # at what yen rate is ¥199.3B $1.5B?
  hostcost solve --target '$1B' --for host-share
  hostcost solve --target '$40,000' --for troops --of host-per-troop --host-share 100
  hostcost solve --target '$8B' --for host-share              # exits 1: 100% pays $1.89B
"""


@app.command(cls=_Command, epilog=SOLVE_EPILOG)
@reports_errors
@scenario_options
@output_options
def solve(
    file: Annotated[
        str | None,
        typer.Argument(metavar="[FILE]", help="A scenario file (TOML; - for stdin) to start from.", show_default=False),
    ] = None,
    target: Annotated[str, typer.Option(metavar="AMOUNT", help="The amount to reach, such as '$8B'.")] = ...,
    for_: Annotated[SolveFor, typer.Option("--for", help="The input to solve for.")] = ...,
    of: Annotated[
        SolveOutput, typer.Option("--of", help="The output to bring to the target (--output names a file).")
    ] = SolveOutput.host,
    spec=None,
    out=None,
) -> None:
    """Goal seek: the value of one input that makes an output equal a target.

    Exit status 1, with a sentence, when no value in the input's range reaches the target. Shares
    and markups are percents here, and fractions in JSON. The scenario runs at one host share:
    100% unless --host-share says otherwise.
    """
    from hostcost.core.amounts import parse_cost
    from hostcost.core.scenario import run_report
    from hostcost.core.whatif import solve as solve_for
    from hostcost.views.whatif import solve_view

    given = _read_spec(file, spec)
    goal = _option("--target", parse_cost, target, given.currency)
    builtin, resolved = _resolve(_one_scenario(given))
    name = {"share": "host-share"}.get(for_.value, for_.value)
    solution = solve_for(resolved.scenarios[0], resolved.rates, name, goal, of.value)
    report = run_report([solution.inputs], builtin.baseline, solution.rates, resolved.sources, resolved.restated)
    _emit(solve_view(solution, goal, of.value, report, resolved.cost_note), out)


COMPARE_EPILOG = """\b
Examples:
  hostcost compare fy2020 fy2021
  hostcost compare sma-2016 sma-2022 demand-2019 -f json
  hostcost compare examples/guam-relocation.toml examples/cost-plus-50.toml
  hostcost compare fy2020 fy2021 sma-2022 --plot compare.png --output compare.html
  hostcost compare sma-2016 sma-2022 --prices 2024          # in 2024 dollars
"""


@app.command(cls=_Command, epilog=COMPARE_EPILOG)
@reports_errors
@input_options(*PRICE_INPUTS)
@output_options
def compare(
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="INPUT...", help="Scenario files or preset names; each is set against the first."),
    ],
    plot: PlotOpt = None,
    spec=None,
    out=None,
) -> None:
    """Scenarios side by side: one column each, compared with the first.

    Each INPUT runs at its own host shares, or at 100% if it names none, and at its own rates.
    --prices restates each in one year's prices, from its own year.
    """
    import os

    from hostcost.data.spec import Spec
    from hostcost.views.whatif import compare_view

    _check_plot(plot, out.force)
    named = []
    for given in inputs:
        each = _read_spec(given, Spec()) if os.path.exists(given) or given == "-" else Spec(preset=given)
        each = spec.over(each if each.host_shares else _one_scenario(each))
        builtin, resolved = _resolve(each)
        named.append((given, resolved.report(builtin)))
    _emit(compare_view(named), out)
    _plot(plot, out.force, lambda charts: charts.compare_chart(named))


class BatchFormat(StrEnum):
    tsv = "tsv"
    csv = "csv"
    jsonl = "jsonl"


BATCH_EPILOG = """\b
Examples:
  hostcost batch cases.csv > results.tsv
  printf 'name,troops,host_share,wages\\na,54000,75,¥128.7B\\n' | hostcost batch -
  hostcost batch cases.tsv --rate-year 2023 -f csv
  hostcost batch cases.jsonl --skip-bad -f jsonl | jq .host_USD
  hostcost batch cases.csv --output results.csv               # whole, or no file at all
"""


BATCH_HELP = f"""One scenario per input row, streamed out as it is worked out.

Columns, whatever their case and separators: {batch_columns()}. Every other column is a cost
category, whose cells are amounts with a currency (¥128.7B; --currency names the currency of
bare ones). A header that is a near miss of a column (troop), an input batch does not take, or one
of hostcost's output columns is refused. A blank cell takes the default; once a row gives any cost,
only the costs it gives count, and a row that gives none takes the built-in FY2020 costs, as in
hostcost scenario. The output has the columns of hostcost scenario's TSV, with the same figures. A
bad row stops the batch (exit 2) naming its row and column; rows before it are already out, whole.
"""


@app.command(cls=_Command, help=BATCH_HELP, epilog=BATCH_EPILOG)
@reports_errors
@input_options(*RATE_INPUTS, "currency")
def batch(
    file: Annotated[
        str, typer.Argument(metavar="[FILE]", help="Rows: CSV, TSV or JSON lines (- or nothing: stdin).")
    ] = "-",
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            metavar="csv|tsv|jsonl",
            help="The input's format. Default: sniffed from its first line.",
            show_default=False,
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad",
            help="Report a bad row on stderr and go on (exit status 1 if any was skipped), instead of "
            "stopping at it (exit status 2).",
        ),
    ] = False,
    fmt: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format", "-f", help="Output format. Default: tsv, or the extension of --output.", show_default=False
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the rows to FILE (.tsv, .csv or .jsonl): it appears, whole, when the batch ends; "
            "a batch stopped by a bad row leaves no file.",
            show_default=False,
        ),
    ] = None,
    force: ForceOpt = False,
    spec=None,
) -> None:
    import csv
    import itertools

    from hostcost.core.batch import INPUT_FORMATS, Batch, RowError, columns, read_rows, sniff, write_rows
    from hostcost.data.builtin import load_builtin

    kind = fmt.value if fmt else "tsv"
    if output is not None:  # a bad --output is found before any row is read
        from hostcost.render.files import check_writable, format_of

        check_writable("--output", output, force)
        kind = format_of("--output", output, fmt.value if fmt else None, {f".{k.value}": k.value for k in BatchFormat})
    builtin = load_builtin()
    rates = _rates(builtin, spec)
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise InputError(f"--input-format {input_format!r}: expected csv, tsv or jsonl")
    stream, regular = _open_input("FILE", file, "the rows", newline="")
    try:
        first = stream.readline()
    except UnicodeDecodeError:
        raise InputError(f"FILE {file}: not UTF-8 text; expected rows in UTF-8") from None
    lines = itertools.chain([first], stream)
    rows = read_rows(lines, input_format or sniff(first))
    runner = Batch(
        rates,
        builtin.baseline,
        builtin.categories,
        builtin.baseline.troops,
        columns(first, input_format),
        spec.currency,
        _period_rates(builtin, spec),
    )
    skipped = 0

    def results():
        nonlocal skipped
        for row in rows:
            try:
                yield runner.run(row)
            except RowError as e:
                if not skip_bad:
                    raise
                skipped += 1
                typer.echo(f"hostcost: skipped {e}", err=True)

    def write(out) -> None:
        try:
            for _ in write_rows(out, runner.header(), results(), kind):
                if not regular:  # rows come from a pipe: each result goes out as soon as it is ready
                    out.flush()
        except UnicodeDecodeError:
            raise InputError(f"FILE {file}: not UTF-8 text; expected rows in UTF-8") from None
        except csv.Error as e:
            raise InputError(f"FILE {file}: not CSV or TSV: {e}") from None
        finally:
            out.flush()

    if output is None:
        write(sys.stdout)
    else:
        from hostcost.render.files import atomic_writer

        with atomic_writer("--output", output, force, newline="") as f:
            write(f)
    if skipped:
        raise typer.Exit(ExitStatus.NO)


CONVERT_EPILOG = """\b
Examples:
  hostcost convert ¥200B                  # $1,900,000,000.00 at the baseline's rate
  hostcost convert 2000億円 --to USD --rate 106.7754
  hostcost convert '$8B' --to JPY -f json
  hostcost convert '₩1.1833tn' --rate-year 2021
  hostcost convert ¥1B --to KRW --rate-year 2023
  hostcost convert ¥1.0551兆 --lang ja
  hostcost convert 1.05 trillion yen --rate-at 2022-01          # the rate of that month
  hostcost convert ¥199.3B --rate-at FY2020 --prices 2024        # in 2024 dollars
"""


@app.command(cls=_Command, epilog=CONVERT_EPILOG)
@reports_errors
@input_options(*RATE_INPUTS, "currency", *PRICE_INPUTS)
@output_options
def convert(
    amount: Annotated[
        str, typer.Argument(help="An amount with its currency: ¥200B, 2000億円, $1.9bn, 200 billion yen.")
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="CUR",
            help="Currency to convert to. Default: USD, or JPY for an amount in dollars.",
            show_default=False,
        ),
    ] = None,
    spec=None,
    out=None,
) -> None:
    """Convert an amount between currencies, exactly, at a stated rate.

    The result is rounded once, half to even, to the target currency's minor unit.
    """
    from hostcost.core.amounts import parse_amount
    from hostcost.core.fx import default_target
    from hostcost.data.builtin import load_builtin
    from hostcost.views.scenario import convert_view

    builtin = load_builtin()
    rates = _rates(builtin, spec)
    source = _option("AMOUNT", parse_amount, amount, spec.currency)
    target = _currency_option("--to", to) if to else default_target(source.currency)
    converter = rates.converter()
    real, notes = None, ()
    if spec.prices is not None:
        from hostcost.data.spec import restatement

        factors, notes = restatement(spec)
        if target in factors:
            real = converter.convert_restated(source, target, factors[target])
    _emit(convert_view(source, converter.convert_rounded(source, target), rates, real, notes), out)


BASELINE_EPILOG = """\b
Examples:
  hostcost baseline
  hostcost baseline --rate-year 2020 -f json
"""


@app.command(cls=_Command, epilog=BASELINE_EPILOG)
@reports_errors
@input_options(*RATE_INPUTS)
@output_options
def baseline(spec=None, out=None) -> None:
    """The baseline ($1.9B, ¥200B, 54,000 troops) and the default cost categories, with sources."""
    from hostcost.core.scenario import Inputs, run_report
    from hostcost.data.builtin import load_builtin
    from hostcost.views.scenario import baseline_view

    builtin = load_builtin()
    costs = Inputs("default categories", builtin.baseline.troops, builtin.categories)
    rates = _rates(builtin, spec)
    report = run_report(
        [costs], builtin.baseline, rates, lambda cur: builtin.sources_for(rates, builtin.categories, cur)
    )
    _emit(baseline_view(builtin, report), out)


CHECK_EPILOG = """\b
Examples:
  hostcost check '¥200B = $1.9B'
  hostcost check '¥200B = $1.9B' --rate 150          # fails: exit 1
  hostcost check '1.05 trillion yen ($9.2 billion)' --rate-at 2022-01
  hostcost check '¥201.7B is about $2B @2022'         # too loose: 23% off
  hostcost check 'fy2020.utilities + fy2020.wages + fy2020.drills ≈ ¥200B'
  hostcost check '$8B > 4 × $1.9B'
  hostcost check --file examples/briefing-claims.txt --rate-year 2020
  hostcost check --scan draft.md -f json
  grep -v '^#' claims.txt | hostcost check --file - --keep-going
"""


@app.command(cls=_Command, epilog=CHECK_EPILOG)
@reports_errors
@input_options(*RATE_INPUTS, *PRICE_INPUTS)
@output_options
def check(
    claims: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[CLAIM]...",
            help="Claims such as '¥200B = $1.9B' or '1.05 trillion yen ($9.2 billion)': two sides of amounts, "
            "plain numbers and built-in figures (fy2020.wages), joined by + - × ÷ and parentheses, compared "
            "with =, ≈, <, >, ≤, ≥ or their words; @PERIOD at the end takes that period's rates.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            metavar="FILE",
            help="Read claims from FILE, one a line (- for stdin); blank lines and # comments are skipped.",
        ),
    ] = None,
    scan: Annotated[
        str | None,
        typer.Option(
            "--scan",
            metavar="FILE",
            help="Find the conversions in a draft (text or Markdown; - for stdin), 'A (B)' and 'A, or B', and "
            "its explicit claims, and check each, with its line and column.",
        ),
    ] = None,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going",
            help="Report a claim that cannot be read and check the others (exit status 2 if any could not be read).",
        ),
    ] = False,
    tolerance: Annotated[
        str | None,
        typer.Option(
            metavar="PCT",
            help="The accuracy every claim is held to, in percent (1 or 1%): instead of 2% for = and 10% for ≈.",
        ),
    ] = None,
    spec=None,
    out=None,
) -> None:
    """Check figures before a briefing: does each claim hold, at the rate in force?

    A claim is judged on two counts. Precision: the right side is the left's exact value to the
    digits it is written to ($1.9B stands for $1.85B up to $1.95B; trailing zeros of a whole number
    are not significant, so $35,000 is $34,500 up to $35,500). Accuracy: the two sides differ by at
    most 2% for =, 10% for ≈, ~ and about. Verdicts: holds (both), last-digit (accurate, wrong
    rounding), too-loose (right only as a round figure), fails (neither). A claim that does not hold
    says what it should read, and a claim in dollars and another currency at which rates, and in
    which built-in months, fiscal years and years, it would hold.

    Exit status: 0 when every claim holds, 1 when any does not, 2 when a claim cannot be read.
    """
    from hostcost import api
    from hostcost.core.amounts import TOLERANCE
    from hostcost.core.claims import ClaimLine, read_claims, summary
    from hostcost.views.check import check_view

    lines = [ClaimLine(n, t) for n, t in enumerate(claims or (), start=1)]
    if file is not None:
        lines += read_claims(_read_lines("--file", file, "the claims"), file)
    if scan is not None:
        from hostcost.core.scan import scan as scan_draft

        where = "<stdin>" if scan == "-" else scan
        found = scan_draft(_read_lines("--scan", scan, "the draft"), where)
        if not found:
            raise InputError(f"--scan {scan}: no conversion or claim found in it, such as ¥200B ($1.9B)")
        lines += found
    fraction = _option("--tolerance", TOLERANCE.parse, tolerance) if tolerance is not None else None
    checked = api.check(lines, spec, fraction, keep_going)
    for message in checked.errors:
        typer.echo(f"hostcost: error: {message}", err=True)
    _emit(check_view(checked), out)
    if out.path is None and out.fmt not in (None, "table", "txt", "svg", "html", "markdown") and sys.stderr.isatty():
        typer.echo(summary(checked.results), err=True)
    if checked.errors:
        raise typer.Exit(ExitStatus.BAD_INPUT)
    if not all(r.holds for r in checked.results):
        raise typer.Exit(ExitStatus.NO)


def _open_input(option: str, path: str, what: str, newline: str | None = None):
    """The text stream of ``path`` (``-``: stdin) and whether it is a regular file (not a pipe or
    a terminal), or an :class:`InputError` that names it. A terminal's stdin is refused, with what
    was expected, rather than waited on."""
    import stat

    if path == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError(f"{option} -: stdin is a terminal; pipe {what} in, or give a file")
        try:
            regular = stat.S_ISREG(os.fstat(sys.stdin.fileno()).st_mode)
        except (OSError, ValueError):
            regular = False
        return sys.stdin, regular
    try:
        return open(path, encoding="utf-8", newline=newline), True
    except FileNotFoundError:
        raise InputError(f"{option} {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{option} {path}: is a folder, not a file") from None
    except OSError as e:
        raise InputError(f"{option} {path}: {e.strerror}") from None


#: The longest scenario or claims file hostcost reads (a batch is streamed, and has no limit).
MAX_FILE_CHARS = 10_000_000


def _read_lines(option: str, path: str, what: str) -> list[str]:
    """The lines of ``path`` (``-``: stdin), or an :class:`InputError` that names it."""
    stream, _ = _open_input(option, path, what)
    try:
        text = stream.read(MAX_FILE_CHARS + 1)
        if len(text) > MAX_FILE_CHARS:
            raise InputError(f"{option} {path}: longer than {MAX_FILE_CHARS:,} characters; {what} is at most that")
        return text.removeprefix("\ufeff").splitlines()  # a byte-order mark, as some editors save
    except UnicodeDecodeError as e:
        raise InputError(f"{option} {path}: not UTF-8 text (byte {e.start})") from None
    finally:
        if stream is not sys.stdin:
            stream.close()


RATES_EPILOG = """\b
Examples:
  hostcost rates
  hostcost rates --monthly --year 2024
  hostcost rates --fy -f csv
  hostcost rates -f json
"""


@app.command(cls=_Command, epilog=RATES_EPILOG)
@reports_errors
@output_options
def rates(
    monthly: Annotated[bool, typer.Option("--monthly", help="The monthly averages (Federal Reserve G.5).")] = False,
    fy: Annotated[
        bool, typer.Option("--fy", help="Japanese fiscal years, April to March: the mean of their monthly averages.")
    ] = False,
    year: Annotated[
        str | None, typer.Option("--year", metavar="YYYY", help="Only the periods of year YYYY.", show_default=False)
    ] = None,
    out=None,
) -> None:
    """The built-in exchange rates of each period (--rate-at PERIOD picks one), with their series and sources.

    Calendar-year averages by default (Federal Reserve G.5A); --monthly the months (G.5); --fy the
    Japanese fiscal years. The last line says the latest period known.
    """
    from hostcost.core.fx import parse_year
    from hostcost.data.builtin import load_builtin
    from hostcost.data.series import RateBook
    from hostcost.views.listings import rates_view

    if monthly and fy:
        raise InputError("--monthly and --fy: give one of them")
    chosen = _option("--year", parse_year, year) if year is not None else None
    _emit(rates_view(RateBook.of(), load_builtin(), "monthly" if monthly else "fy" if fy else "annual", chosen), out)


@app.command(
    cls=_Command,
    epilog="\b\nExamples:\n  hostcost presets\n  hostcost presets -f json\n  hostcost scenario --preset sma-2022\n",
)
@reports_errors
@output_options
def presets(out=None) -> None:
    """The built-in scenarios (scenario --preset NAME), with the sources of their figures."""
    from hostcost.data.builtin import load_presets
    from hostcost.views.listings import presets_view

    _emit(presets_view(list(load_presets().values())), out)


@app.command(cls=_Command, epilog="\b\nExamples:\n  hostcost sources\n  hostcost sources | grep Yomiuri\n")
@reports_errors
@output_options
def sources(out=None) -> None:
    """Every built-in figure, and where it came from."""
    from hostcost.data.builtin import load_builtin, load_presets
    from hostcost.data.series import RateBook
    from hostcost.views.listings import sources_view

    _emit(sources_view(load_builtin(), RateBook.of(), list(load_presets().values())), out)


SCHEMA_EPILOG = """\b
Examples:
  hostcost schema > scenario.schema.json
  hostcost schema | python3 -m json.tool --sort-keys
"""


@app.command(cls=_Command, epilog=SCHEMA_EPILOG)
@reports_errors
def schema() -> None:
    """The JSON Schema of scenario files, made from the same table of inputs as the options.

    An editor that checks TOML against a JSON Schema (Taplo, Even Better TOML) then checks a
    scenario file as it is typed: put '#:schema scenario.schema.json' on its first line. The
    package ships the same schema as hostcost/data/scenario.schema.json.
    """
    from hostcost.core.inputs import schema as scenario_schema
    from hostcost.render import to_json

    typer.echo(to_json(scenario_schema()))


def _app_for(args: list[str]) -> typer.Typer:
    """The app to run for ``args``: when they name a command, an app with that command alone, so
    that typer builds one command's options rather than all of them (a start-up cost); else the
    whole app (for --help, --version, usage errors and shell completion)."""
    if not args or args[0].startswith("-") or any(k.endswith("_COMPLETE") for k in os.environ):
        return app
    wanted = [c for c in app.registered_commands if (c.name or c.callback.__name__) == args[0]]
    if not wanted:
        return app
    one = typer.Typer(
        cls=_Group,
        name=app.info.name,
        help=app.info.help,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings=app.info.context_settings,
    )
    one.registered_callback = app.registered_callback
    one.registered_commands = wanted
    return one


def _terminate(signum, frame) -> None:
    raise Terminated


def main() -> None:
    """The console script: quiet on a closed pipe, no traceback unless HOSTCOST_DEBUG is set."""
    for stream in (sys.stdout, sys.stderr):  # text that cannot be encoded is shown, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends us quietly, as Unix tools do
    signal.signal(signal.SIGTERM, _terminate)  # like Ctrl-C: unwind, removing any half-written file
    try:
        _app_for(sys.argv[1:])(prog_name="hostcost")
    except KeyboardInterrupt:
        sys.exit(ExitStatus.INTERRUPTED)
    except Terminated:
        sys.exit(ExitStatus.TERMINATED)
    except Exception as e:  # a bug: say so in one line
        if os.environ.get("HOSTCOST_DEBUG"):
            raise
        print(
            f"hostcost: internal error: {type(e).__name__}: {e} (HOSTCOST_DEBUG=1 shows the traceback)", file=sys.stderr
        )
        sys.exit(ExitStatus.INTERNAL)
