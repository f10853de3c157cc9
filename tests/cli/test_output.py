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
#: A figure as the tables show it, short or full: $1.89B, ¥199,300,000,000, -$6.65M, 99.6%
FIGURE = re.compile(r"[-+]?[$¥₩][\d,]+(?:\.\d+)?[KMBT]?|\d+(?:\.\d+)?%")


def figures_of(text: str) -> list[str]:
    return FIGURE.findall(text.replace("\\$", "$"))


def svg_texts(path) -> list[str]:
    """The text of each text element of an SVG, its non-breaking spaces read as spaces."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return [(e.text or "").replace("\xa0", " ") for e in root.iter(f"{SVG}text")]


def test_an_svg_is_a_document_with_each_figure_a_text_of_its_own(cli, tmp_path):
    f = tmp_path / "s.svg"
    r = cli("scenario", "--preset", "fy2021", "-o", str(f))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""  # the result went to the file
    texts = svg_texts(f)
    table = cli("scenario", "--preset", "fy2021", "-f", "markdown").stdout
    expected = figures_of(table)
    assert "$1.84B" in expected and len(expected) > 20  # FY2021: ¥201.7B at 109.8429 yen a dollar
    lines = {t.strip() for t in texts}
    for figure in expected:
        assert any(figure in line for line in lines), figure
    assert "$1.84B" in lines and "¥202B" in lines  # a figure is a text element of its own
    notes = " ".join(texts)
    assert "109.8429 JPY per USD, the 2021 calendar-year average (Federal Reserve" in notes  # the rate
    assert "Epoch Times" in notes and "--figures full" in notes  # the baseline's source, the rounding
    svg = f.read_text(encoding="utf-8")
    assert "<circle" not in svg and 'fill="#ffffff"' in svg  # light, and no window buttons of a terminal
    assert "Who pays what" in texts and "Host pays" in texts  # a title, the heads


def test_an_svg_renders_in_librsvg(cli, tmp_path):
    """librsvg (rsvg-convert, as Debian ships it) draws it: a PNG as wide as the table."""
    import shutil
    import subprocess

    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed (Debian: librsvg2-bin)")
    f, png = tmp_path / "s.svg", tmp_path / "s.png"
    cli("scenario", "-o", str(f))
    subprocess.run(["rsvg-convert", str(f), "-o", str(png)], check=True, capture_output=True)
    header = png.read_bytes()[:24]
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    root = ET.parse(f).getroot()
    assert (width, height) == (int(root.get("width")), int(root.get("height"))) and width > 500


def test_an_svg_works_offline(cli, tmp_path):
    f = tmp_path / "s.svg"
    cli("scenario", "-o", str(f))
    text = f.read_text(encoding="utf-8")
    assert "@font-face" not in text and "cdnjs" not in text
    assert re.findall(r"https?://[^\"' )]+", text) == ["http://www.w3.org/2000/svg"]  # the namespace alone


class Page(HTMLParser):
    """The tags of a page, and the text of each cell, head and caption."""

    def __init__(self):
        super().__init__()
        self.tags, self.cells, self.data, self.right = [], [], [], []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("td", "th", "caption"):
            self._cell = []
            self.right.append("text-align: right" in (dict(attrs).get("style") or ""))
        if tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th", "caption") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        self.data.append(data)
        if self._cell is not None:
            self._cell.append(data)


def test_html_is_a_page_of_tables_with_the_notes_and_nothing_fetched(cli, tmp_path):
    f = tmp_path / "s.html"
    assert cli("baseline", "-o", str(f)).exit_code == 0
    text = f.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    assert {"html", "head", "body", "table", "caption", "thead", "tbody", "th", "td"} <= set(page.tags)
    assert "script" not in page.tags and "pre" not in page.tags and "img" not in page.tags
    assert "http" not in text
    assert "Baseline" in page.cells  # a caption
    assert "Default cost categories: Japan's FY2020 host-nation-support budget, ¥199.3B" in page.cells
    rows = [line for line in cli("baseline", "-f", "markdown").stdout.splitlines() if line.startswith("|")]
    for figure in figures_of("\n".join(rows)):
        assert any(figure in cell.split("\n") for cell in page.cells), figure
    figures = [r for cell, r in zip(page.cells, page.right) if FIGURE.fullmatch(cell.split("\n")[0])]
    assert figures and all(figures)  # every figure right-aligned
    shown = "".join(page.data)
    assert "105.263158 JPY per USD" in shown and "Yomiuri Shimbun" in shown and "--figures full" in shown


def test_html_totals_are_a_table_footer(cli, tmp_path):
    f = tmp_path / "s.html"
    cli("scenario", "--breakdown", "--host-share", "50", "-o", str(f))
    text = f.read_text(encoding="utf-8")
    assert text.count("<tfoot>") == 1 and "<tfoot><tr><th" in text  # the breakdown's Total row


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("r.json", lambda text: json.loads(text, parse_float=D)["scenarios"][0]["host"]["USD"] == D("1893350000.00")),
        ("r.csv", lambda text: text.startswith("name,troops,host_share,total_USD")),
        ("r.tsv", lambda text: text.startswith("name\ttroops\thost_share\ttotal_USD")),
        ("r.md", lambda text: text.startswith("**Who pays what**") and "| \\$1.89B<br>¥199B" in text),
        ("r.txt", lambda text: "Who pays what" in text and "$1.89B" in text and "\x1b" not in text),
        ("r.html", lambda text: text.startswith("<!DOCTYPE html>") and "<caption>Who pays what</caption>" in text),
        ("r.svg", lambda text: text.startswith("<svg") and ">Who pays what</text>" in text),
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


def test_svg_notes_wrap_to_the_page_in_japanese_too(cli, tmp_path):
    """A Japanese line has no spaces to break at, and each character is twice as wide."""
    from hostcost.render.document import text_width, wrap_to

    f = tmp_path / "ja.svg"
    assert cli("scenario", "--lang", "ja", "-o", str(f)).exit_code == 0
    root = ET.parse(f).getroot()
    page = int(root.get("width")) - 48  # the margins
    notes = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "note"]
    assert notes and all(text_width(n, 11) <= page for n in notes)
    assert any("基準額：兵員54,000人に年19億ドル（2,000億円）" in n for n in notes)
    assert wrap_to("基準額：兵員", 40, 11) == ["基準額", "：兵員"]
