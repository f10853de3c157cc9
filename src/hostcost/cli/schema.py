"""``hostcost schema``: the JSON Schema of scenario files."""

from __future__ import annotations

from hostcost.cli import command_app
from hostcost.cli.options import Command

EPILOG = """\b
Examples:
  hostcost schema > scenario.schema.json
  hostcost schema | python3 -m json.tool --sort-keys
"""

app = command_app()


@app.command(cls=Command.taking(output=False), epilog=EPILOG)
def schema() -> None:
    """The JSON Schema of scenario files, made from the same table of inputs as the options.

    An editor that checks TOML against a JSON Schema (Taplo, Even Better TOML) then checks a
    scenario file as it is typed: put '#:schema scenario.schema.json' on its first line. The
    package ships the same schema as hostcost/data/scenario.schema.json.
    """
    from hostcost.cli.options import show
    from hostcost.core.inputs import schema as scenario_schema
    from hostcost.render.text import to_json

    show(to_json(scenario_schema()))
