"""The fixtures the tests share; the helpers themselves are in helpers.py."""

from __future__ import annotations

import pytest

from helpers import invoke


@pytest.fixture
def cli():
    """Invoke hostcost in process; returns what it did, with .json() parsing Decimals exactly."""
    return invoke
