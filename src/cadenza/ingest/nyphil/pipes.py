"""Frames over pipes between the import's processes (no Django: the files may be read
before it is set up, see prefetch)."""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
import traceback
from collections.abc import Callable
from typing import IO

HEADER = struct.Struct("!cI")  # a frame's kind, the length of its payload
BUFFER = 1 << 20


class EndedEarly(RuntimeError):
    """The process at the other end of a pipe ended before its last frame."""


def can_fork() -> bool:
    """Fork is safe for this on Linux (macOS forbids it for processes using some system
    libraries; Windows has none); one core gains nothing."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


def widen(pipe: int) -> None:
    """A pipe holding a batch's worth (Linux allows 1 MiB), not 64 KiB: its writer then
    waits less often for the reader to take the GIL and read."""
    with contextlib.suppress(ImportError, AttributeError, OSError):  # not Linux; a limit
        import fcntl  # not on Windows

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, BUFFER)


def fork_writing(child: Callable[[int], None]) -> tuple[int, int]:
    """Fork a process that runs child(write end of a pipe) and ends there (os._exit);
    here, its pid and the pipe's read end."""
    read_end, write_end = os.pipe()
    widen(write_end)
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        child(write_end)
        os._exit(1)  # child() ends the process itself
    os.close(write_end)
    return pid, read_end


def framed(kind: bytes, payload: bytes) -> bytes:
    return HEADER.pack(kind, len(payload)) + payload


def pickled_error(error: BaseException, whole: Callable[[str], Exception]) -> bytes:
    """The error pickled to be raised in another process; one that cannot be rebuilt
    there goes as whole(its traceback's text)."""
    try:
        payload = pickle.dumps(error, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(payload)  # some exceptions pickle but cannot be rebuilt
        return payload
    except Exception:
        return pickle.dumps(whole("".join(traceback.format_exception(error))))


def read_exactly(incoming: IO[bytes], size: int, *, who: str) -> bytes:
    """`size` bytes; `who` says what the process at the other end was doing."""
    data = incoming.read(size)
    while len(data) < size:  # an unbuffered pipe gives what it holds
        more = incoming.read(size - len(data))
        if not more:
            raise EndedEarly(f"the process {who} ended before it finished")
        data += more
    return data


def read_frame(incoming: IO[bytes], *, who: str) -> tuple[bytes, bytes]:
    kind, size = HEADER.unpack(read_exactly(incoming, HEADER.size, who=who))
    return kind, read_exactly(incoming, size, who=who)
