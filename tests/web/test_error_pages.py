"""The error pages are the site's own, with the search box; never Django's bare ones."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _looks_like_the_site(body: str) -> None:
    assert 'class="site-header"' in body and "cadenza.css" in body
    # The big search box, posting to search.
    assert re.search(r'<form class="big-search" role="search" action="/search/"', body)
    assert 'name="q"' in body


def test_a_missing_page_is_styled_and_offers_search(client: Client):
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert '<h1 id="error-h">Page not found</h1>' in body
    assert "<title>Page not found · Cadenza</title>" in body
    _looks_like_the_site(body)


def test_a_missing_record_is_the_same_page(client: Client):
    response = client.get("/people/987654/")
    assert response.status_code == 404
    assert "Nothing in the record is at this address" in response.content.decode()


def test_a_server_error_is_styled_and_offers_search():
    handler = get_resolver().resolve_error_handler(500)
    response = handler(RequestFactory().get("/events/1/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body and "Server Error (500)" not in body
    _looks_like_the_site(body)


def test_a_forbidden_page_is_styled(client: Client):
    client.force_login(UserFactory())  # no artist to manage: may not import biographies
    response = client.get("/biographies/review/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Not allowed" in body
    _looks_like_the_site(body)
    assert "Kalmurzaev" not in body  # a refused page names nobody, not even as an example


def test_a_lock_met_outside_a_view_answers_503_not_500():
    """A middleware's write (a session, a message) that meets another writer's lock reaches
    the 500 handler, not the view's middleware: it answers like a busy view."""
    from django.db import OperationalError

    from cadenza.web.views.errors import server_error

    request = RequestFactory().get("/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Busy: please try again" in body and "Nothing was changed" in body
    _looks_like_the_site(body)
    try:
        raise OperationalError("no such table: people_agent")
    except OperationalError:
        assert server_error(request).status_code == 500  # other errors stay errors


def test_a_form_too_large_says_so(client: Client):
    response = client.post("/login/", {"username": "x" * 1_100_000, "password": "p"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "The form sent is larger than 1000 kB." in body
    _looks_like_the_site(body)
