"""batch's quick ways held to the general rules they stand for: the fast row to run_totals, the
closed forms of the host's share to split_units, the quick reads to the amount grammar, the
bounded cache to its bounds."""

import io
from decimal import Decimal as D
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import engine_row
from hostcost.core.amounts import MARKUP, SHARE, parse_cost, parse_number, parse_written
from hostcost.core.batch import Batch
from hostcost.core.cache import Bounded
from hostcost.core.fx import Rate, Rates, parse_rate, rate_figure, rate_text
from hostcost.core.money import Money, split_shared, split_units
from hostcost.core.rows import read_rows
from hostcost.core.scenario import Category, Inputs
from hostcost.data.builtin import load_builtin, parse_user_rate
from hostcost.errors import AmountError

BUILTIN = load_builtin()
COSTS = ("wages", "utilities", "drills", "facilities", "relocation")
HEADER = ("name", "troops", "host_share", "markup", "rate", *COSTS)


cost_cell = st.one_of(
    st.just(""),
    st.integers(0, 10**13).map(lambda n: f"¥{n}"),  # whole yen: the fast row's
    st.integers(0, 999).map(lambda n: f"¥{n}"),  # a few yen: thirds and sevenths of a cent
    st.integers(1, 500).map(lambda n: f"¥{n / 10}B"),
    st.decimals(min_value=0, max_value=100, places=1).map(lambda d: f"¥{d}"),  # fractions of a yen
    st.decimals(min_value=0, max_value=D("1e9"), places=2).map(lambda d: f"${d}"),  # dollars
)
row_cells = st.tuples(
    st.one_of(st.just(""), st.integers(0, 200_000).map(str), st.just(" 54000 ")),
    st.one_of(
        st.just(""),
        st.just("0"),
        st.just("100"),
        st.integers(11, 1000).map(lambda n: str(n / 10)),
        st.integers(0, 100_000).map(lambda n: f"{n / 1000}%"),
    ),
    st.one_of(st.just(""), st.just("0"), st.integers(0, 20_000).map(lambda n: f"{n / 100}%")),
    st.one_of(st.just(""), st.integers(8000, 30000).map(lambda n: str(n / 100)), st.just("200/1.9")),
    st.lists(cost_cell, min_size=len(COSTS), max_size=len(COSTS)),
)


def _inputs(name: str, cells: tuple) -> tuple[Inputs, Rates]:
    troops, share, markup, rate, costs = cells
    given = [parse_rate(rate)] if rate else []
    rates = Rates.of([BUILTIN.rate], given)
    categories = tuple(
        Category(n, Money(m.amount, m.currency)) for n, c in zip(COSTS, costs) if c for m in [parse_cost(c)]
    )
    return (
        Inputs(
            name,
            int(troops) if troops.strip() else BUILTIN.baseline.troops,
            categories or tuple(BUILTIN.categories),
            SHARE.parse(share) if share else D(1),
            markup=MARKUP.parse(markup) if markup else D(0),
        ),
        rates,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(row_cells, min_size=1, max_size=8))
def test_fast_rows_are_run_totals(rows):
    """Every row, run twice through one batch (the second time its cells are all remembered, so
    the fast row takes each it covers), gives scenario's figures cell for cell."""
    lines = [",".join(HEADER)]
    for i, (troops, share, markup, rate, costs) in enumerate(rows):
        lines.append(",".join([f"case {i}", troops, share, markup, rate, *costs]))
    text = "\n".join(lines) + "\n"
    batch = Batch(Rates.of([BUILTIN.rate]), BUILTIN.baseline, BUILTIN.categories, 54000, HEADER, parse_user_rate)
    expected = []
    for i, cells in enumerate(rows):
        inputs, rates = _inputs(f"case {i}", cells)
        expected.append(engine_row(inputs, rates, batch.currencies))
    fast = 0
    for _ in range(2):
        for row, expect in zip(read_rows(io.StringIO(text), "csv"), expected):
            [got] = batch.rows(row)
            # where the rate was given, scenario's source says --rate, batch's its column
            assert got[:-1] == expect[:-1]
            fast += batch._fast.run(row.number, row.values) is not None
    covered = [r for r in rows if all(c.startswith("¥") and "." not in c and "B" not in c for c in r[4] if c)]
    assert fast >= len(covered)  # the fast row ran every row it covers, on the second pass at least


