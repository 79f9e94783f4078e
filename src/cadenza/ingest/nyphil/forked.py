"""Build the import's rows in a forked process while this one writes them.

Reading, checking and resolving the archive is Python work; writing the rows is the
database's. In one process they take turns, so on a machine with two cores a forked
child reads and builds the rows while the parent, which holds the transaction, inserts
each batch as it arrives through a pipe. The child never touches the database: it
inherits the record as the parent read it (the resolvers' look-up tables, the ids
reserved) and sends back rows, progress and, at the end, its result. Every write still
happens in the parent, in its one transaction, through the same services; a failure on
either side ends both and the parent's transaction rolls back.

Rows cross as plain tuples in `marshal` (fast for tuples, strings and numbers): enum
members as their values, datetimes and decimals as text; a batch holding anything else
goes by `pickle`.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from functools import partial
from queue import SimpleQueue
from typing import IO, Any, TypeVar

from django.db import connections

from cadenza.ingest.nyphil.pipes import (
    BUFFER,
    EndedEarly,
    fork_writing,
    framed,
    pickled_error,
    read_frame,
)
from cadenza.ingest.nyphil.writes import Service, Writes
from cadenza.places import gazetteer

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
_ROWS = "building the rows"


class ChildFailed(RuntimeError):
    """The process building the rows failed with an error that could not be sent whole."""


def _ref(thing: Any) -> str:
    return f"{thing.__module__}:{thing.__qualname__}"


def _resolve(ref: str, known: dict[str, Any]) -> Any:
    found = known.get(ref)
    if found is None:
        module, _, name = ref.partition(":")
        found = importlib.import_module(module)
        for part in name.split("."):
            found = getattr(found, part)
        known[ref] = found
    return found


_TEXT_TYPES: dict[type, Callable[[str], Any]] = {
    datetime: datetime.fromisoformat,
    Decimal: Decimal,
}
_READERS = {_ref(kind): read for kind, read in _TEXT_TYPES.items()}
_PLAIN = frozenset({int, float, str, bytes, bool, type(None)})  # what marshal writes
_AS_SENT = frozenset({"", _ref(tuple)})  # no rows, or plain tuples: nothing to rebuild


def _plain_column(values: tuple[Any, ...]) -> tuple[tuple[Any, ...], str] | None:
    """One column as marshal can write it, and the type its text is read back as ('' when
    nothing is to read back); None when only pickle will do.

    Enum members (str or int subclasses: the models' choices) cross as their plain values,
    datetimes and decimals as text. Done by column, in C where possible: the row by row
    scan it replaced cost the child 0.3 s of a first import.
    """
    odd = set(map(type, values)) - _PLAIN
    if not odd:
        return values, ""
    texts = odd & _TEXT_TYPES.keys()
    if texts:
        if len(odd) > 1:
            return None
        return tuple(None if v is None else str(v) for v in values), _ref(texts.pop())
    if all(issubclass(kind, str) for kind in odd):
        plain: Callable[[Any], Any] = str.__str__
    elif all(issubclass(kind, int) for kind in odd):
        plain = int.__int__
    else:
        return None
    # Few distinct values (a column of roles): each converted once.
    known = {v: None if v is None else plain(v) for v in set(values)}
    return tuple(map(known.__getitem__, values)), ""


def _as_columns(rows: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], list[str]] | None:
    """Rows with every column made plain (see _plain_column), and the type each column's
    text is read back as; None when a column holds what only pickle writes."""
    columns, reads = [], []
    for values in zip(*rows, strict=True):
        done = _plain_column(values)
        if done is None:
            return None
        columns.append(done[0])
        reads.append(done[1])
    return list(zip(*columns, strict=True)), reads


def _from_columns(rows: list[tuple[Any, ...]], reads: list[str]) -> list[tuple[Any, ...]]:
    if not any(reads):
        return rows
    columns = list(zip(*rows, strict=True))
    for i, ref in enumerate(reads):
        if ref:
            read = _READERS[ref]
            columns[i] = tuple(None if v is None else read(v) for v in columns[i])
    return list(zip(*columns, strict=True))


class _Sender:
    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def _frame(self, kind: bytes, payload: bytes) -> None:
        self.out.write(framed(kind, payload))

    def write(self, service: Service, /, **rows: Sequence[tuple[Any, ...]]) -> None:
        names = list(rows)
        types = [_ref(type(rows[n][0])) if rows[n] else "" for n in names]
        data = [list(map(tuple, rows[n])) for n in names]
        try:
            self._frame(b"M", marshal.dumps((_ref(service), names, types, data)))
            return
        except ValueError:  # a value marshal does not know
            pass
        plain = [_as_columns(rows) if rows else ([], []) for rows in data]
        if all(done is not None for done in plain):
            self._frame(b"T", marshal.dumps((_ref(service), names, types, plain)))
        else:
            batch = (_ref(service), names, types, data)
            self._frame(b"P", pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL))

    def progress(self, stage: str, done: int, total: int) -> None:
        self._frame(b"G", marshal.dumps((stage, done, total)))

    def result(self, value: Any) -> None:
        self._frame(b"R", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def error(self, error: BaseException) -> None:
        whole = partial(_failed, "building the rows failed")
        self._frame(b"E", pickled_error(error, whole))


def _failed(what: str, text: str) -> ChildFailed:
    return ChildFailed(f"{what}:\n{text}")


def _refuse_queries(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise RuntimeError(
        "The process building the import's rows queried the database; everything it needs "
        f"must be read before it starts. Query: {sql[:200]}"
    )


# The child's work: it writes and reports progress.
Work = Callable[[Writes, Progress], T]


def _in_child(work: Work[Any], write_end: int) -> None:
    code = 1
    try:
        # Ctrl-C reaches the whole process group: the parent handles it and ends this one.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # The parent's connections (and its open transaction) are not ours to use.
        for connection in connections.all(initialized_only=True):
            connection.execute_wrappers.append(_refuse_queries)
        gazetteer.forget_connection()
        with os.fdopen(write_end, "wb", buffering=BUFFER) as out:
            sender = _Sender(out)
            try:
                sender.result(work(sender.write, sender.progress))
                code = 0
            except BaseException as error:
                sender.error(error)
    finally:
        # No clean-up of the inherited state (database connections, atexit handlers):
        # it belongs to the parent.
        os._exit(code)


Frame = tuple[bytes, bytes]  # its kind, its payload


def _drain(incoming: IO[bytes], frames: SimpleQueue[Frame]) -> None:
    """Read the child's frames as they come, so it never waits on a full pipe while this
    process is busy writing rows (reading waits outside the GIL)."""
    try:
        while True:
            frame = read_frame(incoming, who=_ROWS)
            frames.put(frame)
            if frame[0] in (b"R", b"E"):
                return
    except (EndedEarly, ValueError, OSError) as error:
        frames.put((b"X", str(error).encode()))


def _apply(frames: SimpleQueue[Frame], progress: Progress) -> Any:
    known: dict[str, Any] = {}
    while True:
        kind, payload = frames.get()
        if kind in (b"M", b"P", b"T"):
            ref, names, types, data = (pickle if kind == b"P" else marshal).loads(payload)
            if kind == b"T":
                data = [_from_columns(rows, reads) for rows, reads in data]
            service = _resolve(ref, known)
            rows = {
                name: plain
                if t in _AS_SENT
                else list(map(partial(tuple.__new__, _resolve(t, known)), plain))
                for name, t, plain in zip(names, types, data, strict=True)
            }
            service(**rows)
        elif kind == b"G":
            progress(*marshal.loads(payload))
        elif kind == b"R":
            return pickle.loads(payload)
        elif kind == b"E":
            raise pickle.loads(payload)
        elif kind == b"X":
            raise ChildFailed(payload.decode())
        else:
            raise ChildFailed(f"unknown message {kind!r} from the process building the rows")


def run_forked(work: Work[T], *, progress: Progress) -> T:
    """Run `work` in a forked child, applying the writes it sends here as they come."""
    pid, read_end = fork_writing(partial(_in_child, work))
    finished = False
    incoming = os.fdopen(read_end, "rb", buffering=BUFFER)
    frames: SimpleQueue[Frame] = SimpleQueue()
    reader = threading.Thread(target=_drain, args=(incoming, frames), daemon=True)
    reader.start()
    try:
        result: T = _apply(frames, progress)
        finished = True
        return result
    finally:
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        reader.join()
        incoming.close()
