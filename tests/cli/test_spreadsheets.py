"""Spreadsheets (``-o FILE.xlsx``) and CSV for Excel (``--bom``): money as numbers in its
currency's format, percents as numbers, the notes on a sheet of their own."""

from decimal import Decimal as D

import pytest

from helpers import ROOT

openpyxl = pytest.importorskip("openpyxl")  # the test extra has it

#: Every command with --output, as a user would run it.
COMMANDS = [
    ["scenario"],
    ["scenario", "--breakdown", "--troops-change", "-9000"],
    ["sweep", "--vary", "host-share=0:100:25"],
    ["solve", "--for", "share", "--target", "$1B"],
    ["compare", "fy2020", "korea-2025"],
    ["batch", str(ROOT / "examples" / "batch-cases.csv")],
    ["convert", "¥199.3B"],
    ["baseline"],
    ["check", "$1.9B = ¥200B"],
    ["rates"],
    ["presets"],
    ["sources"],
]


def book(cli, tmp_path, *args):
    f = tmp_path / "out.xlsx"
    r = cli(*args, "-o", str(f))
    assert r.exit_code == 0, r.stderr
    return openpyxl.load_workbook(f)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:30])
def test_every_command_writes_a_workbook_with_numbers_and_notes(cli, tmp_path, args):
    wb = book(cli, tmp_path, *args)
    assert wb.sheetnames[-1] == "Notes"
    notes = [c.value for c in wb["Notes"]["B"]]
    assert any("half to even" in (n or "") for n in notes)  # the rounding rule
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    numbers = [c for c in cells if isinstance(c.value, (int, float))]
    if args[0] not in ("sources",):  # sources lists each figure as published, in words
        assert numbers


def test_money_is_a_number_with_its_currency_format(cli, tmp_path):
    wb = book(cli, tmp_path, "scenario")
    ws = wb["Who pays what"]
    assert [c.value for c in ws[3]][:5] == [
        "Scenario",
        "Total cost (USD)",
        "Total cost (JPY)",
        "Host pays (USD)",
        "Host pays (JPY)",
    ]
    host75 = ws["D5"]  # host pays 75%: $1,420,012,500.00
    assert host75.value == 1420012500 and host75.number_format == '"$"#,##0.00;-"$"#,##0.00'
    assert ws["E5"].value == 149475000000 and ws["E5"].number_format == '"¥"#,##0;-"¥"#,##0'
    vs = [c.value for c in ws[3]].index("Host vs baseline (%)")
    share = ws.cell(row=5, column=vs + 1)
    assert abs(share.value - 0.7473750) < 1e-12 and share.number_format == "0.000%"  # 74.7375%, to its decimals
    notes = [c.value for c in wb["Notes"]["B"]]
    assert any("105.263158 JPY per USD, the baseline's implied rate" in n for n in notes)  # the rate and source
    assert any("Yomiuri Shimbun" in n for n in notes)  # the costs' source
    data = wb["Data"]  # the machine rows, as -f tsv has them
    assert [c.value for c in data[1]][:4] == ["name", "troops", "host_share", "total_USD"]
    assert data["C3"].value == 0.75 and data["C3"].number_format == "0.00%"


def test_a_label_is_text_never_a_formula(cli, tmp_path):
    wb = book(cli, tmp_path, "scenario", "--name", "=HYPERLINK(1)", "--breakdown", "--host-share", "50")
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("=HYPERLINK(1)") for t in texts)  # as written, and as text
    f = tmp_path / "out.xlsx"
    import zipfile

    sheets = [n for n in zipfile.ZipFile(f).namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in zipfile.ZipFile(f).read(n).decode() for n in sheets)  # no formula anywhere


def test_batch_writes_its_rows_as_they_come(cli, tmp_path):
    csv = tmp_path / "cases.csv"
    csv.write_text("name,troops,host_share\n" + "".join(f"c{i},{50000 + i},{i % 100}%\n" for i in range(500)))
    f = tmp_path / "b.xlsx"
    assert cli("batch", str(csv), "-o", str(f)).exit_code == 0
    wb = openpyxl.load_workbook(f, read_only=True)
    rows = list(wb["Batch"].iter_rows(values_only=True))
    assert len(rows) == 501 and rows[0][:3] == ("name", "troops", "host_share")
    assert rows[1][:3] == ("c0", 50000, 0) and rows[76][:3] == ("c75", 50075, 0.75)
    assert isinstance(rows[76][rows[0].index("host_USD")], (int, float))  # a number, not text


def test_xlsx_on_a_terminal_is_refused(cli):
    r = cli("scenario", "-f", "xlsx", tty=True)
    assert r.exit_code == 2 and "-f xlsx writes a spreadsheet, which is not text: give -o FILE.xlsx" in r.stderr


def test_a_figure_excel_cannot_hold_is_said_in_the_notes(cli, tmp_path):
    # $123,456,789,012,345.67 × 150.5 = ¥18,580,246,746,358,023: odd, and past 2^54, no double holds it
    wb = book(cli, tmp_path, "convert", "$123456789012345.67", "--to", "JPY", "--rate", "150.5")
    notes = [c.value for c in wb["Notes"]["B"]]
    assert any("more than 15 significant digits" in n for n in notes)
    plain = tmp_path / "plain.xlsx"
    cli("convert", "$1.9B", "-o", str(plain))
    notes = [c.value for c in openpyxl.load_workbook(plain)["Notes"]["B"]]
    assert not any("significant digits" in n for n in notes)


# -- CSV for Excel --------------------------------------------------------------------------------


def test_bom_marks_csv_as_utf8_for_excel(cli, tmp_path):
    f = tmp_path / "s.csv"
    assert cli("scenario", "--bom", "-o", str(f), "--name", "労務費").exit_code == 0
    raw = f.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfname,troops") and "労務費".encode() in raw
    assert cli("scenario", "--bom", "-f", "tsv").stdout.startswith("\ufeffname\ttroops")
    assert not cli("scenario", "-f", "csv").stdout.startswith("\ufeff")  # only when asked
    r = cli("scenario", "--bom", "-f", "json")
    assert r.exit_code == 2 and "--bom is for csv and tsv output" in r.stderr
    assert D(cli("scenario", "--bom", "-f", "csv").stdout.splitlines()[1].split(",")[3]) == D("1893350000.00")


def test_a_breakdown_keeps_one_column_a_kind(cli, tmp_path):
    wb = book(cli, tmp_path, "scenario", "--breakdown", "--host-share", "75")
    ws = wb["host pays 75% by category"]
    heads = [c.value for c in ws[3]]
    assert heads[:4] == ["Category", "Host share", "Cost (USD)", "Cost (JPY)"]  # the Total row's blank share is none
    assert ws["A4"].value == "wages\nLabor (base workers' wages)" and ws.row_dimensions[4].height == 30
    assert ws["B4"].value == 0.75 and ws["B4"].number_format == "0%"


def test_the_notes_give_the_source_of_every_figure(cli, tmp_path):
    wb = book(cli, tmp_path, "scenario")
    notes = dict(zip((c.value for c in wb["Notes"]["A"]), (c.value for c in wb["Notes"]["B"])))
    assert notes["Source: cost: wages"] == "Yomiuri Shimbun"  # as -f json's sources list it
    assert notes["Source: baseline"].startswith("Epoch Times")
