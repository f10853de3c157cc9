"""The table of inputs is the one place each input is declared: the options, the scenario-file keys,
batch's columns and the JSON Schema all agree with it, and read one value the same way."""

from __future__ import annotations

import json
import tomllib
from dataclasses import fields

import pytest

from helpers import ROOT
from hostcost.cli.options import input_params
from hostcost.core.inputs import BY_NAME, BY_TOML, INPUTS, schema
from hostcost.core.rows import COLUMNS, role_of
from hostcost.data.spec import Spec, load_spec

#: What one example of each input gives, beyond what it is for, to make a runnable scenario.
NEEDS = {
    "escalate": ["--years", "3"],
    "cap": ["--years", "3"],
    "start_year": ["--years", "3"],
    "variable": ["--troops-change", "-9000"],
    "rate_by_year": ["--years", "2", "--start-year", "2022"],
    "prices": ["--price-year", "2020"],
    "price_year": ["--prices", "2024"],
    "index": ["--prices", "2024", "--price-year", "2020"],
}
#: Files the examples name (rates.csv, cpi.csv), written beside the scenario file.
FILES = {
    "rates.csv": "period,currency,units_per_USD\n2024-06,JPY,157.86\n",
    "cpi.csv": "period,currency,index\n2020,JPY,100\n2024,JPY,107.9\n",
}


def _click_options(name: str) -> dict[str, object]:
    """The options of a command as the command line builds them, by their first name (--troops)."""
    import typer.main

    from hostcost.cli import app

    command = typer.main.get_command(app).get_command(None, name)
    return {p.opts[0]: p for p in command.params if p.param_type_name == "option"}


@pytest.mark.parametrize("command", ["scenario", "sweep", "solve"])
def test_every_option_of_a_scenario_command_comes_from_the_table(command):
    options = _click_options(command)
    for inp in INPUTS:
        if inp.option is None:
            continue
        opt = options[inp.option]
        assert opt.help == inp.help and (inp.flag or opt.metavar == inp.metavar), inp.name
        assert opt.is_flag == inp.flag, inp.name
        assert opt.multiple == inp.repeatable, inp.name
        for category, _ in inp.shortcuts:
            assert f"--{category}" in options
    shared = {p.name for p in input_params([i.name for i in INPUTS])}
    from_table = {i.param for i in INPUTS if i.option} | {f"shortcut_{c}" for i in INPUTS for c, _ in i.shortcuts}
    assert shared == from_table  # no scenario option is declared anywhere else


def test_every_file_key_comes_from_the_table():
    keys = {k for i in INPUTS for k in (i.toml, i.toml_list) if k}
    assert set(BY_TOML) == keys
    assert set(schema()["properties"]) == keys
    # every Spec field is filled by an input of that name (costs and host shares by their lists)
    spec_fields = {f.name for f in fields(Spec)}
    named = {
        "cost": "costs",
        "host_share": "host_shares",
        "share": "shares",
        "rate": "rates",
        "rates": "rate_files",
        "index": "index_files",
        "rate_year": "rate_at",
    }
    assert {named.get(i.name, i.name) for i in INPUTS if i.name != "label"} == spec_fields - {"rate_at_where"}


def _toml_line(inp) -> str:
    if inp.per_category:
        key, value = inp.example.split("=", 1)
        return f"[{inp.toml}]\n{key} = {json.dumps(value)}\n"
    return f"{inp.toml} = {_toml_value(inp.example)}\n"


def _option_args(inp) -> list[str]:
    return [inp.option] if inp.flag else [inp.option, inp.example]


def _toml_value(text: str) -> str:
    return text if text in ("true",) else json.dumps(text)


