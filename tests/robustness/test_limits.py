"""Limits: each gets a clear error (exit 2) or a correct answer, never a hang or a crash."""

import subprocess
import sys
from decimal import Decimal as D

import pytest

from helpers import clean_env, hostcost_exe


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("¥1e18", "'¥1e18' is too large; hostcost takes amounts below 10^18"),
        ("$1e999999", "too large"),
        ("1e-999999", "'1e-999999' has more than 18 decimal places"),
        ("9" * 300, "is 300 characters long; an amount is at most 200"),
    ],
)
def test_amounts_out_of_range(cli, amount, message):
    r = cli("convert", amount)
    assert r.exit_code == 2 and message in r.stderr and r.stdout == ""


def test_the_largest_amount_converts_exactly(cli):
    [to] = [cli("convert", "¥999999999999999999", "-f", "json").json()["to"]]
    # ¥999,999,999,999,999,999 × 1.9 / 200 = $9,499,999,999,999,999.9905 -> to the cent
    assert to == {"amount": D("9499999999999999.99"), "currency": "USD"}


def test_thousands_of_categories_add_up(cli, tmp_path):
    f = tmp_path / "many.toml"
    f.write_text("[costs]\n" + "".join(f'c{i} = "¥{i + 1}M"\n' for i in range(5000)), encoding="utf-8")
    [s] = cli("scenario", str(f), "--host-share", "100", "--breakdown", "-f", "json").json()["scenarios"]
    assert len(s["categories"]) == 5000
    assert s["total"]["JPY"] == D(5000 * 5001 // 2) * 10**6  # ¥1M + ¥2M + … + ¥5,000M
    assert sum(c["total"]["USD"] for c in s["categories"]) == s["total"]["USD"]


def test_too_many_categories_or_scenarios(cli, tmp_path):
    f = tmp_path / "toomany.toml"
    f.write_text("[costs]\n" + "".join(f'c{i} = "¥1M"\n' for i in range(10_001)), encoding="utf-8")
    r = cli("scenario", str(f))
    assert r.exit_code == 2 and "costs: 10,001 categories; a scenario has at most 10,000" in r.stderr
    r = cli("scenario", *(x for _ in range(1001) for x in ("--host-share", "50")))
    assert r.exit_code == 2 and "1,001 scenarios; hostcost runs at most 1,000 at once" in r.stderr


def test_a_50_mb_scenario_file_is_refused(tmp_path):
    f = tmp_path / "huge.toml"
    line = 'c = "¥1M"  # ' + "x" * 1000 + "\n"
    with f.open("w", encoding="utf-8") as out:
        out.write("[costs]\n")
        for _ in range(50 * 1024):
            out.write(line)
    assert f.stat().st_size > 50 * 10**6
    p = subprocess.run(
        [*hostcost_exe(), "scenario", str(f)], capture_output=True, text=True, env=clean_env(), timeout=60
    )
    assert p.returncode == 2
    message = f"FILE {f}: longer than 10,000,000 characters; a scenario file is at most that"
    assert p.stderr == f"hostcost: error: {message}\n"


def test_a_claim_too_long_to_check(cli):
    r = cli("check", "--", "-" * 500 + "1 = 1")
    assert r.exit_code == 2 and "a claim has at most 200" in r.stderr


GENERATE = """
import sys
n = int(sys.argv[1])
w = sys.stdout.write
w("name,troops,host_share,rate,wages,utilities\\n")
for i in range(n):
    w(f"case {i},{40000 + i % 20000},{2 + i % 99},{100 + i % 60},¥{100 + i % 50}.{i % 10}B,¥{i % 30}B\\n")
"""


def _peak_mib(rows: int) -> float:
    """Peak memory of ``hostcost batch -`` fed ``rows`` rows through a pipe (a fresh process)."""
    probe = f"""
import resource, subprocess, sys
gen = subprocess.Popen([sys.executable, "-c", {GENERATE!r}, "{rows}"], stdout=subprocess.PIPE)
run = subprocess.run({[*hostcost_exe(), "batch", "-"]!r}, stdin=gen.stdout, stdout=subprocess.DEVNULL, check=True)
gen.wait()
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""
    p = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=clean_env(), timeout=600)
    assert p.returncode == 0, p.stderr
    return float(p.stdout)


def test_batch_memory_stays_flat_as_rows_grow():
    """Rows stream through: 20 times the rows, the same memory (10 million rows run in the same
    space; benchmarks/bench_batch.py measures 1,000,000)."""
    small, large = _peak_mib(2_000), _peak_mib(40_000)
    assert large < 100
    assert large - small < 8, (small, large)
