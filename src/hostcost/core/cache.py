"""A bounded cache that does not thrash: what ``batch`` remembers of the cells it has read.

A batch of 100,000 varied rows brings tens of thousands of distinct cells (troop counts, rates,
shares), and a handful that come back on every row (a fixed cost, a blank). A cache that is
emptied when full forgets the handful along with the rest, and works them out again; one that
keeps everything grows with the input. :class:`Bounded` keeps two generations: lookups are
served from either, a hit in the old one is carried into the new, and when the new one is full
(in entries, or in the characters of its keys, so a few long keys cannot take the memory that
many short ones would) the old one is dropped. So what recurs stays, and memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


def weight(key: Hashable) -> int:
    """What a key costs to keep, in characters: its length for text; for a tuple, the lengths of
    its parts that are text, and one for each other part."""
    if isinstance(key, str):
        return len(key) + 1
    if isinstance(key, tuple):
        return sum(len(k) + 1 if isinstance(k, str) else 1 for k in key) + 1
    return 1


class Bounded(Generic[V]):
    """At most ``2 × entries`` entries, and keys of at most about ``2 × size`` characters."""

    __slots__ = ("_new", "_old", "_used", "entries", "size")

    def __init__(self, entries: int = 4096, size: int = 1 << 20) -> None:
        self.entries, self.size = entries, size
        self._new: dict[Hashable, V] = {}
        self._old: dict[Hashable, V] = {}
        self._used = 0

    def __len__(self) -> int:
        return len(self._new) + len(self._old)

    def get(self, key: Hashable) -> V | None:
        """The value kept for ``key``, or None."""
        found = self._new.get(key)
        if found is None:
            found = self._old.get(key)
            if found is not None:
                self.put(key, found)
        return found

    def put(self, key: Hashable, value: V) -> V:
        """Keep ``value`` for ``key`` (starting a new generation first if this one is full)."""
        cost = weight(key)
        if len(self._new) >= self.entries or self._used + cost > self.size:
            self._old, self._new, self._used = self._new, {}, 0
        self._new[key] = value
        self._used += cost
        return value

    def remember(self, key: Hashable, make: Callable[[], V]) -> V:
        """``get(key)``, or ``make()`` kept for next time."""
        found = self.get(key)
        return self.put(key, make()) if found is None else found
