"""The ``hostcost`` command line: options in, core calls, a View out. No arithmetic here."""

from __future__ import annotations

import functools
import os
import signal
import sys
from enum import StrEnum
from typing import Annotated

import typer
from typer.core import TyperGroup

from hostcost import __version__
from hostcost.errors import ExitStatus, HostcostError, InputError


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


app = typer.Typer(
    cls=_Group,
    name="hostcost",
    help="What hosting foreign troops costs, and who pays it: the host or the US.\n\n"
    "Baseline: Japan paid $1.9B (¥200B) a year in 2020 for 54,000 US troops.",
    epilog="\b\nExamples:\n  hostcost scenario\n  hostcost convert ¥200B --to USD\n  hostcost baseline -f json\n"
    "\nEvery command takes -h for its own options and examples.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class Format(StrEnum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    markdown = "markdown"


FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f", help="Output format. Default: table on a terminal, tsv in a pipe.", show_default=False
    ),
]
RateOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--rate",
        metavar="N|CUR=N",
        help="Exchange rate: N yen per US dollar, or N units of CUR per US dollar (repeatable). "
        "Default: the baseline's own, ¥200B ÷ $1.9B = 105.263… yen per dollar.",
    ),
]
CurrencyOpt = Annotated[
    str, typer.Option("--currency", metavar="CUR", help="Currency of an amount written without one, such as 1.9e9.")
]


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


def _rates(builtin, given: list[str] | None):
    from hostcost.fx import Rates, parse_rate

    return Rates.of([builtin.rate], [_option("--rate", parse_rate, r) for r in given or ()])


def _currency_option(name: str, text: str) -> str:
    from hostcost.amounts import currency_code

    return _option(name, currency_code, text)


def _currency(text: str) -> str:
    return _currency_option("--currency", text)


def _emit(view, fmt: Format | None) -> None:
    from hostcost.render import Env, emit

    emit(view, fmt.value if fmt else None, Env.current())


SCENARIO_EPILOG = """\b
Examples:
  hostcost scenario
  hostcost scenario --host-share 75 --rate 150
  hostcost scenario --troops 45,000 --share utilities=61 --breakdown
  hostcost scenario --wages ¥150B --utilities ¥20B --drills ¥30B --host-share 50 -f json
  hostcost scenario --cost 'base security=$40M' --wages '$1.2B' -f tsv | cut -f1,6
"""


@app.command(epilog=SCENARIO_EPILOG)
@reports_errors
def scenario(
    troops: Annotated[
        str | None,
        typer.Option(
            help="US troops hosted: a whole number, such as 54000, 54,000 or 54k. Default: the baseline's 54,000.",
            show_default=False,
        ),
    ] = None,
    utilities: Annotated[str | None, typer.Option(metavar="AMOUNT", help="Utilities cost, such as ¥22.3B.")] = None,
    wages: Annotated[str | None, typer.Option(metavar="AMOUNT", help="Base workers' wages, such as ¥128.7B.")] = None,
    drills: Annotated[
        str | None, typer.Option(metavar="AMOUNT", help="Training relocation (drills), such as ¥1B.")
    ] = None,
    cost: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME=AMOUNT", help="Any other cost category, such as 'facilities=¥20.7B' (repeatable)."),
    ] = None,
    host_share: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PCT",
            help="Percent of the costs the host pays, one scenario each (repeatable). Default: 100, 75 and 50.",
        ),
    ] = None,
    share: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME=PCT", help="Host share of one category in every scenario, such as utilities=61 (repeatable)."
        ),
    ] = None,
    rate: RateOpt = None,
    currency: CurrencyOpt = "USD",
    breakdown: Annotated[bool, typer.Option(help="Show each scenario's split by category.")] = False,
    fmt: FormatOpt = None,
) -> None:
    """Who pays what, host or US, under several splits, set against the $1.9B (¥200B) baseline.

    With no costs given, uses Japan's FY2020 host-nation-support budget (¥199.3B in five
    categories) and 54,000 troops. Once any cost is given, only the costs given are used.
    Amounts take a currency: ¥22.3B, 2000億円, $1.9bn, 200 billion yen.
    """
    from hostcost.amounts import parse_cost, parse_count, parse_percent
    from hostcost.builtin import load_builtin
    from hostcost.scenario import DEFAULT_SHARES, Category, run_report, share_scenarios
    from hostcost.views import scenario_view

    builtin = load_builtin()
    rates = _rates(builtin, rate)
    named = {"utilities": utilities, "wages": wages, "drills": drills}
    given = [(n, t, f"--{n}") for n, t in named.items() if t is not None]
    given += [(n, t, f"--cost {n}") for n, t in _pairs("--cost", cost, "NAME=AMOUNT, such as 'facilities=¥20.7B'")]
    labels = {c.name: c.label for c in builtin.categories}
    default_currency = _currency(currency)
    categories = [Category(n, _option(opt, parse_cost, t, default_currency), labels.get(n, "")) for n, t, opt in given]
    cost_note = f"Costs: {builtin.categories_label} ({builtin.categories_source})."
    cost_note = "Costs: as given." if categories else cost_note
    troop_count = builtin.baseline.troops if troops is None else _option("--troops", parse_count, troops)
    host_shares = [_option("--host-share", parse_percent, s) for s in host_share or ()] or list(DEFAULT_SHARES)
    pairs = _pairs("--share", share, "NAME=PCT, such as utilities=61")
    shares = {n: _option(f"--share {n}", parse_percent, p) for n, p in pairs}
    inputs = share_scenarios("host pays {share}%", troop_count, categories or builtin.categories, host_shares, shares)
    report = run_report(inputs, builtin.baseline, rates, builtin.sources_for(rates, builtin_costs=not categories))
    _emit(scenario_view(report, cost_note, breakdown), fmt)


