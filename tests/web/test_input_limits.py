"""Sizes and types limited on every input, and control characters kept out of the names
the record stores (folding.clean_name, called by the services)."""

from __future__ import annotations

import html
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.conf import settings
from django.test import Client
from django.urls import reverse

import cadenza
from cadenza.engagements.errors import Invalid
from cadenza.engagements.models import Engagement
from cadenza.engagements.services import NOTES_LENGTH, engagement_update
from cadenza.folding import clean_name, clean_text
from cadenza.people.services import agent_ensure
from cadenza.places.services import place_ensure
from cadenza.repertoire.services import work_ensure
from tests.factories import ArtistAccessFactory, EngagementFactory, UserFactory

pytestmark = pytest.mark.django_db


def _forms() -> list[type[forms.BaseForm]]:
    found = []
    for module in pkgutil.walk_packages(cadenza.__path__, "cadenza."):
        if ".migrations" in module.name or module.name.endswith((".cli", "__main__")):
            continue
        loaded = importlib.import_module(module.name)
        found += [
            obj
            for obj in vars(loaded).values()
            if inspect.isclass(obj)
            and issubclass(obj, forms.BaseForm)
            and obj.__module__ == loaded.__name__
        ]
    return found


def test_every_text_field_of_every_form_has_a_length() -> None:
    found = _forms()
    assert len(found) > 20
    unbounded = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in found
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert unbounded == []


def test_a_request_body_is_limited() -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1_000_000


def test_too_large_a_form_is_a_400_that_says_so(client: Client) -> None:
    client.force_login(ArtistAccessFactory().user)
    response = client.post("/biographies/review/", {"text": "a" * 1_100_000})
    assert response.status_code == 400
    assert "The form sent is larger than 1000 kB." in response.content.decode()


def test_pasted_text_has_the_uploads_limit(client: Client) -> None:
    client.force_login(ArtistAccessFactory().user)
    response = client.post("/biographies/review/", {"text": "She played. " * 20_000})
    body = html.unescape(response.content.decode())
    assert response.status_code == 400
    said = re.search(r'<p class="error" role="alert">([^<]*)</p>', body)
    assert said and said.group(1) == (
        "Biography: the text pasted is larger than 200 kB: paste a shorter biography. "
        "Nothing was imported."
    )


@pytest.fixture
def manager_client(client: Client) -> Client:
    manager = UserFactory(username="manager")
    access = ArtistAccessFactory(user=manager, role="manager")
    client.force_login(manager)
    client.artist = access.agent  # type: ignore[attr-defined]
    return client


def test_a_note_too_long_is_refused_at_its_field(manager_client: Client) -> None:
    artist = manager_client.artist  # type: ignore[attr-defined]
    form = {"artist": artist.pk, "presenter": "Wigmore Hall", "title": "Recital"}
    response = manager_client.post(reverse("engagement-new"), form | {"notes": "n" * 6000})
    assert response.status_code == 400
    assert "Ensure this value has at most 5000 characters (it has 6000)." in html.unescape(
        response.content.decode()
    )
    assert not Engagement.objects.exists()


def test_control_characters_never_reach_a_stored_name(manager_client: Client) -> None:
    artist = manager_client.artist  # type: ignore[attr-defined]
    form = {
        "artist": artist.pk,
        "presenter": "Wigmore\x01 Hall\x1b[31m",
        "title": "Recital\u202e\tin London\x7f",
        "notes": "First line\r\nsecond\x07 line",
    }
    response = manager_client.post(reverse("engagement-new"), form)
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert engagement.title == "Recital in London"
    assert engagement.presenter.name == "Wigmore Hall [31m"
    assert engagement.notes == "First line\nsecond line"


def test_a_null_character_is_refused_naming_the_field(manager_client: Client) -> None:
    artist = manager_client.artist  # type: ignore[attr-defined]
    form = {"artist": artist.pk, "presenter": "Wigmore Hall", "title": "Recital\x00"}
    response = manager_client.post(reverse("engagement-new"), form)
    assert response.status_code == 400
    said = html.unescape(response.content.decode())
    assert re.search(r"Title:?\s*Null characters are not allowed", said), said[-3000:]
    assert not Engagement.objects.exists()


def test_the_services_clean_names_whatever_called_them() -> None:
    assert agent_ensure(name="Yo-Yo\x00 Ma\x1f").name == "Yo-Yo Ma"
    assert place_ensure(name="Wigmore\u2066 Hall", kind="hall").name == "Wigmore Hall"
    assert work_ensure(title="Partita\x0b No. 2").title == "Partita No. 2"
    with pytest.raises(ValueError, match="needs a name"):
        agent_ensure(name="\x00\x01\u202e")


def test_notes_are_limited_in_the_service_too() -> None:
    engagement = EngagementFactory()
    with pytest.raises(Invalid) as refused:
        engagement_update(engagement=engagement, cancellation_terms="x" * (NOTES_LENGTH + 1))
    assert refused.value.field == "cancellation_terms"
    assert f"at most {NOTES_LENGTH}" in refused.value.message


def test_clean_name_and_clean_text() -> None:
    assert clean_name("  Anne-Sophie\u00a0\x85Mutter \x9b ") == "Anne-Sophie Mutter"
    assert clean_name("Dvořák ‎") == "Dvořák ‎"  # letters and marks of the name stay
    assert clean_text("a\r\nb\rc\td\x00") == "a\nb\nc\td"
