"""No page prints its template's workings: a `{# comment #}` or a `{% tag %}` that did not
parse (one split over two lines) reaches the visitor as text."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cadenza.accounts.models import User
from tests.web.page_kinds import load_whole_demo, page_kinds

pytestmark = pytest.mark.django_db
_LEAK = re.compile(r"\{#|#\}|\{%|%\}|\{\{|\}\}")


def leaks(body: str) -> list[str]:
    """Template syntax in a page, with a little of what surrounds it."""
    return [body[max(0, m.start() - 30) : m.end() + 30] for m in _LEAK.finditer(body)]


def test_the_check_finds_a_comment_split_over_two_lines():
    from django.template import engines

    template = engines["django"].from_string("<p>{# a comment\n over two lines #}</p>")
    found = leaks(template.render())
    assert len(found) == 2 and found[0].startswith("<p>{# a comment")


def test_no_page_kind_prints_template_syntax(client: Client):
    load_whole_demo()
    manager = User.objects.get(username="demo-manager")
    seen = {}
    for kind, url, signed_in in page_kinds():
        if signed_in:
            client.force_login(manager)
        else:
            client.logout()
        response = client.get(url)
        body = response.content.decode()
        assert "<h1" in body, (kind, url, response.status_code)
        seen[kind] = leaks(body)
    assert {kind: found for kind, found in seen.items() if found} == {}
    assert len(seen) == len(page_kinds())
