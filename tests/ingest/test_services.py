"""Citing a source: by verbatim evidence, by a known span, or by an archive record id."""

from __future__ import annotations

import pytest

from cadenza.ingest.models import Source
from cadenza.ingest.services import cite, source_ensure
from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

TEXT = "Ida played at the Hall. Years later Ida played at the Hall again."


def test_a_span_cites_the_very_words_meant_where_evidence_finds_the_first():
    source = source_ensure(key="doc:ida", kind=Source.Kind.DOCUMENT, title="Ida", text=TEXT)
    agent = AgentFactory()
    second = TEXT.rindex("played at the Hall")
    by_span = cite(source=source, record=agent, span=(second, second + 18))
    assert (by_span.span_start, by_span.excerpt) == (second, "played at the Hall")
    by_words = cite(source=source, record=AgentFactory(), evidence="played at the Hall")
    assert by_words.span_start == TEXT.index("played at the Hall") < second


def test_a_span_outside_the_text_is_refused():
    source = source_ensure(key="doc:ida", kind=Source.Kind.DOCUMENT, title="Ida", text=TEXT)
    with pytest.raises(ValueError, match="not inside the text"):
        cite(source=source, record=AgentFactory(), span=(60, 999))
