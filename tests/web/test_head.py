"""HEAD answers wherever GET does: the same status and headers, no body."""

from __future__ import annotations

import pytest
from django.test import Client

from cadenza.engagements.demo import load_bookings_demo
from cadenza.ingest.demo import load_demo
from cadenza.people.models import Agent
from tests.conftest import signed_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Agent:
    load_demo()
    load_bookings_demo()
    return Agent.objects.get(name="Alessio Kalmurzaev")


def test_head_answers_like_get_on_public_pages(client: Client, demo: Agent) -> None:
    person = demo.get_absolute_url()
    urls = ["/", "/browse/", "/browse/people/", "/browse/places/", "/search/?q=bach", person]
    urls += [f"{person}biography/", f"{person}press-kit/", "/login/"]
    for url in urls:
        get, head = client.get(url, follow=True), client.head(url, follow=True)
        assert get.status_code == 200, url
        assert head.status_code == 200, url
        assert head.content == b"", url
        assert head["Content-Type"] == get["Content-Type"], url


def test_head_answers_like_get_on_signed_in_pages(client: Client, demo: Agent, superuser) -> None:
    client.force_login(superuser)
    for url in ("/bookings/", "/bookings/engagements/", "/biographies/review/"):
        get, head = client.get(url), client.head(url)
        assert (get.status_code, head.status_code) == (200, 200), url
        assert head.content == b"", url
        assert signed_in_as(get.content.decode()) == "admin-test", url


def test_other_methods_are_still_refused(client: Client, demo: Agent) -> None:
    response = client.put(demo.get_absolute_url())
    assert response.status_code == 405
    assert "GET" in response["Allow"] and "HEAD" in response["Allow"]
