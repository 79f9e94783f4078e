"""The page cache: anonymous GET pages kept until the record changes (docs/deployment.md).

Correctness rests on one number, the record version, kept in the "pages" cache that every
server process shares. Every database write of every process (the admin, services, the
importers' bulk inserts and raw SQL, a `cadenza import` in another process) replaces it
once its transaction commits; a page is stored under the version read before it was
rendered, so an edit is never followed by an older page. Writes are seen where they all
pass, Django's cursor (an execute wrapper on each new connection), not through model
signals, which bulk inserts and `QuerySet.update` never send.

Pages are stored only for visitors with no cookie but the CSRF one (so no session and no
message waiting), and only when the page did not use a CSRF token, set a cookie or ask not
to be stored. `PAGE_CACHE=1` turns the
cache on (settings.PAGE_CACHE); versions are kept whether or not it is on, so a server
with the cache on stays right while another process without it writes.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse

ALIAS = "pages"
VERSION_KEY = "record-version"
# Statements that change nothing; anything else (INSERT, UPDATE, DDL…) counts as a write.
_READS = (
    "SELECT", "PRAGMA", "SAVEPOINT", "RELEASE", "BEGIN", "COMMIT", "ROLLBACK", "SET ", "SHOW",
    "EXPLAIN", "VALUES", "LOCK", "ANALYZE",
)  # fmt: skip
# The tables a statement writes (a WITH may read only, or write in any of its parts).
_TARGETS = re.compile(
    r'\b(?:INSERT\s+INTO|UPDATE(?!\s+SET\b)|DELETE\s+FROM|TRUNCATE|MERGE\s+INTO)\s+"?(\w+)',
    re.IGNORECASE,
)
# Tables whose writes do not change what a page shows: an anonymous visitor has no
# session, and PostgreSQL search's documents (web_search_*) are rebuilt from the record
# while a search is served, after the write that made them stale has moved the version.
_IGNORED_TABLES = ("django_session", "web_search_")
# Search answers from its own documents, which on PostgreSQL may lag a moment behind the
# record (rebuilt only when no writer is open): a page from them could outlive its version.
_NOT_STORED = ("/search/", "/admin/")
# Request headers that choose what a view renders (htmx asks for parts of pages).
_VARY = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_TARGET",
    "HTTP_HX_TRIGGER",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)


def record_version() -> str:
    """The current version, made up (and shared) the first time it is needed or lost."""
    cache = caches[ALIAS]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return str(version)


def record_changed() -> None:
    """A new version: every page stored so far is out of date."""
    caches[ALIAS].set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _is_write(sql: str) -> bool:
    head = sql[:200].lstrip(" \t\r\n(")[:12].upper()
    if head.startswith(_READS):
        return False
    targets = [t.lower() for t in _TARGETS.findall(sql)]
    if not targets:  # DDL counts; a WITH that writes nothing is a read
        return not head.startswith("WITH")
    return not all(t.startswith(_IGNORED_TABLES) for t in targets)


def _written(connection: BaseDatabaseWrapper) -> None:
    """A write on this connection: a new version now, or when its transaction commits."""
    if not connection.in_atomic_block:
        record_changed()
    # Once per transaction; a savepoint rolled back drops it, and the next write asks again.
    elif not any(entry[1] is record_changed for entry in connection.run_on_commit):
        transaction.on_commit(record_changed, using=connection.alias)


def _note_writes(connection: BaseDatabaseWrapper) -> Callable[..., Any]:
    def wrapper(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        result = execute(sql, params, many, context)
        if _is_write(sql):
            _written(connection)
        return result

    return wrapper


def note_copied_rows(sender: Any, **kwargs: Any) -> None:
    """bulkinsert.rows_copied: bulk rows go through the driver's own cursor (PostgreSQL's
    COPY, SQLite's batched inserts), which the execute wrapper never sees."""
    _written(connections[DEFAULT_DB_ALIAS])


def watch_connection(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """connection_created: note this connection's writes.

    The signal comes each time the wrapper object connects again (every request, with
    CONN_MAX_AGE=0), so the execute wrapper is added once only.
    """
    if not any(getattr(w, "notes_writes", False) for w in connection.execute_wrappers):
        wrapper = _note_writes(connection)
        wrapper.notes_writes = True  # type: ignore[attr-defined]
        connection.execute_wrappers.append(wrapper)


def _key(request: HttpRequest, version: str) -> str:
    parts = [version, request.scheme or "", request.get_host(), request.get_full_path()]
    parts += [request.META.get(name, "") for name in _VARY]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cacheable_request(request: HttpRequest) -> bool:
    # Any cookie but the CSRF one may change the page: a session, a message to show once.
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}
        and not request.path.startswith(_NOT_STORED)
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and "private" not in control
        and "no-store" not in control
    )


class PageCacheMiddleware:
    """Serve and store anonymous GET pages under the record version (settings.PAGE_CACHE).

    Placed before the session, CSRF and authentication middleware, so a page served from
    the cache costs two cache reads and nothing else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[ALIAS]
        key = _key(request, record_version())
        stored = cache.get(key)
        if stored is not None:
            stored["X-Page-Cache"] = "hit"
            return stored
        response = self.get_response(request)
        if _storable(request, response):
            cache.set(key, response)
            response["X-Page-Cache"] = "miss"
        return response
