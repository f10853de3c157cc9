"""How each input's text is read: one parser an input, each importing what it needs when it runs
(the table of inputs, :mod:`hostcost.core.inputs`, must stay light for ``--help``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class Context(NamedTuple):
    """What reading one value may need besides its text: the currency of amounts written without
    one (None: such an amount is refused), where the value came from, in words (a rate's label:
    "given with --rate", "given in guam.toml"), and the folder a file named in it is relative to
    (a scenario file's own)."""

    currency: str | None = None
    source: str = "given"
    folder: str = ""


Parse = Callable[[str, Context], Any]


def read_text(text: str, ctx: Context) -> str:
    return text.strip()


def read_count(text: str, ctx: Context) -> int:
    from hostcost.core.amounts import parse_count

    return parse_count(text)


def read_signed_count(text: str, ctx: Context) -> int:
    from hostcost.core.amounts import parse_signed_count

    return parse_signed_count(text)


def read_share(text: str, ctx: Context):
    from hostcost.core.amounts import SHARE

    return SHARE.parse(text)


def read_markup(text: str, ctx: Context):
    from hostcost.core.amounts import MARKUP

    return MARKUP.parse(text)


def read_rise(text: str, ctx: Context):
    from hostcost.core.amounts import RISE

    return RISE.parse(text)


def read_year(text: str, ctx: Context) -> int:
    from hostcost.core.fx import parse_year

    return parse_year(text)


def read_rate_year(text: str, ctx: Context):
    from hostcost.core import periods
    from hostcost.core.fx import parse_year

    return periods.year(parse_year(text))


def read_period(text: str, ctx: Context):
    from hostcost.core.periods import parse_period

    return parse_period(text)


def read_flag(text: str, ctx: Context) -> bool:
    return text == "true"


class SeriesFile(NamedTuple):
    """A series file named by a user: its path, whose figures it holds if it says (``KRW=FILE``),
    and where it was named (for errors)."""

    path: str
    currency: str | None
    where: str = ""


def read_series_file(text: str, ctx: Context) -> SeriesFile:
    """``FILE`` or ``CUR=FILE``: a path (relative to the scenario file that names it), and the
    currency if one is named before an ``=``."""
    import os

    from hostcost.core.amounts import currency_code
    from hostcost.errors import HostcostError

    head, sep, rest = text.partition("=")
    if len(head.strip()) > 3 and not head.strip().isalpha():
        sep = ""  # a path with an = in it
    currency = None
    if sep:
        try:
            currency = currency_code(head)
            text = rest
        except HostcostError:
            pass
    path = text.strip()
    if not path:
        from hostcost.errors import InputError

        raise InputError("no file named; expected FILE or CUR=FILE, such as rates.csv or KRW=won.csv")
    return SeriesFile(os.path.join(ctx.folder, path) if ctx.folder else path, currency, ctx.source)


def read_index_file(text: str, ctx: Context) -> SeriesFile:
    return read_series_file(text, ctx)


def read_cost(text: str, ctx: Context):
    from hostcost.core.amounts import parse_cost

    return parse_cost(text, ctx.currency)


def read_rate(text: str, ctx: Context):
    from hostcost.core.fx import parse_rate

    return parse_rate(text, ctx.source)  # checked against the built-in rates by build_spec


def read_currency(text: str, ctx: Context) -> str:
    from hostcost.core.amounts import currency_code

    return currency_code(text)
