"""batch reads the files analysts have: semicolons and decimal commas (--locale), Excel's UTF-16
and cp1252 (--encoding), and .xlsx sheets; each with the figures of the same cases written
plainly, and each bad file with one clear error. On a terminal, a progress bar and a count."""

import pytest

PLAIN = "name,troops,host_share,wages,utilities\nfirst,54000,75%,¥128.7B,¥22.3B\nsecond,45000,50.5%,¥100B,¥20B\n"


def results(cli, *args, input=None):
    r = cli("batch", *args, input=input)
    assert r.exit_code == 0, r.stderr
    return r.stdout


@pytest.fixture
def plain(cli, tmp_path):
    f = tmp_path / "plain.csv"
    f.write_text(PLAIN, encoding="utf-8")
    return results(cli, str(f))


def test_semicolons_and_decimal_commas_with_a_locale(cli, tmp_path, plain):
    f = tmp_path / "de.csv"
    f.write_text(
        "name;troops;host_share;wages;utilities\nfirst;54.000;75%;¥128,7B;¥22,3B\nsecond;45.000;50,5%;¥100B;¥20B\n",
        encoding="utf-8",
    )
    assert results(cli, str(f), "--locale", "de") == plain
    r = cli("batch", str(f))  # without the locale, 54.000 could be 54,000 or 54: refused, as always
    assert r.exit_code == 2 and "'54.000' could be 54,000" in r.stderr


def test_a_number_that_does_not_follow_the_locale_is_refused_with_both_readings(cli, tmp_path):
    f = tmp_path / "de.csv"
    f.write_text("name;troops;wages\na;54000;¥1.5B\n", encoding="utf-8")
    r = cli("batch", str(f), "--locale", "de")
    assert r.exit_code == 2
    assert "row 1 (line 2), column wages: '1.5' is not a number as de writes it (1.287,5); it could be 1.5 or 15" in (
        r.stderr
    )


def test_a_locale_leaves_words_alone(cli, tmp_path):
    f = tmp_path / "de.csv"
    f.write_text("name;rate_at;wages\nPlan 2.0;2024-03;¥1,5B\n", encoding="utf-8")
    out = results(cli, str(f), "--locale", "de")
    row = dict(zip(out.splitlines()[0].split("\t"), out.splitlines()[1].split("\t")))
    assert row["name"] == "Plan 2.0" and row["rate_period"] == "2024-03" and row["total_JPY"] == "1500000000"
    r = cli("batch", str(f), "--locale", "xx_YY")
    assert r.exit_code == 2 and "--locale 'xx_YY': not a locale Babel knows" in r.stderr


def test_a_header_two_delimiters_split_is_refused(cli, tmp_path, plain):
    f = tmp_path / "both.csv"
    f.write_text("name;troops,host_share\na;54000,75%\n", encoding="utf-8")
    r = cli("batch", str(f))
    assert r.exit_code == 2 and r.stderr.startswith(f"hostcost: error: FILE {f}: the header line could be split at")
    assert "at a comma (2 columns) or at a semicolon (2 columns)" in r.stderr
    assert "give --delimiter ',' or --delimiter ';'" in r.stderr
    g = tmp_path / "bars.csv"
    g.write_text(PLAIN.replace(",", "|"), encoding="utf-8")
    assert results(cli, str(g)) == plain  # a bar, sniffed
    assert results(cli, str(g), "--delimiter", "|") == plain
    r = cli("batch", str(g), "--delimiter", "||")
    assert r.exit_code == 2 and "--delimiter '||': expected one character" in r.stderr


def test_excel_unicode_text_is_utf16_by_its_mark(cli, tmp_path, plain):
    f = tmp_path / "unicode.txt"
    f.write_bytes(PLAIN.replace(",", "\t").encode("utf-16"))  # Excel's "Unicode text": UTF-16 LE, a mark, tabs
    assert f.read_bytes()[:2] == b"\xff\xfe"
    assert results(cli, str(f)) == plain


def test_cp1252_needs_its_encoding_named(cli, tmp_path, plain):
    f = tmp_path / "cp.csv"
    f.write_bytes(PLAIN.replace("first", "café").encode("cp1252"))
    r = cli("batch", str(f))
    assert r.exit_code == 2 and r.stderr == (
        f"hostcost: error: FILE {f}: not UTF-8 text; give --encoding, such as --encoding cp1252 (Excel on "
        "Windows), shift_jis, euc-kr or utf-16\n"
    )
    assert results(cli, str(f), "--encoding", "cp1252") == plain.replace("first", "café")
    r = cli("batch", str(f), "--encoding", "klingon")
    assert r.exit_code == 2 and "--encoding 'klingon': no such encoding" in r.stderr


def test_shift_jis_and_its_yen_sign(cli, tmp_path, plain):
    """Shift_JIS has the yen sign where ASCII has the backslash (byte 0x5C): Python decodes it as
    a backslash, a Japanese screen shows ¥, and hostcost reads ¥."""
    f = tmp_path / "sjis.csv"
    f.write_bytes(PLAIN.replace("first", "第一案").replace("¥", "\\").encode("shift_jis"))
    assert b"\\128.7B" in f.read_bytes()
    assert results(cli, str(f), "--encoding", "shift_jis") == plain.replace("first", "第一案")


