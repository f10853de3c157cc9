"""Every parser, fed hostile input: only hostcost's own errors may come out.

The targets are fuzz/targets.py's, the ones atheris runs (python fuzz/run.py). Here hypothesis
drives them: a few hundred inputs each in the default run, many thousands with ``pytest -m slow``.
Inputs the fuzzers found that broke hostcost are kept below as regression tests.
"""

import sys
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))

from targets import TARGETS

from hostcost.core.amounts import parse_amount, parse_percent
from hostcost.core.claims import ClaimError, parse_claim
from hostcost.errors import AmountError

#: Characters that mean something to hostcost's parsers, so random text reaches past the first check.
ALPHABET = "0123456789.,_eE+-*/×÷()=≈~%$¥₩円億兆万 kmbtBMTnJPYUSDKRW\t\n\"'[]{}#:\\\x1b\u202e\udcff"
GRAMMAR = st.text(alphabet=ALPHABET, max_size=80)
SCENARIO_FILES = st.builds(
    lambda key, value, costs: f"{key} = {value}\n[costs]\n{costs}",
    st.sampled_from(["troops", "host_share", "markup", "rate", "years", "escalate", "preset", "name", "rate_year"]),
    st.one_of(st.integers(-(10**20), 10**20).map(str), GRAMMAR.map(lambda t: f'"{t}"'), st.just("[]")),
    st.lists(st.tuples(st.sampled_from(["wages", "fuel", "x"]), GRAMMAR), max_size=4).map(
        lambda items: "\n".join(f'{k} = "{v}"'.replace("\\", "") for k, v in items)
    ),
)
BATCH_INPUT = st.builds(
    lambda header, rows: header + "\n" + "\n".join(",".join(r) for r in rows),
    st.sampled_from(["name,troops,host_share,markup,rate,wages", "troops\twages\trate_KRW", "wages,wages"]),
    st.lists(st.lists(GRAMMAR, min_size=0, max_size=7), max_size=5),
)


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")  # the targets decode it back the same way


INPUTS = {
    "amounts": st.one_of(st.binary(max_size=60), GRAMMAR.map(_bytes)),
    "claims": st.one_of(st.binary(max_size=80), GRAMMAR.map(_bytes)),
    "scenario_file": st.one_of(st.binary(max_size=200), SCENARIO_FILES.map(_bytes)),
    "batch_rows": st.one_of(st.binary(max_size=200), BATCH_INPUT.map(_bytes)),
    # the structured targets read their choices from the bytes (fuzz/targets.py, Picks)
    "case_folding": st.binary(max_size=60),
    "exponents": st.binary(max_size=30),
    "nesting": st.binary(max_size=12),
    "products": st.binary(max_size=30),
}
#: Fewer tries where each builds a large input (200,000 brackets, 10,000 categories).
EXAMPLES = {"nesting": 40, "products": 40}


def _property(name: str, examples: int):
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(INPUTS[name])
    def run(data):
        TARGETS[name](data)  # raises only hostcost's own errors, which the target swallows

    return run


@pytest.mark.parametrize("name", list(TARGETS))
def test_hostile_input_gets_hostcosts_own_errors_only(name):
    _property(name, EXAMPLES.get(name, 300))()


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TARGETS))
def test_hostile_input_at_length(name):
    _property(name, 25 * EXAMPLES.get(name, 800))()


# -- what the fuzzers found ----------------------------------------------------------------------


def test_an_absurd_exponent_is_an_amount_error_not_an_overflow():
    """atheris: ' 6/163333333333333E66000243997232469k' raised decimal.Overflow (fuzz/seeds/amounts)."""
    crash = (ROOT / "fuzz" / "seeds" / "amounts" / "regression-overflow").read_bytes()
    TARGETS["amounts"](crash)
    for text in ("1e66000243997232469", "1.5e999999 JPY", "1兆2e99999億"):
        with pytest.raises(AmountError, match=r"too large|not an amount"):
            parse_amount(text)
    for text in ("1e-999999", "0e-999999", "¥1.5e-19"):
        with pytest.raises(AmountError, match="more than 18 decimal places"):
            parse_amount(text)


def test_long_figures_keep_every_digit():
    """Found while fixing the overflow: a figure of more than 28 digits lost its last ones to
    Decimal's default precision."""
    assert parse_amount("$123456789012345.123456789012345").amount == D("123456789012345.123456789012345")
    assert parse_amount("9999兆9999億9999万9999.123456789012345678円").amount == D(
        "9999999999999999.123456789012345678"
    )
    assert parse_percent("33.123456789012345678") == D("0.33123456789012345678")


def test_a_deeply_nested_claim_is_refused_not_a_recursion_error():
    """A claim of 5,000 nested brackets raised RecursionError; claims now have at most 200 tokens."""
    with pytest.raises(ClaimError, match=r"a claim (has at most 200|is at most 2,000)"):
        parse_claim("(" * 5000 + "1" + ")" * 5000 + " = 1")
    with pytest.raises(ClaimError, match=r"\(10,005 characters\)"):  # the message stays one short line
        parse_claim("(" * 5000 + "1" + ")" * 5000 + " = 1")
    TARGETS["claims"](("-" * 3000 + "1 = 1").encode())
    assert parse_claim("1+1+1 = 3").comparator == "="


def test_a_rate_of_eighteen_digits_is_shown_to_twelve_places():
    """hypothesis: rate = 10000000000000000 in a scenario file raised InvalidOperation when its
    twelve decimal places went past Decimal's default 28 digits."""
    TARGETS["scenario_file"](b"rate=10000000000000000\n[costs]\nwages = '1 JPY'")
    from hostcost.core.fx import Rates, parse_rate, rate_json

    rates = Rates.of([], [parse_rate("JPY=99999999999999999.123456789012")])
    assert rate_json(rates) == {"JPY_per_USD": D("99999999999999999.123456789012")}


def test_a_batch_whose_rate_column_names_a_currency_with_no_rate():
    """atheris: a JSON-lines row with "rate_KPW" stopped the batch at its header (fuzz/seeds)."""
    TARGETS["batch_rows"]((ROOT / "fuzz" / "seeds" / "batch_rows" / "regression-kpw").read_bytes())


def test_a_claim_of_plain_numbers_larger_than_the_default_precision():
    """atheris found this: '48B /5*009B ≈ 0' is 8.64e19, shown to 12 places: 32 digits, beyond
    Python's default 28; the sides are now worked out in hostcost's 60-digit context."""
    from hostcost.core.fx import Rates
    from hostcost.core.verdicts import check_claim
    from hostcost.data.builtin import load_builtin

    r = check_claim(parse_claim("48B /5*009B ≈ 0"), Rates.of([load_builtin().rate]), ("USD", "JPY"))
    assert r.verdict == "fails" and r.left.value[""] == D("86400000000000000000")
    with pytest.raises(ClaimError, match=r"10\^36 or more"):
        check_claim(parse_claim("999T * 999T * 999T = 1"), Rates.of([load_builtin().rate]), ("USD",))
