"""The display language of tables: English (the default) or Japanese (``--lang ja``).

Tables are built in the language they are asked for: their titles, column heads and row labels
are looked up in ``data/ja.toml`` (English text -> Japanese), as gettext looks up a catalogue,
and money is formatted by :func:`hostcost.views.format.format_money` in that language. Every
function takes the language as an argument; nothing here is global. Machine formats (tsv, csv,
json) never change with the language.
"""

from __future__ import annotations

from functools import cache

LANGUAGES = ("en", "ja")


@cache
def _catalogue(lang: str) -> dict[str, dict[str, str]]:
    import tomllib
    from importlib.resources import files

    with files("hostcost").joinpath("data", f"{lang}.toml").open("rb") as f:
        return tomllib.load(f)


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang``, where the catalogue has it; else as it is."""
    if lang == "en":
        return text
    return _catalogue(lang)["labels"].get(text, text)


def category_label(name: str, label: str, lang: str) -> str:
    """The label of the standard category ``name`` in ``lang`` (``label`` in English)."""
    if lang == "en":
        return label
    return _catalogue(lang)["categories"].get(name, label)
