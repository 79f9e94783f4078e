from __future__ import annotations

import pytest

from tests.factories import EventFactory, QuoteFactory, ReviewFactory

pytestmark = pytest.mark.django_db

QUOTE = (
    "Alessio Leonardo Inzaghi's performance of Bach's Cello Suite No. 1 was nothing short "
    "of breathtaking"
)


def test_review_admin_shows_its_event_and_quote(admin_pages, superuser_client):
    concert = EventFactory(name="Inzaghi at Carnegie Hall")
    review = ReviewFactory(publication="The Evening Chronicle", event=concert)
    QuoteFactory(review=review, text=QUOTE)

    admin_pages(review, search="breathtaking")  # found through the quote's words

    change = superuser_client.get(f"/admin/press/review/{review.pk}/change/").content.decode()
    assert "nothing short of breathtaking" in change  # quote inline
    assert "Inzaghi at Carnegie Hall" in change  # the event it reviews


def test_quote_admin_pages(admin_pages):
    quote = QuoteFactory(text=QUOTE)
    admin_pages(quote, text="Cello Suite No. 1", search="breathtaking")
