"""Figures as people read them: money and numbers in a display language, with Babel.

Only views format; the core keeps Decimals. Each function takes the language it writes in (no
global state), so one process can show English and Japanese side by side.
"""

from __future__ import annotations

from decimal import Decimal

from hostcost.core.money import exponent


def format_money(amount: Decimal, currency: str, lang: str = "en") -> str:
    """``amount`` as people read it in ``lang``: ``$1,893,350,000.00`` in English; in Japanese,
    ``¥1993億``, ``$18.9335億``, ``¥1.0551兆``."""
    if lang == "ja":
        return format_money_ja(amount, currency)
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale="en_US")


#: The Japanese units Babel's compact forms use: 万 (10^4), 億 (10^8), 兆 (10^12).
_JA_SCALES = (12, 8, 4)
#: At most this many decimals in a compact figure (¥1.0551兆); a figure that needs more is written
#: out in full (¥3,690,741), since a compact form must not round a figure away.
JA_DECIMALS = 4


def format_money_ja(amount: Decimal, currency: str) -> str:
    """``amount`` for a Japanese reader, exactly: in 万, 億 or 兆 as Babel's ``ja`` compact forms
    give them, with as many decimals as the figure needs (up to :data:`JA_DECIMALS`), else in
    full. The symbol is ``¥``, not the fullwidth ``￥``, which misaligns columns."""
    from babel.numbers import format_compact_currency, format_currency

    text = None
    # 京 (10^16) and up: Babel has them, but readers and hostcost's grammar don't
    scale = next((s for s in _JA_SCALES if Decimal(10) ** s <= abs(amount) < Decimal(10) ** 16), None)
    if scale is not None:
        decimals = max(0, -exponent(amount.scaleb(-scale).normalize()))
        if decimals <= JA_DECIMALS:
            text = format_compact_currency(amount, currency, locale="ja_JP", fraction_digits=decimals)
    return (text or format_currency(amount, currency, locale="ja_JP")).replace("￥", "¥")


def format_compact(amount: Decimal, currency: str, locale: str = "en_US") -> str:
    """``amount`` in compact form, to three significant digits or so: ``$1.9B``, ``¥199.3B``."""
    from babel.numbers import format_compact_currency

    return format_compact_currency(amount, currency, locale=locale, fraction_digits=2)


def format_number(value: Decimal, places: int = 4, locale: str = "en_US") -> str:
    """A plain number with grouping and up to ``places`` decimals: ``105.2632``."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0." + "#" * places, locale=locale)
