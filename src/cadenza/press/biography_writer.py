"""Biographies written only from the record: every sentence is built from recorded facts.

Each fact becomes a candidate sentence with a notability rank and a part of the story
(`writing/story.py`). The most notable sentences that fit the length are chosen, then told
in story order. A fact the record lacks produces no sentence; a vague fact ("various
orchestras") stays exactly as vague. Active artists are told in the present tense, those
who retired or died in the past tense. No pronouns: the record does not say which one a person uses.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import NamedTuple

from cadenza.people.models import Agent, Milestone
from cadenza.press.biography_kinds import BiographyFacts, Named
from cadenza.press.writing.career import CareerSentences
from cadenza.press.writing.phrases import (
    listed,
    lower_first,
    number,
    the,
    with_subject,
)
from cadenza.press.writing.refer import joined, referred
from cadenza.press.writing.story import TOLERANCE, Paragraph, Part, Rank, Sentence
from cadenza.repertoire.performers import performer_nouns

LENGTHS = (50, 150, 400)
# A prize the reader found only as a word of winning: 'winner' at 'First Prize'.
_NO_PRIZE = {"winner", "won", "laureate", "prizewinner", "prize winner", "winning"}
FORMATS = ("text", "markdown", "html")


class _Teller(CareerSentences):
    """Every sentence: who, training, prizes, posts, the career (`writing/career.py`), works
    written, the press and the milestones."""

    def lead(self) -> None:
        agent, facts = self.facts.agent, self.facts
        if not self.person:
            what = "an ensemble" if agent.kind == Agent.Kind.ENSEMBLE else "an organisation"
            self.say(f"{self.short} {self.verb('is', 'was')} {what}", rank=Rank.WHO, part=Part.LEAD)
            return
        nouns = performer_nouns(zip(facts.performer_nouns, facts.instruments, strict=True))
        if facts.main_role == "conductor":
            nouns = ["conductor", *nouns[:1]]
        if facts.works_written and not facts.events:
            nouns = ["composer"]
        what = listed(nouns[:2]) if nouns else "musician"
        born = ""
        background = agent.background.strip()
        # "Born into a family of modest means in Moscow, Russia": the lead's own words for
        # where they were born, told once ("a violinist, born into a family…").
        origins = (
            background.lower().startswith("born ")
            and bool(facts.born_place)
            and facts.born_place in background
            and not agent.begin_year
        )
        if origins:
            born, background = f", {lower_first(background.rstrip('.'))}", ""
        elif facts.born_place:
            born = f" born in {facts.born_place}"
        if agent.begin_year:
            born += f" in {agent.begin_year}" if born else f" born in {agent.begin_year}"
        if self.neutral:
            self.neutral_lead(what, born)
        else:
            article = "an" if what[0] in "aeiou" else "a"
            self.say(
                f"{self.short} {self.verb('is', 'was')} {article} {what}{born}",
                rank=Rank.WHO,
                part=Part.LEAD,
            )
        if background:
            # The lead says where they were born: the background does not say it again.
            background = _place_left_out(background, facts.born_place)
            self.say(with_subject(self.short, background), rank=Rank.LEAST, part=Part.BACKGROUND)

    def neutral_lead(self, what: str, born: str) -> None:
        """An archive career with no recorded end: what the record shows, between its
        years, without claiming the present ('The violinist Isaac Stern appeared in 124
        concerts on record between 1944 and 1998, 105 of them with the New York
        Philharmonic')."""
        facts = self.facts
        self.state(Named("", facts.events, figure="appearances"))
        text = f"The {what} {self.short}{f',{born},' if born else ''} appeared in "
        text += f"{number(facts.events)} concerts on record"
        if facts.first_year and facts.last_year and facts.first_year != facts.last_year:
            text += f" between {facts.first_year} and {facts.last_year}"
        elif facts.first_year:
            text += f" in {facts.first_year}"
        named = [n for n in facts.ensembles if not n.vague]
        if named and named[0].count < facts.events:
            self.state(named[0])
            text += f", {number(named[0].count)} of them with {the(named[0].name)}"
        elif named:
            self.state(named[0])
            text += f", all with {the(named[0].name)}"
        self.say(text, rank=Rank.WHO, part=Part.LEAD)

    def training(self) -> None:
        facts = self.facts
        if facts.studies:
            schools = listed([the(s.institution) for s in facts.studies[: self.size]])
            years = [s.year for s in facts.studies if s.year]
            when = f" from {min(years)}" if years else ""
            teachers = f" with {listed(facts.teachers[: self.size])}" if facts.teachers else ""
            self.say(
                f"{self.short} studied at {schools}{when}{teachers}",
                rank=Rank.MAJOR,
                part=Part.STUDIES,
            )
        elif facts.teachers:
            self.say(
                f"{self.short} studied with {listed(facts.teachers[: self.size])}",
                rank=Rank.MAJOR,
                part=Part.STUDIES,
            )

    def prizes(self) -> None:
        """Every prize the length has room for, in one sentence."""
        told = []
        for prize in self.facts.prizes[: self.size]:
            if prize.several or not prize.prize or prize.prize.lower() in _NO_PRIZE:
                text = the(prize.competition) if not prize.several else prize.competition
            else:
                text = f"{lower_first(prize.prize)} at {the(prize.competition)}"
            told.append(f"{text} in {prize.year}" if prize.year else text)
        if told:
            include = self.verb("include", "included")
            self.say(
                f"{self.short} won {listed(told)}",
                rank=Rank.HEADLINE,
                part=Part.PRIZES,
                paragraph=Paragraph.CAREER,
                variants=(f"Prizes won by {self.short} {include} {listed(told)}",)
                if len(told) > 1
                else (),
            )

    def positions(self) -> None:
        for index, held in enumerate(self.facts.positions[: self.size]):
            role = held.role or "a member"
            span = ""
            if held.begin and held.end:
                span = f" from {held.begin} to {held.end}"
            elif held.begin:
                span = f" since {held.begin}" if not self.ended else f" from {held.begin}"
            current = held.end is None and not self.ended
            self.say(
                f"{self.short} {'is' if current else 'was'} {role} of {the(held.ensemble)}{span}",
                rank=Rank.HEADLINE + index,
                part=Part.POSITIONS,
            )

    def compositions(self) -> None:
        """The works the artist wrote; a count is every concert of the work on record, by
        anyone, said so ('170 concerts in all'), apart from the works the artist played."""
        facts = self.facts
        if not facts.works_written:
            return
        shown = self.leading(facts.most_performed)

        def told(work: Named) -> str:
            if self.words != 400 or work.count < 2:
                return work.name
            self.state(work)
            return f"{work.name} ({number(work.count)} concerts in all)"

        if facts.works_written == 1 and shown:
            text = f"The record holds one work by {self.short}: {told(shown[0])}"
            variants = (f"One work by {self.short} is in the record: {told(shown[0])}",)
        else:
            many = number(facts.works_written)
            text = f"The record holds {many} works by {self.short}"
            variants = (f"Of {self.short}'s own works, the record holds {many}",)
            if shown:
                most = listed([told(work) for work in shown])
                text += f", the most performed being {most}"
                variants = (
                    f"Of the {many} works by {self.short} on record, the most performed "
                    f"{'are' if len(shown) > 1 else 'is'} {most}",
                )
        self.say(
            text,
            rank=Rank.HEADLINE,
            part=Part.CAREER,
            paragraph=Paragraph.CAREER,
            variants=variants,
        )

    def press(self) -> None:
        previous = None
        for index, quote in enumerate(self.facts.quotes[: max(1, self.size // 2)]):
            text = quote.text.strip().rstrip(",;:")
            who = " of ".join(p for p in (quote.critic, quote.publication) if p)
            if quote.review == previous:
                said = "The same review added"
            else:
                said = f"{who} wrote" if who else "A review said"
            previous = quote.review
            self.say(
                f"{said}: “{text}”",
                rank=Rank.MAJOR + 2 * index,
                part=Part.PRESS,
                paragraph=Paragraph.RECOGNITION,
            )

    def milestones(self) -> None:
        rank: dict[str, Rank] = {
            Milestone.Kind.RETIREMENT: Rank.MAJOR,
            Milestone.Kind.LEGACY: Rank.NOTABLE,
            Milestone.Kind.RECOGNITION: Rank.MINOR,
            Milestone.Kind.INVITATION: Rank.LESSER,
            Milestone.Kind.CAREER: Rank.LESSER,
            Milestone.Kind.TRAINING: Rank.LEAST,
        }
        # An invitation is told before the concert it led to.
        part: dict[str, Part] = {
            Milestone.Kind.TRAINING: Part.EARLY_TRAINING,
            Milestone.Kind.INVITATION: Part.DEBUT,
        }
        paragraph: dict[str, Paragraph] = {
            Milestone.Kind.TRAINING: Paragraph.ORIGINS,
            Milestone.Kind.INVITATION: Paragraph.CAREER,
        }
        for milestone in self.facts.milestones:
            text = with_subject(self.short, milestone.text)
            if milestone.year and str(milestone.year) not in text:
                text = f"{text.rstrip('.')} in {milestone.year}"
            kind = milestone.kind
            self.say(
                text,
                rank=rank.get(kind, Rank.LESSER),
                part=part.get(kind, Part.LATER),
                paragraph=paragraph.get(kind, Paragraph.RECOGNITION),
            )
        if self.facts.students:
            self.say(
                f"{self.short}'s students {self.verb('include', 'included')} "
                f"{listed(self.facts.students[: self.size])}",
                rank=Rank.MINOR,
                part=Part.STUDENTS,
                paragraph=Paragraph.RECOGNITION,
            )


def _place_left_out(text: str, place: str) -> str:
    """'Born into a family of modest means in Moscow, Russia.' without 'in Moscow, Russia'
    when the lead has told the place ('born in Moscow')."""
    if not place:
        return text
    said = re.compile(rf"\s+(?:in|at)\s+{re.escape(place)}(?:,\s*[A-Z][^,.;]*)?(?=[,.;]|$)")
    left = said.sub("", text, count=1)
    return left if len(left.split()) > 2 else text


def _candidates(facts: BiographyFacts, words: int) -> _Teller:
    if words not in LENGTHS:
        raise ValueError(f"A biography is {', '.join(map(str, LENGTHS))} words long, not {words}.")
    teller = _Teller(facts, words)
    for part in (teller.lead, teller.training, teller.prizes, teller.positions, teller.career):
        part()
    teller.compositions()
    teller.press()
    teller.milestones()
    return teller


def biography_sentences(facts: BiographyFacts, *, words: int) -> list[Sentence]:
    """The sentences of a biography of about `words` words (never more than 15 % over):
    the most notable that fit, told in story order with their references resolved."""
    teller = _candidates(facts, words)
    budget = int(words * (1 + TOLERANCE))
    chosen: list[Sentence] = []
    used = 0
    for sentence in sorted(teller.out, key=lambda s: (s.rank, s.part)):
        size = len(sentence.text.split())
        if used + size <= budget:
            chosen.append(sentence)
            used += size
    while True:
        ordered = sorted(chosen, key=lambda s: (s.part, s.rank))
        if words != 400:  # one paragraph
            ordered = [replace(s, paragraph=Paragraph.ORIGINS) for s in ordered]
        told = referred(joined(ordered), facts.agent, teller.surname, by_paragraph=words == 400)
        # Names told in full may lengthen it past the budget: the least notable goes.
        if sum(len(s.text.split()) for s in told) <= budget or len(chosen) <= 1:
            return told
        chosen.remove(max(chosen, key=lambda s: (s.rank, s.part)))


def biography_shortfall(facts: BiographyFacts, *, words: int, text: str) -> str:
    """What to say when the record has too little for the length asked: '' when the
    biography is within 15 % of it."""
    told = count_words(text)
    if told >= words * (1 - TOLERANCE):
        return ""
    return (
        f"The record holds {told} words' worth of facts about {facts.agent.name}, "
        f"so this biography is shorter than the {words} words asked."
    )


def render(sentences: list[Sentence], *, words: int, fmt: str = "text") -> str:
    """Paragraphs (one for the short lengths) as plain text, Markdown or HTML."""
    if fmt not in FORMATS:
        raise ValueError(f"The format is one of {', '.join(FORMATS)}, not {fmt!r}.")
    paragraphs: dict[int, list[str]] = {}
    for sentence in sentences:
        key = sentence.paragraph if words == 400 else Paragraph.ORIGINS
        paragraphs.setdefault(key, []).append(sentence.text)
    grouped = [texts for _, texts in sorted(paragraphs.items())]
    # A paragraph of one sentence joins the next: 'Kessler is a violinist.' alone reads
    # as a heading.
    merged: list[list[str]] = []
    for texts in grouped:
        if merged and len(merged[-1]) == 1:
            merged[-1] = merged[-1] + texts
        else:
            merged.append(list(texts))
    blocks = [" ".join(texts) for texts in merged]
    if fmt == "html":
        return "\n".join(f"<p>{html.escape(block)}</p>" for block in blocks)
    if fmt == "markdown":
        blocks = [re.sub(r"([*_`\\])", r"\\\1", block) for block in blocks]
    return "\n\n".join(blocks)


def count_words(text: str) -> int:
    return len(text.split())


class Written(NamedTuple):
    """A biography at one length, and what is said of it when it is shorter than asked."""

    words: int
    text: str
    note: str


def biographies(facts: BiographyFacts, *, fmt: str = "text") -> list[Written]:
    """The biography at every length, from one gathering of the facts."""
    out = []
    for words in LENGTHS:
        sentences = biography_sentences(facts, words=words)
        plain = render(sentences, words=words)
        note = biography_shortfall(facts, words=words, text=plain)
        text = plain if fmt == "text" else render(sentences, words=words, fmt=fmt)
        out.append(Written(words, text, note))
    return out
