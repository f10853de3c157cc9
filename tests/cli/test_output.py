"""--output FILE: exports that keep every figure, written whole or not at all."""

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal as D
from html.parser import HTMLParser

import pytest

from hostcost.errors import InputError
from hostcost.render.files import atomic_writer

SVG = "{http://www.w3.org/2000/svg}"
#: A figure as the tables show it: $1,893,350,000.00, ¥199,300,000,000, -$6,650,000.00, 99.650%
FIGURE = re.compile(r"[-+]?[$¥₩][\d,]+(?:\.\d+)?|\d+(?:\.\d+)?%")


def figures_of(text: str) -> list[str]:
    return FIGURE.findall(text)


def svg_text(path) -> str:
    """All the text an SVG shows, its non-breaking spaces read as spaces."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return "".join(e.text or "" for e in root.iter(f"{SVG}text")).replace("\xa0", " ")


def test_an_svg_holds_every_figure_of_the_table_and_the_rate(cli, tmp_path):
    f = tmp_path / "s.svg"
    r = cli("scenario", "--preset", "fy2021", "-o", str(f))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""  # the result went to the file
    shown = svg_text(f)
    table = cli("scenario", "--preset", "fy2021", "-f", "markdown").stdout
    expected = figures_of(table)
    assert "$1,893,350,000.00" not in expected and len(expected) > 20  # the preset's own figures
    for figure in expected:
        assert figure in shown
    assert "109.8429 JPY per USD, the 2021 calendar-year average (Federal Reserve" in shown  # the rate
    assert "Epoch Times" in shown  # the baseline's source


def test_an_svg_works_offline(cli, tmp_path):
    f = tmp_path / "s.svg"
    cli("scenario", "-o", str(f))
    text = f.read_text(encoding="utf-8")
    assert "@font-face" not in text and "cdnjs" not in text
    assert re.findall(r"https?://[^\"' )]+", text) == ["http://www.w3.org/2000/svg"]  # the namespace alone


def test_html_is_a_page_with_every_figure_and_nothing_fetched(cli, tmp_path):
    f = tmp_path / "s.html"
    assert cli("baseline", "-o", str(f)).exit_code == 0
    text = f.read_text(encoding="utf-8")

    class Collect(HTMLParser):
        tags, data = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.data.append(data)

    page = Collect()
    page.feed(text)
    assert {"html", "head", "body", "pre"} <= set(page.tags) and "script" not in page.tags
    assert "http" not in text
    shown = "".join(page.data)
    for figure in figures_of(cli("baseline", "-f", "markdown").stdout):
        assert figure in shown
    assert "¥200,000,000,000" in shown


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("r.json", lambda text: json.loads(text, parse_float=D)["scenarios"][0]["host"]["USD"] == D("1893350000.00")),
        ("r.csv", lambda text: text.startswith("name,troops,host_share,total_USD")),
        ("r.tsv", lambda text: text.startswith("name\ttroops\thost_share\ttotal_USD")),
        ("r.md", lambda text: text.startswith("**Who pays what**") and "| $1,893,350,000.00" in text),
        ("r.txt", lambda text: "Who pays what" in text and "$1,893,350,000.00" in text and "\x1b" not in text),
    ],
)
def test_the_extension_names_the_format(cli, tmp_path, name, check):
    f = tmp_path / name
    assert cli("scenario", "-o", str(f)).exit_code == 0
    assert check(f.read_text(encoding="utf-8"))


def test_format_overrides_the_extension(cli, tmp_path):
    f = tmp_path / "report.out"
    assert cli("convert", "¥200B", "-o", str(f), "-f", "json").exit_code == 0
    assert json.loads(f.read_text())["to"] == {"amount": 1900000000.0, "currency": "USD"}


def test_an_existing_file_is_left_untouched_without_force(cli, tmp_path):
    f = tmp_path / "s.svg"
    f.write_text("mine")
    r = cli("scenario", "-o", str(f))
    assert r.exit_code == 2 and r.stdout == ""
    assert f"--output {f}: the file exists; add --force to replace it" in r.stderr
    assert f.read_text() == "mine"
    assert cli("scenario", "-o", str(f), "--force").exit_code == 0
    assert f.read_text().startswith("<svg")


@pytest.mark.parametrize(
    "args",
    [
        ["scenario", "--wages", "¥abc"],  # a malformed amount
        ["scenario", "--wages", "-¥5B"],  # a negative cost
        ["convert", "¥1B", "--rate", "0"],  # a zero rate
        ["convert", "¥1B", "--to", "EUR"],  # an unknown currency
        ["compare", "no-such-preset"],
    ],
)
def test_bad_input_leaves_no_file(cli, tmp_path, args):
    f = tmp_path / "out.svg"
    r = cli(*args, "-o", str(f))
    assert r.exit_code == 2 and r.stderr.startswith("hostcost: error:")
    assert list(tmp_path.iterdir()) == []  # no file, and no temporary file


def test_bad_output_names_are_refused_before_any_work(cli, tmp_path):
    r = cli("scenario", "-o", str(tmp_path / "report.pdf"))
    assert r.exit_code == 2 and "no format for .pdf; expected one of .svg, .html" in r.stderr
    r = cli("scenario", "-o", str(tmp_path))
    assert r.exit_code == 2 and "is a folder; expected a file name" in r.stderr
    r = cli("scenario", "-o", str(tmp_path / "no" / "such.svg"))
    assert r.exit_code == 2 and "no such folder" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_batch_stopped_by_a_bad_row_leaves_no_file(cli, tmp_path):
    f = tmp_path / "out.csv"
    rows = "name,wages\na,¥100B\nb,¥abc\n"
    r = cli("batch", "-", "-o", str(f), input=rows)
    assert r.exit_code == 2 and "row 2" in r.stderr
    assert list(tmp_path.iterdir()) == []
    r = cli("batch", "-", "-o", str(f), "--skip-bad", input=rows)
    assert r.exit_code == 1
    lines = f.read_text().splitlines()
    assert lines[0].startswith("name,troops,host_share,total_USD") and [x.split(",")[0] for x in lines[1:]] == ["a"]
    assert cli("batch", "-", "-o", str(tmp_path / "x.xlsx"), input=rows).exit_code == 2


def test_a_file_that_appears_meanwhile_is_not_replaced(tmp_path):
    f = tmp_path / "out.txt"
    with pytest.raises(InputError, match="the file exists"):
        with atomic_writer("--output", str(f), force=False) as out:
            out.write("new")
            f.write_text("theirs")  # another program wrote it while we worked
    assert f.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_error_while_writing_leaves_nothing(tmp_path):
    f = tmp_path / "out.txt"
    with pytest.raises(KeyboardInterrupt):
        with atomic_writer("--output", str(f), force=False) as out:
            out.write("half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
