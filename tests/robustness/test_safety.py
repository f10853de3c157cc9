"""Output that cannot be turned against its reader: labels (names from flags and files) are shown
literally, spreadsheets do not run them, and JSON is always valid UTF-8."""

import csv
import io
import json
import os
import subprocess

import pytest

from helpers import clean_env, hostcost_exe
from hostcost.env import Env
from hostcost.render import emit
from hostcost.render.text import label_cell, shown
from hostcost.views import Column, DisplayTable, View

HOSTILE = {
    "markup": "[bold red]loud[/bold red]",
    "ansi": "\x1b[31mred\x1b[0m",
    "bidi": "abc\u202edcba",
    "bell": "ding\x07\x08",
    "formula": '=HYPERLINK("http://x","click")',
}


@pytest.fixture
def hostile_file(tmp_path):
    """A scenario file whose names are hostile: a formula for its name, the rest as categories."""
    costs = "\n".join(f'"{json.dumps(v)[1:-1]}" = "¥{i + 1}B"' for i, v in enumerate(HOSTILE.values()))
    f = tmp_path / "hostile.toml"
    f.write_text(f"name = \"=cmd|' /C calc'!A0\"\nhost_share = 100\n[costs]\n{costs}\n", encoding="utf-8")
    return f


def test_tables_show_labels_literally(cli, hostile_file):
    out = cli("scenario", str(hostile_file), "--breakdown", "-f", "txt").stdout
    assert "[bold red]loud[/bold red]" in out  # rich markup is text, not style
    assert "\\x1b[31mred\\x1b[0m" in out and "\x1b" not in out  # an escape shows as its name
    assert "abc\\u202edcba" in out and "\u202e" not in out  # no reordering of the line
    assert "ding\\x07\\x08" in out
    assert "=cmd|' /C calc'!A0" in out  # a table is not a spreadsheet: shown as written


def test_on_a_colour_terminal_only_hostcosts_own_styles_reach_it():
    table = DisplayTable("t", (Column("Name"), Column("Cost", True)), (((HOSTILE["ansi"],), ("$1.00",)),))
    view = View(list, list, dict, lambda lang: [table])
    out = io.StringIO()
    emit(view, "table", Env(None, out, io.StringIO(), {"TERM": "xterm-256color"}, stdout_tty=True))
    text = out.getvalue()
    assert "\x1b[1m" in text  # rich's own bold, on a terminal
    assert "\\x1b[31mred" in text and "\x1b[31mred" not in text


def test_markdown_escapes_its_punctuation(cli, hostile_file):
    out = cli("scenario", str(hostile_file), "--breakdown", "-f", "markdown").stdout
    assert "\\[bold red\\]loud\\[/bold red\\]" in out
    assert '=HYPERLINK("http://x","click")' in out


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_spreadsheet_cells_never_start_a_formula(cli, hostile_file, fmt):
    out = cli("scenario", str(hostile_file), "--breakdown", "-f", fmt).stdout
    rows = list(csv.reader(io.StringIO(out), delimiter="\t" if fmt == "tsv" else ","))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]
    assert "'=cmd|' /C calc'!A0: host pays 100%" in {row[0] for row in rows}
    assert '\'=HYPERLINK("http://x","click")' in {row[1] for row in rows}
    assert "\\x1b[31mred\\x1b[0m" in {row[1] for row in rows}
    # numbers are not labels: a negative figure stays a number
    summary = list(
        csv.reader(
            io.StringIO(cli("scenario", str(hostile_file), "-f", fmt).stdout), delimiter="\t" if fmt == "tsv" else ","
        )
    )
    vs = summary[1][summary[0].index("vs_baseline_USD")]
    assert vs == "-1757500000.00"


def test_batch_names_are_neutralised_too(cli):
    rows = "name,wages\n=1+1,¥1B\n-2,¥1B\n@x,¥1B\n+3,¥1B\nplain,¥1B\n"
    out = cli("batch", "-", "-f", "csv", input=rows).stdout
    assert [r[0] for r in csv.reader(io.StringIO(out))][1:] == ["'=1+1", "'-2", "'@x", "'+3", "plain"]
    jsonl = cli("batch", "-", "-f", "jsonl", input=rows).stdout.splitlines()
    assert [json.loads(line)["name"] for line in jsonl] == ["=1+1", "-2", "@x", "+3", "plain"]  # JSON is data


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "\\x09x"),
        ("＝1", "'＝1"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_label_cells(text, cell):
    assert label_cell(text) == cell


def test_json_is_valid_utf8_whatever_the_command_line_held(tmp_path):
    """Bytes that are not UTF-8 on the command line become U+FFFD in JSON, on stdout and in a file."""
    name = b"\xff\xfe" + "\u202e".encode() + b"x"
    args = [os.fsencode(a) for a in hostcost_exe()] + [b"scenario", b"--cost", name + "=¥1B".encode(), b"-f", b"json"]
    p = subprocess.run(args, capture_output=True, env=clean_env(), timeout=60)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout.decode("utf-8"))  # strict: raises on anything but valid UTF-8
    assert doc["scenarios"][0]["categories"][0]["name"] == "\ufffd\ufffd\u202ex"
    assert b"\\u202e" in p.stdout  # a bidirectional control is escaped, not sent raw
    out = tmp_path / "r.json"
    q = subprocess.run([*args[:-2], b"-o", os.fsencode(out)], capture_output=True, env=clean_env(), timeout=60)
    assert q.returncode == 0, q.stderr
    json.loads(out.read_bytes().decode("utf-8"))
    r = subprocess.run([*args[:-2], b"-f", b"tsv"], capture_output=True, env=clean_env(), timeout=60)
    r.stdout.decode("utf-8")


def test_a_very_long_label_wraps_and_keeps_every_figure(cli, tmp_path):
    f = tmp_path / "long.toml"
    f.write_text(f'name = "{"x" * 2000}"\n[costs]\nwages = "¥128.7B"\n', encoding="utf-8")  # the longest taken
    out = cli("scenario", str(f), "--host-share", "100", "-f", "txt", "--figures", "full").stdout
    assert "$1,222,650,000.00" in out and "¥128,700,000,000" in out
    assert out.count("x") >= 2000


def test_shown_leaves_ordinary_text_alone():
    assert shown("Labor (base workers' wages) 労務費 ¥1.2兆 -$5") == "Labor (base workers' wages) 労務費 ¥1.2兆 -$5"
