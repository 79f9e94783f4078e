import pytest

from cadenza.press.services import quote_add, review_add
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


def test_the_same_review_quoted_again_gains_the_new_quote_once():
    cellist, concert = AgentFactory(), EventFactory()
    first = review_add(subjects=[cellist], event=concert, critic="A. Critic", quotes=["Warm."])
    again = review_add(subjects=[cellist], event=concert, critic="A. Critic", quotes=["Bold."])
    review_add(subjects=[cellist], event=concert, critic="A. Critic", quotes=["Bold."])
    assert again == first
    assert [q.text for q in first.quotes.all()] == ["Warm.", "Bold."]


def test_an_unnamed_critic_of_another_artist_is_another_review():
    one, other = AgentFactory(), AgentFactory()
    first = review_add(subjects=[one], quotes=["Luminous."])
    second = review_add(subjects=[other], quotes=["Fiery."])
    assert first != second
    assert [q.text for q in second.quotes.all()] == ["Fiery."]
    with pytest.raises(ValueError, match="empty"):
        quote_add(review=first, text="  ")
