import pytest

from cadenza.press.services import review_add
from tests.factories import AgentFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_review_keeps_quotes_word_for_word_and_is_added_once():
    cellist, concert = AgentFactory(), EventFactory()
    words = ["“Nothing short of breathtaking,”", "Truly unparalleled."]
    review = review_add(subjects=[cellist], event=concert, publication="The Times", quotes=words)
    again = review_add(subjects=[cellist], event=concert, publication="The Times", quotes=words)
    assert again == review
    assert [q.text for q in review.quotes.all()] == words
    assert list(cellist.reviews.all()) == [review]


def test_review_needs_a_subject_and_some_content():
    with pytest.raises(ValueError, match="subject"):
        review_add(subjects=[], publication="The Times")
    with pytest.raises(ValueError, match="publication, a critic"):
        review_add(subjects=[AgentFactory()])
