"""Every scenario input, declared once.

Each :class:`Input` names the input, its command-line option, its key in a scenario file, its
column in ``hostcost batch``, how its text is read, and its help with an example. The options of
``scenario``, ``sweep`` and ``solve``, the scenario-file loader, batch's columns, the JSON Schema
of scenario files (``hostcost schema``) and the command reference (docs/cli.md, from ``--help``)
are all made from :data:`INPUTS`; a test fails when any of them disagrees with it.

This module is light on purpose: the command line reads it to build its options, and ``--help``
must not load pint, rich or Babel. Parsers import what they need when they run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hostcost.core.readers import (
    Parse,
    read_cost,
    read_count,
    read_currency,
    read_flag,
    read_index_file,
    read_markup,
    read_period,
    read_rate,
    read_rate_year,
    read_rise,
    read_series_file,
    read_share,
    read_signed_count,
    read_text,
    read_year,
)


@dataclass(frozen=True)
class Input:
    """One input of a scenario.

    - ``name``: the field it fills, and its key in a scenario file (``troops_change``);
    - ``option``: its command-line option, or None (``--troops-change``);
    - ``column``: its batch column, or None; ``column_prefix``: the batch columns that carry a
      category or a currency after the prefix (``share_utilities``, ``rate_KRW``);
    - ``toml``: its key in a scenario file, or None; ``toml_list``: the key for several values at
      once (``host_shares``); a ``per_category`` input is a table there (``[shares]``);
    - ``per_category``: one value a cost category (``--share utilities=61``);
    - ``repeatable``: the option may be given more than once (in a file, a list);
    - ``flag``: an option with no value (``--rate-by-year``; ``true`` in a file);
    - ``parse``: reads one value's text; ``help``: what it is, with an example; ``example``: a
      value as typed; ``schema``: the JSON Schema of one value in a scenario file; ``cell``:
      what a batch cell of it holds.
    """

    name: str
    metavar: str
    help: str
    parse: Parse
    example: str
    option: str | None = None
    column: str | None = None
    column_prefix: str | None = None
    toml: str | None = None
    toml_list: str | None = None
    per_category: bool = False
    repeatable: bool = False
    flag: bool = False
    schema: Mapping[str, Any] = field(default_factory=dict)
    #: what a batch cell of it holds, in words (for inputs with a column)
    cell: str = ""
    #: options that stand for this input with a fixed category: ``--wages AMOUNT`` is ``--cost wages=AMOUNT``
    shortcuts: tuple[tuple[str, str], ...] = ()
    #: its cells are words, not figures: ``--locale`` leaves them as written (a period's 2024-03)
    words: bool = False

    @property
    def param(self) -> str:
        """The name of its parameter in a command's signature."""
        return self.name


# -- the JSON Schema of one value -----------------------------------------------------------------

