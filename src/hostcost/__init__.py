"""hostcost: what hosting foreign troops costs, and who pays it."""

__version__ = "0.1.0"
