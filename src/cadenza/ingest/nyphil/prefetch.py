"""The release's files, hashed, read and checked in a process of their own from the start.

Reading and checking the archive is Python work that needs nothing from the record, so it
need not wait for Django: `cadenza import nyphil` forks this process before it sets Django
up (`start_early`), and on two cores the files' digests and first records are ready by the
time the import's transaction opens. The importer takes that reading if it is of the files
it was given (`claim`), or starts one itself (`start`).

The process sends the digests of every file first, then each file's records as
`transfer.file_values` makes them, in `marshal`, in order, each with the names and titles
new in it worked out (foresight.py): what the import's resolvers would otherwise work out
themselves, one spelling at a time. A thread sends them while the next file is read, so
reading goes on when nobody is taking them yet (the whole archive is under 10 MB this
way). An error (a file that is not JSON) is sent in place of the
file's records and raised at that file's turn. Whichever process takes the records (the
importer's, or the one it forks to build rows), only the one that started the reading
ends it (`close`).
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import pickle
import signal
import threading
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from queue import SimpleQueue
from typing import IO

from cadenza.ingest.nyphil.foresight import Answers, Spellings, worked_out
from cadenza.ingest.nyphil.pipes import (
    BUFFER,
    can_fork,
    fork_writing,
    framed,
    pickled_error,
    read_frame,
)
from cadenza.ingest.nyphil.reader import FileError, file_digest, json_files, read_file
from cadenza.ingest.nyphil.transfer import FileValues, read_values

_READING = "reading the files"


class FilesRead:
    """The files being read in another process: their digests, then their records."""

    def __init__(self, files: list[Path], pid: int, pipe: int) -> None:
        self.files, self.pid, self._pipe = files, pid, pipe
        self._owner = os.getpid()
        # Unbuffered: the digests are read here, the records perhaps in a forked process,
        # which must find the pipe where this one left it.
        self._raw = os.fdopen(pipe, "rb", buffering=0, closefd=False)
        self._closed = False

    def _frame(self, incoming: IO[bytes]) -> bytes:
        kind, payload = read_frame(incoming, who=_READING)
        if kind == b"E":
            raise pickle.loads(payload)
        return payload

    def digests(self) -> dict[Path, str]:
        """Each file's digest (reader.file_digest), read first."""
        return dict(zip(self.files, marshal.loads(self._frame(self._raw)), strict=True))

    def records(self) -> Iterator[tuple[FileValues, Answers]]:
        """Each file's records as transfer.file_values gives them, in the files' order,
        with the answers to the names and titles they bring that earlier files did not
        (foresight.worked_out); taken once, after the digests."""
        with os.fdopen(os.dup(self._pipe), "rb", buffering=BUFFER) as incoming:
            for _ in self.files:
                yield marshal.loads(self._frame(incoming))

    def close(self) -> None:
        """Stop reading: the process that started it ends it and waits for it."""
        if self._closed or os.getpid() != self._owner:
            return
        self._closed = True
        self._raw.close()
        os.close(self._pipe)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def start(files: list[Path]) -> FilesRead | None:
    """Start reading the files in a forked process, if this machine can (`can_fork`)."""
    if not can_fork():
        return None
    pid, read_end = fork_writing(partial(_read_in_child, files))
    return FilesRead(files, pid, read_end)


_early: FilesRead | None = None


def start_early(paths: Sequence[str]) -> None:
    """From the command line, before Django is set up: start reading the files named, to
    be claimed by the import. Paths that name no files are left for the import to report."""
    global _early
    try:
        files = json_files([Path(p) for p in paths])
    except FileError:
        return
    _early = start(files)


def claim(files: list[Path]) -> FilesRead | None:
    """The reading started early, if it is of these files (else it is stopped)."""
    global _early
    early, _early = _early, None
    if early is not None and early.files != files:
        early.close()
        return None
    return early


def _read_in_child(files: list[Path], write_end: int) -> None:
    code = 1
    try:
        # Ctrl-C reaches the whole process group: the importer handles it and ends this one.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        gc.disable()  # records hold no cycles; the collector's passes cost a fifth
        frames: SimpleQueue[bytes | None] = SimpleQueue()
        sender = threading.Thread(target=_send, args=(frames, write_end), daemon=True)
        sender.start()
        try:
            frames.put(framed(b"D", marshal.dumps([file_digest(path) for path in files])))
            spellings = Spellings()
            for path in files:
                read = list(read_file(path))
                new = spellings.new_in(program for program, _ in read if program is not None)
                frames.put(framed(b"V", marshal.dumps((read_values(read), worked_out(new)))))
        except Exception as error:
            frames.put(framed(b"E", pickled_error(error, _failed)))
        frames.put(None)
        sender.join()
        code = 0
    finally:
        os._exit(code)


def _send(frames: SimpleQueue[bytes | None], write_end: int) -> None:
    try:
        with os.fdopen(write_end, "wb") as out:
            while (frame := frames.get()) is not None:
                out.write(frame)
                out.flush()
    except BrokenPipeError:  # nobody reads any more: the import stopped
        os._exit(0)


def _failed(text: str) -> FileError:
    return FileError(f"reading the files failed:\n{text}")