CONVERT_EPILOG = """\b
Examples:
  hostcost convert ¥200B                  # $1,900,000,000.00 at the baseline's rate
  hostcost convert 2000億円 --to USD --rate 106.7754
  hostcost convert '$8B' --to JPY -f json
  hostcost convert '₩1.1833tn' --to USD --rate KRW=1144.8911
"""


@app.command(epilog=CONVERT_EPILOG)
@reports_errors
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
    rate: RateOpt = None,
    currency: CurrencyOpt = "USD",
    fmt: FormatOpt = None,
) -> None:
    """Convert an amount between currencies, exactly, at a stated rate.

    The result is rounded once, half to even, to the target currency's minor unit.
    """
    from hostcost.amounts import parse_amount
    from hostcost.builtin import load_builtin
    from hostcost.fx import default_target
    from hostcost.views import convert_view

    builtin = load_builtin()
    rates = _rates(builtin, rate)
    source = _option("AMOUNT", parse_amount, amount, _currency(currency))
    target = _currency_option("--to", to) if to else default_target(source.currency)
    _emit(convert_view(source, rates.converter().convert_rounded(source, target), rates), fmt)


BASELINE_EPILOG = """\b
Examples:
  hostcost baseline
  hostcost baseline --rate 106.7754 -f json
"""


@app.command(epilog=BASELINE_EPILOG)
@reports_errors
def baseline(rate: RateOpt = None, fmt: FormatOpt = None) -> None:
    """The baseline ($1.9B, ¥200B, 54,000 troops) and the default cost categories, with sources."""
    from hostcost.builtin import load_builtin
    from hostcost.scenario import Inputs, run_report
    from hostcost.views import baseline_view

    builtin = load_builtin()
    costs = Inputs("default categories", builtin.baseline.troops, builtin.categories)
    rates = _rates(builtin, rate)
    _emit(baseline_view(builtin, run_report([costs], builtin.baseline, rates, builtin.sources_for(rates))), fmt)


def main() -> None:
    """The console script: quiet on a closed pipe, no traceback unless HOSTCOST_DEBUG is set."""
    for stream in (sys.stdout, sys.stderr):  # text that cannot be encoded is shown, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends us quietly, as Unix tools do
    try:
        app(prog_name="hostcost")
    except KeyboardInterrupt:
        sys.exit(ExitStatus.INTERRUPTED)
    except Exception as e:  # a bug: say so in one line
        if os.environ.get("HOSTCOST_DEBUG"):
            raise
        print(
            f"hostcost: internal error: {type(e).__name__}: {e} (HOSTCOST_DEBUG=1 shows the traceback)", file=sys.stderr
        )
        sys.exit(ExitStatus.INTERNAL)
