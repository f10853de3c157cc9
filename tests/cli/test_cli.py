"""The real command line: figures, formats, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from decimal import Decimal as D

import pytest

from helpers import clean_env, hostcost_exe, invoke, run

# -- scenario ------------------------------------------------------------------------------------


def test_scenario_json_contract(cli):
    r = cli("scenario", "-f", "json")
    assert r.exit_code == 0, r.stderr
    j = r.json()
    assert j["rate"]["JPY_per_USD"] == D("105.263157894737")
    assert j["rate"]["details"]["JPY"]["label"] == "the baseline's implied rate, ¥200B ÷ $1.9B"
    assert j["baseline"]["USD"] == D("1900000000.00") and j["baseline"]["JPY"] == D("200000000000")
    assert j["baseline"]["troops"] == 54000
    assert [s["host_share"] for s in j["scenarios"]] == [D(1), D("0.75"), D("0.5")]
    full = j["scenarios"][0]
    assert full["total"] == {"USD": D("1893350000.00"), "JPY": D("199300000000")}
    assert full["vs_baseline"] == {"USD": D("-6650000.00"), "JPY": D("-700000000"), "ratio": D("0.9965")}
    assert full["per_troop"]["host"] == {"USD": D("35062.04"), "JPY": D("3690741")}
    assert [c["name"] for c in full["categories"]] == ["wages", "welfare", "utilities", "drills", "facilities"]
    assert full["categories"][0]["total"] == {"USD": D("1222650000.00"), "JPY": D("128700000000")}
    assert "1900000000.00" in r.stdout  # money stays exact in JSON: cents, no float noise
    assert any("Yomiuri" in s["source"] for s in j["sources"])
    for s in j["scenarios"]:
        for cur in ("USD", "JPY"):
            assert s["host"][cur] + s["us"][cur] == s["total"][cur]
            for part in ("total", "host", "us"):
                assert sum(c[part][cur] for c in s["categories"]) == s[part][cur]


def test_scenario_from_inputs(cli):
    r = cli(
        "scenario",
        "--troops",
        "54000",
        "--utilities",
        "¥20B",
        "--wages",
        "¥150B",
        "--drills",
        "¥30B",
        "--host-share",
        "50",
        "-f",
        "json",
    )
    [s] = r.json()["scenarios"]
    assert s["total"]["JPY"] == D("200000000000") and s["host"]["JPY"] == D("100000000000")
    assert s["host"]["USD"] == D("950000000.00") and s["vs_baseline"]["ratio"] == D("0.5")
    assert [c["name"] for c in s["categories"]] == ["utilities", "wages", "drills"]  # only the costs given


def test_only_troops_given_keeps_the_builtin_costs(cli):
    [s, *_] = cli("scenario", "--troops", "45k", "-f", "json").json()["scenarios"]
    assert s["troops"] == 45000 and s["total"]["JPY"] == D("199300000000")
    assert s["per_troop"]["total"]["USD"] == D("42074.44")  # $1,893,350,000 / 45,000 = 42,074.444…


def test_zero_troops_gives_null_per_troop(cli):
    [s, *_] = cli("scenario", "--troops", "0", "-f", "json").json()["scenarios"]
    assert s["per_troop"] is None


def test_custom_categories_rates_and_shares(cli):
    r = cli(
        "scenario",
        "--cost",
        "base security=$40M",
        "--wages",
        "1.2e9",
        "--currency",
        "USD",
        "--rate",
        "150",
        "--host-share",
        "75",
        "--share",
        "base security=0",
        "-f",
        "json",
    )
    [s] = r.json()["scenarios"]
    assert r.json()["rate"]["JPY_per_USD"] == D(150)
    sec = next(c for c in s["categories"] if c["name"] == "base security")
    assert sec["host"] == {"USD": D("0.00"), "JPY": D(0)} and sec["us"]["JPY"] == D("6000000000")
    assert s["host"]["USD"] == D("900000000.00")  # 75% of $1.2B


def test_scenario_tsv_is_the_default_in_a_pipe(cli):
    r = cli("scenario")
    lines = r.stdout.splitlines()
    header = lines[0].split("\t")
    assert header[:6] == ["name", "troops", "host_share", "total_USD", "total_JPY", "host_USD"]
    assert "vs_baseline_ratio" in header and "JPY_per_USD" in header
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert [r["host_USD"] for r in rows] == ["1893350000.00", "1420012500.00", "946675000.00"]
    assert rows[2]["us_JPY"] == "99650000000" and rows[0]["JPY_per_USD"] == "105.263157894737"
    assert "\x1b[" not in r.stdout and "┃" not in r.stdout


def test_scenario_csv_and_breakdown(cli):
    rows = list(csv.DictReader(io.StringIO(cli("scenario", "-f", "csv", "--breakdown", "--host-share", "61").stdout)))
    assert [r["category"] for r in rows] == ["wages", "welfare", "utilities", "drills", "facilities"]
    utilities = rows[2]
    assert utilities["total_JPY"] == "22300000000" and utilities["host_JPY"] == "13603000000"
    assert utilities["host_share"] == "0.61"


def test_scenario_markdown(cli):
    out = cli("scenario", "-f", "markdown", "--host-share", "50", "--figures", "full").stdout
    assert "| host pays 50% | \\$1,893,350,000.00<br>¥199,300,000,000 | \\$946,675,000.00<br>¥99,650,000,000 |" in out
    # short, the default: three significant figures, half to even (¥99.65B -> ¥99.6B); a $ is escaped
    short = cli("scenario", "-f", "markdown", "--host-share", "50").stdout
    assert (
        "| host pays 50% | \\$1.89B<br>¥199B | \\$947M<br>¥99.6B | \\$947M<br>¥99.6B | \\$17,531<br>¥1.85M |" in short
    )
    assert "Figures rounded for display; --figures full shows them to the cent and the yen." in short
    assert "Rate: 105.263158 JPY per USD" in out
    assert "|---|---:|" in out


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_table_never_cuts_a_figure(cli, columns):
    r = cli("scenario", "-f", "table", "--figures", "full", "--share", "utilities=61", env={"COLUMNS": columns})
    out = r.stdout
    # Host payments with utilities at 61% in every scenario: 100% of ¥177B + ¥13.603B = ¥190.603B, and so on.
    for figure in (
        "$1,893,350,000.00",
        "¥199,300,000,000",
        "$1,810,728,500.00",
        "¥146,353,000,000",
        "-$89,271,500.00",
        "-¥97,897,000,000",
        "$211,850,000.00",
    ):
        assert figure in out, figure
    flat = re.sub(r"\s+", " ", out)
    per_troop = "$33,532.01" in out and "¥3,529,685" in out
    assert per_troop or re.search("Not shown at this width: [^;]*Host pays per troop", flat)  # left out, said so
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    assert "Rate: 105.263158 JPY per USD" in re.sub(r"\s+", " ", out)


def test_table_caption_names_rate_troops_and_sources(cli):
    out = re.sub(r"\s+", " ", cli("scenario", "-f", "table", "--rate", "150", env={"COLUMNS": "160"}).stdout)
    assert "Rate: 150 JPY per USD, given with --rate." in out
    assert "for 54,000 troops" in out and "Troops: 54,000." in out
    assert "Epoch Times" in out and "Yomiuri" in out


# -- convert and baseline ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "args", "amount", "currency"),
    [
        ("¥200B", [], "1900000000.00", "USD"),
        ("2000億円", ["--to", "USD"], "1900000000.00", "USD"),
        ("200 billion yen", ["--to", "usd"], "1900000000.00", "USD"),
        ("¥199.3B", ["--rate", "106.7754"], "1866534801.09", "USD"),
        ("$8B", [], "842105263158", "JPY"),
        ("$1.9B", ["--to", "KRW", "--rate", "KRW=1180.5554"], "2243055260000", "KRW"),
        (
            "₩1.1833tn",
            ["--rate", "KRW=1144.8911"],
            "1033548081.56",
            "USD",
        ),  # 1.1833e12 / 1144.8911 = 1,033,548,081.5599
    ],
)
def test_convert(cli, text, args, amount, currency):
    j = cli("convert", text, *args, "-f", "json").json()
    assert j["to"] == {"amount": D(amount), "currency": currency}
    assert j["rate"]


def test_convert_json_contract(cli):
    j = cli("convert", "¥200B", "--to", "USD", "-f", "json").json()
    assert j["from"] == {"amount": D("200000000000"), "currency": "JPY"}
    assert j["to"] == {"amount": D("1900000000.00"), "currency": "USD"}
    assert j["rate"]["JPY_per_USD"] == D("105.263157894737") and set(j["rate"]) == {"JPY_per_USD", "details"}


def test_convert_tsv_and_table(cli):
    assert cli("convert", "¥200B").stdout == (
        "from_amount\tfrom_currency\tto_amount\tto_currency\tJPY_per_USD\n"
        "200000000000\tJPY\t1900000000.00\tUSD\t105.263157894737\n"
    )
    out = cli("convert", "¥200B", "-f", "table", "--figures", "full").stdout
    assert "¥200,000,000,000" in out and "$1,900,000,000.00" in out and "105.263158 JPY per USD" in out


def test_baseline(cli):
    j = cli("baseline", "-f", "json").json()
    assert j["baseline"]["USD"] == D("1900000000.00") and j["baseline"]["troops"] == 54000
    assert j["categories_total"] == {"USD": D("1893350000.00"), "JPY": D("199300000000")}
    assert {c["name"]: c["cost"]["JPY"] for c in j["categories"]}["drills"] == D("1000000000")
    rows = cli("baseline").stdout.splitlines()
    assert rows[0].split("\t") == ["kind", "name", "label", "troops", "amount_USD", "amount_JPY", "source"]
    assert rows[1].split("\t")[3:6] == ["54000", "1900000000.00", "200000000000"]
    table = cli("baseline", "-f", "table", "--figures", "full", env={"COLUMNS": "100"}).stdout
    assert "¥128,700,000,000" in table and "Yomiuri" in table


# -- bad input --------------------------------------------------------------------------------------

BAD = [
    (["scenario", "--troops", "-5"], "--troops: '-5' is negative"),
    (["scenario", "--troops", "many"], "--troops: 'many' is not a number"),
    (["scenario", "--troops", "1.5"], "not a whole number"),
    (["scenario", "--rate", "0"], "--rate: '0' is zero; expected a positive number of JPY per US dollar"),
    (["scenario", "--rate", "-3"], "--rate: '-3' is not a positive number"),
    (["scenario", "--rate", "nan"], "--rate: 'nan' is not a positive number"),
    (["scenario", "--rate", "KRW=inf"], "'KRW=inf' is not a positive number; expected a positive number of KRW"),
    (["scenario", "--utilities", "¥abc"], "--utilities: '¥abc' is not an amount"),
    (["scenario", "--utilities", "-¥5B"], "--utilities: '-¥5B' is negative; a cost must be zero or more"),
    (["scenario", "--host-share", "150"], "--host-share: '150' is more than 100"),
    (["scenario", "--share", "fuel=50"], "there is no category 'fuel'"),
    (["scenario", "--cost", "security"], "--cost 'security': expected NAME=AMOUNT"),
    (["scenario", "--wages", "¥1B", "--cost", "wages=¥2B"], "--cost wages: given twice ('¥1B' and '¥2B')"),
    (["scenario", "--wages", "€1B"], "no exchange rate for EUR; give one with --rate EUR=N"),
    (["scenario", "--currency", "XQZ", "--wages", "5"], "--currency: unknown currency 'XQZ'"),
    (["convert", "", "--to", "USD"], "AMOUNT: empty amount"),
    (["convert", "200 XQZ", "--to", "USD"], "unknown currency 'XQZ'"),
    (["convert", "¥1e999999"], "too large"),
    (["convert", "¥200B", "--to", "EUR"], "no exchange rate for EUR"),
    (["convert", "¥200B", "--rate", "JPY=150", "--rate", "JPY=140"], "--rate: a second rate for JPY"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_exits_2_with_one_clear_line(cli, args, message):
    r = cli(*args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith("hostcost: error: ") and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scenario", "-f", "xml"], "--format 'xml': expected one of table, tsv, csv, json, jsonl, markdown"),
        (["scenario", "--bogus"], "No such option: --bogus"),
        (["scenario", "--troops"], "Option '--troops' requires an argument"),
        (["convert"], "Missing argument 'amount'"),
        (["nosuch"], "No such command 'nosuch'"),
    ],
)
def test_usage_errors_are_one_line_too(cli, args, message):
    r = cli(*args)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("hostcost: error: ") and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_no_command_shows_the_help(cli):
    r = cli()
    assert r.exit_code == 2 and "Commands:" in r.stderr and "scenario" in r.stderr


# -- the installed program ------------------------------------------------------------------------


def test_exit_codes_and_stderr_as_a_subprocess():
    for args, _ in BAD[:8]:
        p = run(*args)
        assert p.returncode == 2 and p.stdout == "" and "Traceback" not in p.stderr
    p = run("scenario", "-f", "json")
    assert p.returncode == 0 and json.loads(p.stdout)["scenarios"]


def test_version_and_python_m():
    from hostcost import __version__

    assert run("--version").stdout.strip() == f"hostcost {__version__}"
    p = subprocess.run([sys.executable, "-m", "hostcost", "convert", "¥200B"], capture_output=True, text=True)
    assert p.returncode == 0 and "1900000000.00" in p.stdout


def test_pipes_into_sort_and_awk():
    p = subprocess.run(
        " ".join(hostcost_exe()) + " scenario | tail -n +2 | sort -t$'\\t' -k6,6n | cut -f1",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=clean_env(),
    )
    assert p.stdout.split("\n")[:3] == ["host pays 50%", "host pays 75%", "host pays 100%"]


def test_a_closed_pipe_ends_quietly():
    r, w = os.pipe()
    os.close(r)
    p = subprocess.run(
        [*hostcost_exe(), "scenario", "-f", "json"],
        stdout=w,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=clean_env(),
        timeout=60,
    )
    os.close(w)
    assert p.returncode in (-13, 141) and p.stderr == b""


def test_help_and_version_load_no_pint_rich_or_babel():
    code = (
        "import sys\nfrom hostcost.cli import main\nsys.argv = ['hostcost', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pint', 'rich', 'babel'}), file=sys.stderr)"
    )
    for args in (["--version"], ["--help"], ["scenario", "--help"]):
        p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
        assert p.stderr.strip() == "[]", (args, p.stderr)


COMMANDS = [
    "scenario",
    "convert",
    "baseline",
    "check",
    "rates",
    "presets",
    "sources",
    "sweep",
    "solve",
    "compare",
    "batch",
]


def test_the_list_of_commands_is_whole(cli):
    listed = cli("--help").stdout.split("Commands:")[1].split("Examples:")[0]
    names = [line.split()[0] for line in listed.splitlines() if line[:3].strip() and line.startswith("  ")]
    assert sorted(names) == sorted([*COMMANDS, "schema"])


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli, command):
    out = cli(command, "--help").stdout
    assert "Examples:" in out and f"hostcost {command}" in out
    assert "--format" in out


def tty(*args: str, env: dict | None = None, columns: int = 120) -> str:
    """Run hostcost on a pseudo-terminal and return what the terminal showed."""
    e = clean_env(**{"COLUMNS": str(columns), "TERM": "xterm-256color", **(env or {})})
    exe = hostcost_exe()
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvpe(exe[0], [*exe, *args], e)
    chunks, deadline = [], time.time() + 60
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    os.waitpid(pid, 0)
    os.close(fd)
    return b"".join(chunks).decode()


COLOUR = re.compile(r"\x1b\[(?:[\d;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[\d;]*)?m")


def test_on_a_terminal_a_table_with_colour_unless_told_not():
    out = tty("scenario")
    assert "$1.89B" in out and "╭" in out
    assert "\x1b[" in out
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        plain = tty("scenario", env=env)
        assert not COLOUR.search(plain) and "$1.89B" in plain


def test_in_process_on_a_terminal_80_columns_wide():
    """The environment is injected (hostcost.env.Env): a terminal, its width and its variables,
    without a pseudo-terminal. At 80 columns no line is wider than the screen."""
    from rich.cells import cell_len

    r = invoke("scenario", tty=True, columns=80, env={"TERM": "xterm-256color"})
    assert r.exit_code == 0 and "╭" in r.stdout and "\x1b[1m" in r.stdout  # rich's styles, on a terminal
    plain = re.sub(r"\x1b\[[\d;]*m", "", r.stdout)
    assert "$1.89B" in plain and max(cell_len(line) for line in plain.splitlines()) <= 80
    assert plain.count("╭") == 2  # the splits and the costs, each one table
    assert not COLOUR.search(invoke("scenario", tty=True, columns=80, env={"NO_COLOR": "1"}).stdout)
    assert invoke("scenario").stdout.startswith("name\ttroops")  # a pipe: tsv


def test_only_the_command_that_runs_is_loaded():
    """The command table is lazy: running convert imports convert's module and no other
    command's, and --help lists every command without importing any."""
    code = (
        "import sys\nfrom hostcost.cli import main\nmain(sys.argv[1:])\n"
        "print(sorted(m for m in sys.modules if m.startswith('hostcost.cli.')), file=sys.stderr)"
    )
    for args, loaded in (
        (["convert", "¥200B"], ["hostcost.cli.convert", "hostcost.cli.options"]),
        (["--help"], []),
        (["nosuch"], []),
    ):
        p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=clean_env())
        assert p.stderr.strip().splitlines()[-1] == str(loaded), (args, p.stderr)


def test_the_command_list_says_what_each_command_s_help_says():
    from hostcost.cli import COMMANDS

    for name, short in COMMANDS.items():
        text = " ".join(invoke(name, "--help", columns=1000).stdout.split("\n\n")[1].split())
        assert text == short, name
