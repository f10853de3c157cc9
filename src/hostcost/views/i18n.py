"""The display language of tables: English (the default) or Japanese (``--lang ja``).

Tables are built in English; at display time their titles, column heads and row labels are
looked up in ``data/ja.toml`` (English text -> Japanese), as gettext looks up a catalogue, and
money is formatted by :func:`hostcost.core.amounts.format_money` in the language in force. Machine
formats (tsv, csv, json) never change with the language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

LANGUAGES = ("en", "ja")
_LANG: ContextVar[str] = ContextVar("hostcost_lang", default="en")


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Show tables in ``lang`` within the block."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


def current() -> str:
    return _LANG.get()


@cache
def _catalogue(lang: str) -> dict[str, dict[str, str]]:
    import tomllib
    from importlib.resources import files

    with files("hostcost").joinpath("data", f"{lang}.toml").open("rb") as f:
        return tomllib.load(f)


def translate(text: str) -> str:
    """``text`` in the language in force, where the catalogue has it; else as it is."""
    lang = current()
    if lang == "en":
        return text
    return _catalogue(lang)["labels"].get(text, text)


def category_label(name: str, label: str) -> str:
    """The label of the standard category ``name`` in the language in force (``label`` in English)."""
    lang = current()
    if lang == "en":
        return label
    return _catalogue(lang)["categories"].get(name, label)