@pytest.mark.parametrize("inp", [i for i in INPUTS if i.option and i.toml], ids=lambda i: i.name)
def test_an_option_and_its_file_key_read_a_value_the_same_way(cli, tmp_path, monkeypatch, inp):
    """The example of each input, given as an option and as a file key, runs the same scenario."""
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a file an option names is found here; one a file names, beside it
    extra = NEEDS.get(inp.name, [])
    f = tmp_path / "s.toml"
    body = "".join(  # what the example needs, as file keys too
        f"{extra[i].lstrip('-').replace('-', '_')} = {json.dumps(extra[i + 1])}\n" for i in range(0, len(extra), 2)
    )
    f.write_text(body + _toml_line(inp), encoding="utf-8")
    by_option = cli("scenario", *extra, *_option_args(inp), "-f", "json")
    by_file = cli("scenario", str(f), "-f", "json")
    assert by_option.exit_code == by_file.exit_code == 0, (by_option.stderr, by_file.stderr)
    a, b = by_option.json(), by_file.json()
    for doc in (a, b):  # where the value came from differs, and is said
        doc.pop("sources")
        for details in doc["rate"].pop("details").values():
            details.pop("label")
            details.pop("source")
        for index in doc.get("prices", {}).get("indexes", ()):  # a file's name, as given
            index.pop("index")
            index.pop("source")
        for s in doc["scenarios"]:
            for c in s["categories"]:
                c.pop("label")
    assert a == b


@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_a_batch_column_reads_a_cell_as_the_option_reads_it(cli, column):
    inp = BY_NAME[COLUMNS[column]]
    extra = NEEDS.get(inp.name, [])  # what the example needs (escalate: years), as columns too
    needs = {extra[i].lstrip("-").replace("-", "_"): extra[i + 1] for i in range(0, len(extra), 2)}
    head, cells = [column, *needs, "wages"], [inp.example or "true", *needs.values(), "¥100B"]
    r = cli("batch", "-", input=",".join(head) + "\n" + ",".join(cells) + "\n")
    assert r.exit_code == 0, r.stderr
    share = [] if column == "host_share" else ["--host-share", "100"]
    option = cli("scenario", "--wages", "¥100B", *share, *extra, *_option_args(inp))
    got = [
        dict(zip(*(line.split("\t") for line in (r.stdout.splitlines()[0], row)))) for row in r.stdout.splitlines()[1:]
    ]
    lines = option.stdout.splitlines()
    want = [dict(zip(lines[0].split("\t"), row.split("\t"))) for row in lines[1:]]
    if column == "name":  # scenario names its scenarios after the name; batch names its row
        assert got[0]["name"] == inp.example
    # where a rate was given is said: the option, or the column
    differ = {"name", "rate_source"}
    assert len(got) == len(want)
    assert [{k: v for k, v in w.items() if k not in differ} for w in want] == [
        {k: g[k] for k in w if k not in differ} for g, w in zip(got, want)
    ]


def test_batch_columns_are_the_inputs_that_declare_one():
    assert COLUMNS == {i.column: i.name for i in INPUTS if i.column}
    for inp in INPUTS:
        if inp.column:
            assert role_of(inp.column).kind in ("input", "rate")


def test_the_shipped_schema_is_the_table_s():
    shipped = json.loads((ROOT / "src" / "hostcost" / "data" / "scenario.schema.json").read_text(encoding="utf-8"))
    assert shipped == schema()


def test_hostcost_schema_prints_it(cli):
    r = cli("schema")
    assert r.exit_code == 0 and json.loads(r.stdout) == schema()


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    return jsonschema.Draft202012Validator(schema())


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.toml")), ids=lambda p: p.name)
def test_every_example_file_is_valid_by_the_schema(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    errors = list(_validator().iter_errors(data))
    assert not errors, [e.message for e in errors]
    load_spec(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("host_share = 0.75", "a fraction for a percent"),
        ("host_shares = [1]", "a share of 1"),
        ("trops = 5", "an unknown key"),
        ("host_share = 50\nhost_shares = [50]", "both keys"),
        ("troops = -5", "a negative count"),
        ("[costs]\nwages = 5", "a cost that is a number"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(cli, tmp_path, text, why):
    data = tomllib.loads(text, parse_float=float)
    assert list(_validator().iter_errors(data)), why
    f = tmp_path / "s.toml"
    f.write_text(text, encoding="utf-8")
    assert cli("scenario", str(f)).exit_code == 2


def test_the_schema_takes_a_percent_with_its_sign():
    assert not list(_validator().iter_errors({"host_share": "0.75%", "markup": 50, "troops": 45000}))