_PERCENT_TEXT = {"type": "string", "pattern": r"^\s*[0-9０-９.,_]+\s*%\s*$"}
#: A bare number strictly between 0 and 1 is refused where a percent is expected: it may be a
#: fraction copied from JSON output. With the % sign (as text) it is taken.
_NOT_A_FRACTION = {"not": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}}
_NOT_ONE = {"not": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}}
_SHARE_SCHEMA = {"anyOf": [{"type": "number", "minimum": 0, "maximum": 100, **_NOT_ONE}, _PERCENT_TEXT]}
_COUNT_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]}
_AMOUNT_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 200}
_TEXT_SCHEMA = {"type": "string"}
_RATE_SCHEMA = {"anyOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "string"}]}

_SHARE_META = "PCT"

#: Every scenario input, in the order the options are listed in --help.
INPUTS: tuple[Input, ...] = (
    Input(
        "name",
        "TEXT",
        "A name for the scenarios, such as 'Guam relocation': they are then named 'Guam relocation: host "
        "pays 100%' and so on.",
        read_text,
        "Guam relocation",
        option="--name",
        column="name",
        cell='text; blank: "row N"',
        toml="name",
        schema=_TEXT_SCHEMA,
        words=True,
    ),
    Input(
        "preset",
        "NAME",
        "Start from a built-in scenario, such as fy2021 (hostcost presets lists them). Costs given with it "
        "replace or add to the preset's.",
        read_text,
        "fy2021",
        option="--preset",
        column="preset",
        cell="a preset's name, such as fy2021",
        words=True,
        toml="preset",
        schema=_TEXT_SCHEMA,
    ),
    Input(
        "troops",
        "N",
        "US troops hosted: a whole number, such as 54000, 54,000 or 54k (54.000 is refused: it could be "
        "54 or 54,000). Default: the baseline's 54,000, or the preset's.",
        read_count,
        "45000",
        option="--troops",
        column="troops",
        cell="a whole number of troops, such as 45000",
        toml="troops",
        schema=_COUNT_SCHEMA,
    ),
    Input(
        "troops_change",
        "N",
        "Change the troop count by N, such as -9000. Each category then scales as its fixed part + its "
        "variable part × new troops ÷ old troops.",
        read_signed_count,
        "-9000",
        option="--troops-change",
        column="troops_change",
        cell="a signed count of troops, such as -9000",
        toml="troops_change",
        schema={"anyOf": [{"type": "integer"}, {"type": "string"}]},
    ),
    Input(
        "cost",
        "NAME=AMOUNT",
        "A cost category and its amount, such as 'facilities=¥20.7B' (repeatable). An amount needs a "
        "currency (¥, $, 円, USD …), unless --currency says which; 万, 億 and 兆 alone mean yen.",
        read_cost,
        "facilities=¥20.7B",
        option="--cost",
        toml="costs",
        per_category=True,
        repeatable=True,
        schema=_AMOUNT_SCHEMA,
        shortcuts=(
            ("utilities", "Utilities cost, such as ¥22.3B."),
            ("wages", "Base workers' wages, such as ¥128.7B."),
            ("drills", "Training relocation (drills), such as ¥1B."),
        ),
    ),
    Input(
        "host_share",
        _SHARE_META,
        "Percent of the costs the host pays, such as 75; one scenario each (repeatable). Default: 100, 75 "
        "and 50. A bare 0.75 or 1 is refused (JSON writes shares as fractions): write 75, or 0.75% if you "
        "mean that.",
        read_share,
        "75",
        option="--host-share",
        column="host_share",
        cell="a percent, such as 75",
        toml="host_share",
        toml_list="host_shares",
        repeatable=True,
        schema=_SHARE_SCHEMA,
    ),
    Input(
        "share",
        "NAME=PCT",
        "Host share of one category in every scenario, such as utilities=61 (repeatable).",
        read_share,
        "utilities=61",
        option="--share",
        column_prefix="share_",
        cell="share_CAT: a percent for category CAT, such as 61%",
        toml="shares",
        per_category=True,
        repeatable=True,
        schema=_SHARE_SCHEMA,
    ),
    Input(
        "variable",
        "NAME=PCT",
        "The part of a category that moves with the troop count, such as wages=50 (repeatable). "
        "Defaults: wages, welfare, utilities 50; drills 100; facilities 0; others 50.",
        read_share,
        "wages=50",
        option="--variable",
        column_prefix="variable_",
        cell="variable_CAT: the percent of CAT that moves with troops",
        toml="variable",
        per_category=True,
        repeatable=True,
        schema=_SHARE_SCHEMA,
    ),
    Input(
        "markup",
        "PCT",
        "Cost-plus: the host pays its share of cost × (1 + PCT%), such as 50, the 2019 demand's 'cost plus 50%'.",
        read_markup,
        "50",
        option="--markup",
        column="markup",
        cell="a percent, such as 50",
        toml="markup",
        schema={"anyOf": [{"type": "number", "minimum": 0, **_NOT_ONE}, _PERCENT_TEXT]},
    ),
    Input(
        "years",
        "N",
        "Lay the scenario out over N years, such as 5: one row a year, and a total.",
        read_count,
        "5",
        option="--years",
        column="years",
        cell="a number of years, such as 5",
        toml="years",
        schema={"anyOf": [{"type": "integer", "minimum": 1, "maximum": 100}, {"type": "string"}]},
    ),
    Input(
        "escalate",
        "PCT",
        "With --years: costs rise PCT% a year, compounded, such as 2.",
        read_rise,
        "2",
        option="--escalate",
        column="escalate",
        cell="a percent a year, such as 2%",
        toml="escalate",
        schema={"anyOf": [{"type": "number", "minimum": 0, **_NOT_A_FRACTION}, _PERCENT_TEXT]},
    ),
    Input(
        "cap",
        "PCT",
        "With --years: each year's rise is at most PCT%, such as 5.",
        read_rise,
        "5",
        option="--cap",
        column="cap",
        cell="a percent a year, such as 5%",
        toml="cap",
        schema={"anyOf": [{"type": "number", "minimum": 0, **_NOT_A_FRACTION}, _PERCENT_TEXT]},
    ),
    Input(
        "start_year",
        "FY",
        "With --years: the first fiscal year, such as 2022.",
        read_year,
        "2022",
        option="--start-year",
        column="start_year",
        cell="a fiscal year, such as 2022",
        words=True,
        toml="start_year",
        schema={"anyOf": [{"type": "integer", "minimum": 1000, "maximum": 9999}, {"type": "string"}]},
    ),
    Input(
        "rate",
        "N|CUR=N",
        "Exchange rate: N yen per US dollar, such as 150, or N units of CUR per US dollar, such as "
        "KRW=1300 (repeatable). Default: the baseline's own, ¥200B ÷ $1.9B = 105.263… yen per dollar.",
        read_rate,
        "150",
        option="--rate",
        column="rate",
        cell="yen per US dollar, such as 150; rate_CUR: units of CUR per US dollar",
        column_prefix="rate_",
        toml="rate",
        repeatable=True,
        schema={"anyOf": [_RATE_SCHEMA, {"type": "object", "additionalProperties": _RATE_SCHEMA}]},
    ),
    Input(
        "rate_at",
        "PERIOD",
        "Use the average rates of a period: a year (2024), a month (2024-06), a Japanese fiscal year "
        "(FY2024: April 2024 to March 2025), a span of months (2022-01..2022-03), or a day (2022-01-07) "
        "of a --rates file. hostcost rates lists them; --rate overrides one currency.",
        read_period,
        "FY2024",
        option="--rate-at",
        column="rate_at",
        toml="rate_at",
        schema={"anyOf": [{"type": "integer"}, {"type": "string"}]},
        cell="a period, such as 2024-06 or FY2024",
        words=True,
    ),
    Input(
        "rate_year",
        "YYYY",
        "The same as --rate-at YYYY: that year's annual average rates, such as 2020.",
        read_rate_year,
        "2020",
        option="--rate-year",
        column="rate_year",
        cell="a year, such as 2020",
        words=True,
        toml="rate_year",
        schema={"anyOf": [{"type": "integer"}, {"type": "string"}]},
    ),
    Input(
        "rates",
        "FILE|CUR=FILE",
        "Rates from a file, before the built-in ones for the periods it covers (repeatable): a FRED "
        "download (observation_date,DEXJPUS) or a table (period,currency,units_per_USD). CUR=FILE says "
        "whose rates a series hostcost does not know holds.",
        read_series_file,
        "rates.csv",
        option="--rates",
        toml="rates",
        repeatable=True,
        schema={"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    ),
    Input(
        "rate_by_year",
        "",
        "With --years and --start-year: convert each year at its own rate, the fiscal-year average (the "
        "calendar-year one for calendar-year figures); a year past the data takes the last full year's, "
        "marked as assumed.",
        read_flag,
        "true",
        option="--rate-by-year",
        column="rate_by_year",
        cell="true or false",
        words=True,
        toml="rate_by_year",
        flag=True,
        schema={"type": "boolean"},
    ),
    Input(
        "prices",
        "YEAR",
        "Restate dollar figures in YEAR's prices, such as 2024, with US CPI-U annual averages (other "
        "currencies with --index). The figures' own year: --price-year, the rate's period, or the preset's.",
        read_year,
        "2024",
        option="--prices",
        column="prices",
        cell="a year, such as 2024",
        words=True,
        toml="prices",
        schema={"anyOf": [{"type": "integer"}, {"type": "string"}]},
    ),
    Input(
        "price_year",
        "YEAR",
        "The year whose prices the figures are in, for --prices, such as 2020.",
        read_year,
        "2020",
        option="--price-year",
        column="price_year",
        cell="a year, such as 2020",
        words=True,
        toml="price_year",
        schema={"anyOf": [{"type": "integer"}, {"type": "string"}]},
    ),
    Input(
        "index",
        "CUR=FILE",
        "A price index for a currency other than dollars, for --prices, such as JPY=cpi-japan.csv "
        "(repeatable): a FRED download or a table (period,currency,index).",
        read_index_file,
        "JPY=cpi.csv",
        option="--index",
        toml="index",
        per_category=True,
        repeatable=True,
        schema=_TEXT_SCHEMA,
    ),
    Input(
        "currency",
        "CUR",
        "The currency of amounts written without one, such as JPY (128.7B is then ¥128.7B). Without it, "
        "such an amount is refused.",
        read_currency,
        "JPY",
        option="--currency",
        column="currency",
        cell="a currency code, such as JPY",
        words=True,
        toml="currency",
        schema=_TEXT_SCHEMA,
    ),
    Input(
        "label",
        "NAME=TEXT",
        'A longer name for a cost category in the tables, such as wages="Base workers\' wages".',
        read_text,
        "wages=Base workers' wages",
        toml="labels",
        per_category=True,
        schema=_TEXT_SCHEMA,
    ),
)

BY_NAME: Mapping[str, Input] = {i.name: i for i in INPUTS}

#: The inputs that say which rates are in force, and how figures are restated in other prices.
RATE_INPUTS = ("rate", "rate_at", "rate_year", "rates")
PRICE_INPUTS = ("prices", "price_year", "index")
#: The inputs each command takes, by name: its options, and its keywords in the Python API.
#: scenario, sweep and solve take them all.
COMMAND_INPUTS: Mapping[str, tuple[str, ...]] = {
    **{c: tuple(i.name for i in INPUTS) for c in ("scenario", "sweep", "solve")},
    "compare": PRICE_INPUTS,
    "batch": (*RATE_INPUTS, "currency"),
    "convert": (*RATE_INPUTS, "currency", *PRICE_INPUTS),
    "baseline": RATE_INPUTS,
    "check": (*RATE_INPUTS, *PRICE_INPUTS),
}
#: Each scenario-file key, and the input it fills.
BY_TOML: Mapping[str, Input] = {key: i for i in INPUTS for key in (i.toml, i.toml_list) if key is not None}


def schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file, made from :data:`INPUTS`."""
    properties: dict[str, Any] = {}
    for i in INPUTS:
        if i.toml is None:
            continue
        one = {**i.schema, "description": i.help}
        if i.per_category:
            properties[i.toml] = {
                "type": "object",
                "description": i.help,
                "additionalProperties": dict(i.schema),
            }
        else:
            properties[i.toml] = one
        if i.toml_list:
            properties[i.toml_list] = {
                "type": "array",
                "description": f"Several values of {i.toml}, one scenario each: {i.help}",
                "items": dict(i.schema),
                "maxItems": 1000,
            }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "hostcost scenario file",
        "description": "A scenario for hostcost scenario FILE: anything the command line can say. "
        "Made from hostcost's table of inputs (hostcost schema prints it).",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "not": {"required": ["host_share", "host_shares"]},
    }


def batch_columns() -> str:
    """The batch columns of the table, in words: ``name (the row's name …), troops (…), …``."""
    named = [f"{i.column} ({i.cell})" for i in INPUTS if i.column]
    return "; ".join(named)
