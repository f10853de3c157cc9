"""Numbers written a locale's way (``--locale de``: ``128,7``, ``1.287,5``), read with Babel and
rewritten as hostcost's grammar reads them (``128.7``, ``1287.5``), so that the amount grammar's
scales and currencies still apply (``¥128,7B`` is ``¥128.7B``).

Without a locale nothing is rewritten, and a decimal comma is refused as it always is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from hostcost.errors import InputError


def check_locale(name: str) -> str:
    """``name`` (``de``, ``de_DE``, ``fr-CH``) if Babel knows it; :class:`InputError` otherwise."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InputError(f"--locale {name!r}: not a locale Babel knows; write one such as de, fr or de_CH") from None
    return name.replace("-", "_")


def number_reader(locale: str) -> Callable[[str], str]:
    """A function that rewrites each number in a cell from ``locale``'s way of writing it into
    hostcost's, strictly: a number that does not follow the locale's grouping (``1.5`` in German,
    which could be 1,5 or 15) raises :class:`InputError` saying both readings."""
    from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    marks = re.escape(decimal + group + (" \u00a0\u202f" if group.isspace() else ""))
    number = re.compile(rf"\d(?:[\d{marks}]*\d)?")

    def plain(match: re.Match) -> str:
        text = match.group()
        try:
            value = parse_decimal(text, locale=locale, strict=True)
        except NumberFormatError:
            other = _other_reading(text, decimal, group)
            raise InputError(
                f"{text!r} is not a number as {locale} writes it (1{group}287{decimal}5)"
                + (f"; it could be {other}" if other else "")
                + "; write it in full, or check --locale"
            ) from None
        return format(value, "f")

    def rewrite(cell: str) -> str:
        return number.sub(plain, cell) if any(ch.isdigit() for ch in cell) else cell

    return rewrite


def _other_reading(text: str, decimal: str, group: str) -> str:
    """The two readings of a number with one mark (``1.5``: 1.5 or 15), for the error."""
    if text.count(decimal) + text.count(group) != 1:
        return ""
    mark = decimal if decimal in text else group
    as_decimal = Decimal(text.replace(mark, "."))
    as_group = Decimal(text.replace(mark, ""))
    return f"{format(as_decimal, 'f')} or {format(as_group, 'f')}"