def test_an_xlsx_sheet(cli, tmp_path, plain):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    cases = wb.create_sheet("Cases")
    cases.append(["name", "troops", "host_share", "wages", "utilities"])
    cases.append(["first", 54000, 0.75, 128700000000, "¥22.3B"])
    cases.append(["second", 45000.0, 0.505, 100000000000, 20000000000])
    for row in (2, 3):
        cases.cell(row=row, column=3).number_format = "0.0%"  # shown as 75.0%: the cell holds 0.75
        cases.cell(row=row, column=4).number_format = '"¥"#,##0'
    cases.cell(row=3, column=5).number_format = "[$¥-ja-JP]#,##0"
    f = tmp_path / "cases.xlsx"
    wb.save(f)
    assert results(cli, str(f), "--sheet", "Cases") == plain
    r = cli("batch", str(f))  # the first sheet: Notes, with no columns
    assert r.exit_code == 0 and r.stdout.startswith("name\ttroops") and len(r.stdout.splitlines()) == 1
    r = cli("batch", str(f), "--sheet", "Sheet9")
    assert r.exit_code == 2 and "--sheet 'Sheet9': " in r.stderr and "it has Notes, Cases" in r.stderr
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    r = cli("batch", str(bad))
    assert r.exit_code == 2 and f"FILE {bad}: not an .xlsx workbook" in r.stderr


def test_a_sheet_cell_becomes_what_a_user_would_type():
    import datetime as dt

    from hostcost.data.sheets import cell_text

    assert cell_text(0.75, "0%") == "75%"  # a share, never the fraction that share refuses
    assert cell_text(54000.0) == "54000" and cell_text(128.7) == "128.7"
    assert cell_text(1.287e11, '"$"#,##0.00') == "$128700000000"
    assert cell_text(-5, '"¥"#,##0') == "-¥5"
    assert cell_text(dt.datetime(2024, 3, 1)) == "2024-03-01" and cell_text(None) == "" and cell_text(True) == "true"


def test_a_count_of_rows_and_those_skipped(cli, tmp_path):
    f = tmp_path / "cases.csv"
    f.write_text("name,troops\na,54000\nb,lots\nc,45000\nd,-1\n", encoding="utf-8")
    r = cli("batch", str(f), "--skip-bad")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == "hostcost: 4 rows, 2 skipped (rows 2 and 4)"
    r = cli("batch", str(f), "--skip-bad", stderr_tty=True, env={"NO_COLOR": "1"})
    assert r.stderr.splitlines()[-1] == "hostcost: 4 rows, 2 skipped (rows 2 and 4)"
    g = tmp_path / "good.csv"
    g.write_text("name,troops\na,54000\n", encoding="utf-8")
    assert cli("batch", str(g)).stderr == ""  # not a terminal: nothing said
    assert cli("batch", str(g), stderr_tty=True).stderr == "hostcost: 1 row\n"
    assert cli("batch", str(g), "--quiet", stderr_tty=True).stderr == ""


def test_a_progress_bar_once_the_work_takes_a_second(cli, tmp_path, monkeypatch):
    from hostcost.cli import progress

    monkeypatch.setattr(progress, "AFTER", 0.0)  # at once, so that a small test shows it
    f = tmp_path / "cases.csv"
    f.write_text("name,troops\n" + "".join(f"r{i},{50000 + i}\n" for i in range(300)), encoding="utf-8")
    r = cli("batch", str(f), stderr_tty=True, columns=100, env={"TERM": "xterm"})
    assert r.exit_code == 0 and "300 rows" in r.stderr and "rows/s" in r.stderr
    assert "3.2/3.2 kB" in r.stderr  # the bytes read of the file's size
    assert r.stderr.rstrip().endswith("hostcost: 300 rows")
    quiet = cli("batch", str(f), "--quiet", stderr_tty=True, columns=100)
    assert quiet.stderr == "" and quiet.stdout == r.stdout


def test_jobs_give_the_same_rows_in_the_same_order(cli, tmp_path):
    import random

    rng = random.Random(7)
    f = tmp_path / "varied.csv"
    f.write_text(
        "name,troops,host_share,rate,wages\n"
        + "".join(
            f"r{i},{rng.randint(1, 60000)},{rng.randint(0, 100)}%,{rng.randint(90, 160)},¥{i}B\n" for i in range(3500)
        )
        + "bad,lots,50%,150,¥1B\n"
        + "".join(f"s{i},{50000 + i},{i % 100}%,,¥{i}B\n" for i in range(1200)),
        encoding="utf-8",
    )
    one = cli("batch", str(f), "--skip-bad")
    two = cli("batch", str(f), "--skip-bad", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and len(two.stdout.splitlines()) == 1 + 3500 + 1200
    assert two.stderr == one.stderr and "3,501" in two.stderr  # the bad row, by number, once
    stopped = cli("batch", str(f), "--jobs", "3")
    assert stopped.exit_code == 2 and "row 3501 (line 3502), column troops" in stopped.stderr
    assert stopped.stdout == "".join(one.stdout.splitlines(keepends=True)[:3501])  # every row before it, whole