def _split_units_host(units: list[int], den: int, sn: int, sd: int) -> tuple[int, int]:
    """The general rule: each row's total and host part as split_units takes them."""
    totals = [n * sd for n in units]
    hosts = [n * sn for n in units]
    grand, host, *_ = split_units(totals, hosts, den * sd)
    return grand, host


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.integers(0, 10**20), min_size=1, max_size=6),
    st.one_of(st.just(1), st.integers(1, 10**7)),
    st.one_of(st.just(Fraction(0)), st.just(Fraction(1)), st.fractions(0, 3, max_denominator=10**6)),
)
def test_split_shared_is_the_general_rule(units, den, share):
    """The closed forms (a share of 0 or 1, whole rows) and the loop give split_units' figures,
    markups (shares above 1) included."""
    sn, sd = share.numerator, share.denominator
    assert split_shared(units, den, sn, sd) == _split_units_host(units, den, sn, sd)


@settings(max_examples=1000, deadline=None)
@given(st.from_regex(r"\A[0-9]{1,18}(\.[0-9]{1,18})?\Z", fullmatch=True))
def test_a_plain_number_reads_as_the_grammar_reads_it(text):
    written = parse_written(text)
    assert parse_number(text) == written.value
    assert str(parse_number(text)) == str(written.value)  # the same digits and exponent


def test_digits_of_other_scripts_are_refused_on_the_quick_path_too():
    """٧٥ (Arabic-Indic 75) matched the quick path's \\d and was read as 75, where the grammar
    refuses every digit that is not 0-9."""
    for text in ("٧٥", "७५", "٧٥%", "١٥٠"):
        try:
            SHARE.parse(text) if not text.startswith("١") else parse_number(text)
        except AmountError as e:
            assert "plain digits" in str(e) or "not a percent" in str(e)
        else:
            raise AssertionError(f"{text!r} was read as a share")


@settings(max_examples=1000, deadline=None)
@given(st.tuples(st.integers(1, 10**17), st.integers(-3, 16)).map(lambda t: D(t[0]).scaleb(-t[1])))
def test_a_rate_cell_is_its_figure(units):
    for usd in (D(1), D("1.9")):
        rate = Rate("JPY", units, usd, "given")
        assert rate_text(rate) == format(rate_figure(rate), "f")


@settings(max_examples=2000, deadline=None)
@given(st.text())
def test_a_label_is_shown_as_the_escapes_show_it(text):
    from hostcost.render.text import _UNSHOWABLE, _escape, shown

    assert shown(text) == _UNSHOWABLE.sub(_escape, text)


def test_the_cache_keeps_what_recurs_and_stays_bounded():
    cache: Bounded[int] = Bounded(entries=100, size=10_000)
    cache.put("hot", 1)
    made = 0
    for i in range(10_000):
        assert cache.remember("hot", lambda: 2) == 1  # never forgotten, never made again
        cache.remember(f"cold {i}", lambda: 0)
        made += 1
        assert len(cache) <= 200
    big: Bounded[int] = Bounded(entries=10_000, size=1_000)
    for i in range(1_000):
        big.put("x" * 100 + str(i), i)
    assert len(big) <= 2 * 1_000 // 100 + 2  # bounded by the characters of its keys


def _osa(a: str, b: str) -> int:
    """The edit distance with adjacent swaps (optimal string alignment), worked out in full."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


@settings(max_examples=3000, deadline=None)
@given(st.text("abcst_", max_size=9), st.text("abcst_", max_size=9))
def test_one_edit_is_the_edit_distance_of_one(a, b):
    """The near-miss check of column names, in one pass, says what the full edit distance says."""
    from hostcost.core.rows import _one_edit

    assert _one_edit(a, b) == (_osa(a, b) <= 1)
