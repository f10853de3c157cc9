"""The layers of ARCHITECTURE.md, held: each module imports only from the layers beneath its own,
and the core imports no display library. Imports inside functions count too."""

from __future__ import annotations

import ast

import pytest

from helpers import ROOT

PACKAGE = ROOT / "src" / "hostcost"
#: Each layer, and the hostcost layers it may import from (its own included).
MAY_IMPORT = {
    "errors": {"errors"},
    "env": {"env"},
    "core": {"core", "errors"},
    "data": {"data", "core", "errors", "env"},
    "views": {"views", "data", "core", "errors"},
    "render": {"render", "views", "data", "core", "errors", "env"},
    "results": {"results", "render", "views", "data", "core", "errors", "env"},
    "api": {"api", "results", "render", "views", "data", "core", "errors", "env"},
    "cli": {"cli", "api", "results", "render", "views", "data", "core", "errors", "env", "version"},
    "version": set(),  # ``from hostcost import __version__``
    "main": {"cli"},
    "front": {"api", "results", "errors"},  # hostcost/__init__.py: the Python API's names
}
#: Libraries a layer must not import: the core computes, it does not show.
NOT_IN = {
    "core": ("rich", "typer", "click", "matplotlib", "xlsxwriter", "pandas"),
    "data": ("rich", "typer", "click", "matplotlib"),
    "views": ("rich", "typer", "click", "matplotlib"),
    "render": ("typer", "click"),
}
#: Babel's display functions: formatting belongs to views/format.py. (Its currency data, such
#: as a currency's minor unit, is the core's to read.)
BABEL_DISPLAY = ("format_currency", "format_decimal", "format_compact_currency", "format_compact_decimal")


def layer_of(module: str) -> str:
    """``hostcost.core.fx`` -> ``core``; ``hostcost.api`` -> ``api``; ``hostcost`` -> ``front``."""
    parts = module.split(".")
    if len(parts) == 1:
        return "front"
    return {"__main__": "main"}.get(parts[1], parts[1])


def imports_of(source: str, module: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every import in ``source`` (the module ``module``), at any depth: (module, names)."""
    out = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(a.name, ()) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            out.append((base, tuple(a.name for a in node.names)))
    return [(m, n) for m, n in out if m != "__future__"]


def breaches(source: str, module: str) -> list[str]:
    """What ``module`` imports that its layer may not."""
    layer = layer_of(module)
    found = []
    for imported, names in imports_of(source, module):
        top = imported.split(".")[0]
        if top == "hostcost":
            if imported == "hostcost":  # a submodule (from hostcost import api), the version, or the API's names
                layers = {_named(n) for n in names}
            else:
                layers = {layer_of(imported)}
            for theirs in sorted(layers - MAY_IMPORT[layer]):
                found.append(f"{module} imports {imported} ({theirs} is above {layer})")
        elif top in NOT_IN.get(layer, ()):
            found.append(f"{module} imports {imported}")
        elif top == "babel" and layer != "views" and set(names) & set(BABEL_DISPLAY):
            found.append(f"{module} formats with Babel ({', '.join(names)}); that is views/format.py's job")
    return found


def _named(name: str) -> str:
    """The layer of ``from hostcost import name``."""
    if name == "__version__":
        return "version"
    if (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file():
        return layer_of(f"hostcost.{name}")
    return "front"


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("module", "source"), list(modules()), ids=lambda x: x if "\n" not in x else "")
def test_each_module_imports_only_from_beneath_its_layer(module, source):
    assert breaches(source, module) == []


def test_every_module_is_in_a_layer():
    assert {layer_of(m) for m, _ in modules()} <= set(MAY_IMPORT) - {"version"}


@pytest.mark.parametrize(
    ("source", "module", "said"),
    [
        ("from hostcost.views.format import format_money\n", "hostcost.core.fx", "views is above core"),
        ("def f():\n    from hostcost.render import emit\n", "hostcost.core.scenario", "render is above core"),
        ("import rich.table\n", "hostcost.core.money", "imports rich.table"),
        ("def f():\n    import typer\n", "hostcost.core.amounts", "imports typer"),
        ("from babel.numbers import format_currency\n", "hostcost.core.money", "formats with Babel"),
        ("from hostcost.cli.options import emit\n", "hostcost.api", "cli is above api"),
        ("from ..render import emit\n", "hostcost.views.check", "render is above views"),
    ],
)
def test_the_check_catches_an_import_upward(source, module, said):
    """The check itself: an import from above, at the top or inside a function, is caught."""
    assert any(said in b for b in breaches(source, module)), breaches(source, module)


def test_no_source_file_is_longer_than_500_lines():
    long = {m: n for m, source in modules() if (n := source.count("\n")) > 500}
    assert long == {}
