"""Nothing lost: Ctrl-C (SIGINT), SIGTERM, SIGHUP, SIGQUIT and SIGUSR1 end hostcost with 128 + the
signal's number (130, 143, 129, 131, 138), leave no partial file,
and a batch stopped midway has written whole rows only."""

import os
import signal
import subprocess
import time

import pytest

from helpers import clean_env, hostcost_exe

ROW = "case {i},{troops},75,150,¥128.7B,¥22.3B,¥1.0B\n"
HEADER = "name,troops,host_share,rate,wages,utilities,drills\n"


def rows(n: int) -> str:
    return "".join(ROW.format(i=i, troops=40000 + i) for i in range(n))


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_batch_stopped_midway_has_written_whole_rows(tmp_path, sig, status):
    cases = tmp_path / "cases.csv"
    cases.write_text(HEADER + rows(200_000), encoding="utf-8")
    p = subprocess.Popen(
        [*hostcost_exe(), "batch", str(cases)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env()
    )
    try:
        head = p.stdout.read(64 * 1024)  # rows are flowing: stop it while it writes
        p.send_signal(sig)
        out = head + p.stdout.read()
        assert p.wait(timeout=60) == status
    finally:
        p.kill()
    assert p.stderr.read() == b""
    text = out.decode("utf-8")
    assert text.endswith("\n")  # the last row is whole
    lines = text.splitlines()
    assert 1 < len(lines) < 200_001
    assert {len(line.split("\t")) for line in lines} == {24}  # every row has every column
    assert lines[-1].startswith(f"case {len(lines) - 2}\t")  # in order, none skipped


@pytest.mark.parametrize(
    ("sig", "status"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGQUIT, 131), (signal.SIGUSR1, 138)],
)
def test_a_stopped_batch_leaves_no_output_file(tmp_path, sig, status):
    out = tmp_path / "results.tsv"
    p = subprocess.Popen(
        [*hostcost_exe(), "batch", "-", "-o", str(out)], stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env()
    )
    try:
        p.stdin.write((HEADER + rows(50)).encode())
        p.stdin.flush()
        deadline = time.monotonic() + 30
        while not any(f.name.startswith(".hostcost-") for f in tmp_path.iterdir()):  # it is writing
            assert time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.3)
        p.send_signal(sig)
        assert p.wait(timeout=60) == status
    finally:
        p.kill()
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary
    assert b"Traceback" not in p.stderr.read()


def test_sigterm_while_reading_a_terminal_is_quiet(tmp_path):
    """A command waiting on input ends at SIGTERM with 143 and no traceback."""
    p = subprocess.Popen(
        [*hostcost_exe(), "batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    try:
        p.stdin.write(HEADER.encode())
        p.stdin.flush()
        time.sleep(1.0)
        os.kill(p.pid, signal.SIGTERM)
        assert p.wait(timeout=60) == 143
    finally:
        p.kill()
    assert p.stderr.read() == b""
