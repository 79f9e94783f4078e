"""What every part of a biography's telling shares: the artist's short name, the tense,
the length's list size, and how lists of names and counts are said."""

from __future__ import annotations

from datetime import date

from cadenza.people.models import Agent
from cadenza.press.biography_kinds import BiographyFacts, Figure, Named
from cadenza.press.writing.phrases import (
    by_city,
    counted_apart,
    full_stop,
    listed,
    tally,
    the,
    times,
)
from cadenza.press.writing.refer import SUBJECT
from cadenza.press.writing.story import Paragraph, Part, Sentence

LIST_SIZE = {50: 2, 150: 3, 400: 6}  # names in a list, by the biography's length


class TellerBase:
    def __init__(self, facts: BiographyFacts, words: int) -> None:
        self.facts, self.words = facts, words
        self.size = LIST_SIZE[words]
        agent = facts.agent
        self.person = agent.kind == Agent.Kind.PERSON
        self.ended = facts.ended
        # A career the record shows only in the past (an archive's, which records no
        # deaths) is told by what it shows, between its years, claiming nothing of now.
        last = facts.last_year
        self.neutral = (
            self.person
            and not self.ended
            and facts.events > 5
            and last is not None
            and last < date.today().year - 2
            and not any(held.end is None for held in facts.positions)
        )
        if self.person:
            surname = agent.sort_name.split(",")[0].strip() if "," in agent.sort_name else ""
            self.surname = surname or agent.name.split()[-1]
        else:
            self.surname = agent.name
        conducts = facts.main_role == "conductor"
        self.played, self.playing = (
            ("conducted", "conducting") if conducts else ("played", "playing")
        )
        # The artist, as `writing/refer.py` resolves it once the sentences are ordered.
        self.short = SUBJECT
        self.out: list[Sentence] = []
        self.stated: list[Figure] = []  # the figures told since the last sentence

    def say(
        self,
        text: str,
        *,
        rank: int,
        part: Part,
        paragraph: Paragraph = Paragraph.ORIGINS,
        variants: tuple[str, ...] = (),
    ) -> None:
        """A sentence, and other wordings of it (the first is preferred)."""
        figures, self.stated = tuple(self.stated), []
        others = tuple(full_stop(v) for v in variants)
        self.out.append(Sentence(full_stop(text), rank, part, paragraph, figures, others))

    def state(self, named: Named) -> None:
        """Note a count the sentence being written tells."""
        if named.figure and not named.vague:
            self.stated.append(Figure(named.figure, named.key, named.count))

    def verb(self, present: str, past: str) -> str:
        return past if self.ended else present

    def names(
        self, named: list[Named], *, counts: bool = False, article: bool = False, also: str = ""
    ) -> str:
        """'A, B and C', with their counts after the list ('(24, 21 and 14 times)'): a list
        read aloud keeps its names together. With `also` ('under'), those met once follow
        apart: 'A and B (four and three times), and also under C'."""
        if not counts:
            return listed([self.name(n, counts=False, article=article) for n in named[: self.size]])
        shown = self.leading(named)
        counted, once = counted_apart(shown) if also else (shown, [])
        text = listed([self.name(n, counts=False, article=article) for n in counted])
        told = tally(counted)
        if told:
            for one in counted:
                self.state(one)
        text += told
        if once:
            text += f", and also {also} " + listed(
                [self.name(n, counts=False, article=article) for n in once]
            )
        return text

    def works(self, named: list[Named]) -> str:
        """Works keep their counts beside them: their titles hold commas of their own."""
        return listed([self.counted(n) for n in self.leading(named)])

    def counted(self, named: Named) -> str:
        """A name with its count beside it, noted as a stated figure."""
        if named.count > 1:
            self.state(named)
        return self.name(named, counts=True, article=False)

    def leading(self, named: list[Named]) -> list[Named]:
        """The first few by count; a count tied with one left out is left out too, so that
        'most often' names no one who shares the place with someone unnamed."""
        shown = named[: self.size]
        if len(named) > len(shown) and shown:
            tied = named[len(shown)].count
            cut = [n for n in shown if n.count != tied]
            shown = cut or shown[:1]
        return shown

    @staticmethod
    def name(named: Named, *, counts: bool, article: bool) -> str:
        text = the(named.name) if article else named.name
        if counts and named.count > 1 and not named.vague:
            # A nickname already in brackets takes the count: 'Op. 56 (Triple; three times)'.
            if text.endswith(")"):
                text = f"{text[:-1]}; {times(named.count)})"
            else:
                text += f" ({times(named.count)})"
        return text

    def venues(self) -> str:
        """Venues grouped by city, those played once apart: 'A and B in New York City (53 and
        47 times); C in Philadelphia (nine times), and also at D in Vienna'."""
        counted, once = counted_apart(self.leading(self.facts.venues))
        text = by_city(counted)
        if tally(counted):
            for one in counted:
                self.state(one)
        if once:
            text += f", and also at {by_city(once)}" if counted else by_city(once)
        return text
