"""Every input of ``scenario`` works as a batch column, with the figures ``scenario`` gives for
the same inputs: each column here is run both ways and the rows compared, cell for cell."""

import csv
import io

import pytest

from hostcost.core.inputs import INPUTS

#: (batch cells, the same inputs as scenario's options), one case for each input with a column.
CASES = {
    "troops": ({"troops": "45000"}, ["--troops", "45000"]),
    "troops_change": ({"troops_change": "-9000"}, ["--troops-change", "-9000"]),
    "host_share": ({"host_share": "75%"}, ["--host-share", "75"]),
    "share": ({"share_utilities": "61%"}, ["--share", "utilities=61"]),
    "variable": (
        {"troops_change": "-9000", "variable_wages": "80%"},
        ["--troops-change", "-9000", "--variable", "wages=80"],
    ),
    "markup": ({"markup": "50%"}, ["--markup", "50"]),
    "preset": ({"preset": "korea-2021"}, ["--preset", "korea-2021"]),
    "years": ({"years": "3", "start_year": "2022"}, ["--years", "3", "--start-year", "2022"]),
    "escalate": ({"years": "3", "escalate": "2%"}, ["--years", "3", "--escalate", "2"]),
    "cap": ({"years": "3", "escalate": "8%", "cap": "5%"}, ["--years", "3", "--escalate", "8", "--cap", "5"]),
    "start_year": (
        {"years": "2", "start_year": "2024", "rate_by_year": "true"},
        ["--years", "2", "--start-year", "2024", "--rate-by-year"],
    ),
    "rate": ({"rate": "150", "rate_KRW": "1400"}, ["--rate", "150", "--rate", "KRW=1400"]),
    "rate_at": ({"rate_at": "FY2023"}, ["--rate-at", "FY2023"]),
    "rate_year": ({"rate_year": "2021", "wages": "¥100B"}, ["--rate-year", "2021", "--wages", "¥100B"]),
    "rate_by_year": (
        {"years": "2", "start_year": "2023", "rate_by_year": "true"},
        ["--years", "2", "--start-year", "2023", "--rate-by-year"],
    ),
    "prices": ({"prices": "2024"}, ["--prices", "2024"]),
    "price_year": ({"prices": "2024", "price_year": "2021"}, ["--prices", "2024", "--price-year", "2021"]),
    "currency": ({"currency": "JPY", "wages": "100B"}, ["--currency", "JPY", "--wages", "100B"]),
    "cost": ({"wages": "¥150B", "drills": "$30M"}, ["--wages", "¥150B", "--drills", "$30M"]),
    "name": ({"name": "Guam"}, ["--name", "Guam"]),
}


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


@pytest.mark.parametrize("name", list(CASES))
def test_a_column_gives_what_the_option_gives(cli, name):
    cells, options = CASES[name]
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(list(cells))
    writer.writerow(list(cells.values()))
    batch = cli("batch", "-", input=table.getvalue())
    assert batch.exit_code == 0, batch.stderr
    scenario = cli("scenario", *options, *([] if "host_share" in cells else ["--host-share", "100"]))
    assert scenario.exit_code == 0, scenario.stderr
    got, want = rows_of(batch.stdout), rows_of(scenario.stdout)
    assert len(got) == len(want) >= 1
    # the name is the row's; a rate's source says where it was given (a column, not an option)
    differ = {"name", "rate_source"}
    for g, w in zip(got, want):
        assert {k: v for k, v in g.items() if k not in differ} == {k: v for k, v in w.items() if k not in differ}
        assert (
            g["rate_source"]
            .replace("given in column rate_KRW", "given with --rate")
            .replace("given in column rate", "given with --rate")
            == w["rate_source"]
        )
        assert set(w) <= set(g)  # every column scenario writes, batch writes too


def test_every_input_with_a_column_has_a_case():
    with_columns = {i.name for i in INPUTS if i.column or i.column_prefix} | {"cost"}
    assert with_columns == set(CASES)


def test_inputs_that_are_files_are_not_columns(cli):
    """--rates FILE and --index CUR=FILE name files: one for the whole batch, given as options."""
    r = cli("batch", "-", input="name,rates\na,x.csv\n")
    assert r.exit_code == 2 and "column 'rates' is not a batch column" in r.stderr
    r = cli("batch", "-", input="name,index_JPY\na,x.csv\n")
    assert r.exit_code == 2 and "batch takes no index column" in r.stderr


def test_a_bad_cell_names_its_row_and_column(cli):
    r = cli("batch", "-", input="name,troops_change,share_utilities\na,-9000,61%\nb,lots,61%\n")
    assert r.exit_code == 2 and r.stderr.startswith("hostcost: error: row 2 (line 3): column troops_change")
    assert len(rows_of(r.stdout)) == 1  # the row before it is out, whole


def test_a_json_line_with_a_new_input_is_refused_not_ignored(cli):
    r = cli("batch", "-", input='{"name": "a", "troops": 54000}\n{"name": "b", "troops_change": -9000}\n')
    assert r.exit_code == 2 and "column 'troops_change' first appears here" in r.stderr


def test_print_columns_lists_every_column_with_an_example(cli):
    r = cli("batch", "--print-columns")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split("\t") == ["column", "takes", "example"]
    names = [line.split("\t")[0] for line in lines[1:]]
    for i in INPUTS:
        if i.column:
            assert i.column in names
    assert "share_CAT" in names and "rate_CUR" in names and "CAT" in names
    assert all(len(line.split("\t")) == 3 and line.split("\t")[2] for line in lines[1:])
