"""The display language of tables: English (the default) or Japanese (``--lang ja``).

Tables are built in the language they are asked for, as gettext builds them: each text a view
shows is written in English, and looked up in ``data/ja.toml`` (English -> Japanese):

- ``[labels]``: titles, column heads and row labels, whole;
- ``[text]``: sentences with ``{names}``, filled in after they are looked up (:func:`tr`);
- ``[patterns]``: the forms of text that come from the data (a rate's period, a scenario's name,
  a preset's cost note), as regular expressions whose named parts are translated in turn;
- ``[categories]``: the standard cost categories.

Money is formatted by :func:`hostcost.views.format.format_money` in that language. Every
function takes the language as an argument; nothing here is global. Machine formats (tsv, csv,
json) never change with the language. Sources (publications' titles) stay as they were
published.
"""

from __future__ import annotations

import re
from functools import cache

LANGUAGES = ("en", "ja")


@cache
def _catalogue(lang: str) -> dict[str, dict[str, str]]:
    import tomllib
    from importlib.resources import files

    with files("hostcost").joinpath("data", f"{lang}.toml").open("rb") as f:
        return tomllib.load(f)


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(k, re.S), v) for k, v in _catalogue(lang).get("patterns", {}).items())


def translate(text: str, lang: str) -> str:
    """``text`` in ``lang``: a label the catalogue has, else the first pattern it matches (its
    named parts translated in turn), else as it is."""
    if lang == "en" or not text:
        return text
    found = _catalogue(lang)["labels"].get(text)
    if found is not None:
        return found
    for pattern, template in _patterns(lang):
        m = pattern.fullmatch(text)
        if m:
            return template.format(**{k: translate(v or "", lang) for k, v in m.groupdict().items()})
    return text


def tr(template: str, lang: str, /, **values: object) -> str:
    """The sentence ``template`` (English, with ``{names}``) in ``lang``, its names filled in
    with ``values`` (already in ``lang``)."""
    if lang != "en":
        template = _catalogue(lang)["text"].get(template, template)
    return template.format(**values) if values else template


def category_label(name: str, label: str, lang: str) -> str:
    """The label of the standard category ``name`` in ``lang`` (``label`` in English)."""
    if lang == "en":
        return label
    return _catalogue(lang)["categories"].get(name, label)
