"""Where the import's rows go: straight to the services, or to the process that writes.

The resolvers and the row builder never write themselves: they hand each batch of rows,
with the service that inserts them, to a `Writes`. In one process that calls the service
at once; when rows are built in a second process (forked.py), the batch travels to the
process that holds the transaction, which calls the same service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

Service = Callable[..., Any]


class Writes(Protocol):
    def __call__(self, service: Service, /, **rows: Sequence[tuple[Any, ...]]) -> None: ...


def write_now(service: Service, /, **rows: Sequence[tuple[Any, ...]]) -> None:
    service(**rows)


class Relay:
    """A Writes whose destination can change: the resolvers are made (and read the record)
    before the import knows which process will build its rows."""

    def __init__(self) -> None:
        self.to: Writes = write_now

    def __call__(self, service: Service, /, **rows: Sequence[tuple[Any, ...]]) -> None:
        self.to(service, **rows)
