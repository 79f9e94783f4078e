"""Biographies written only from the record: every sentence is built from recorded facts.

Each fact becomes a candidate sentence with a notability rank and a place in the story.
The most notable sentences that fit the length are chosen, then told in story order. A
fact the record lacks produces no sentence; a vague fact ("various orchestras") stays
exactly as vague. Active artists are told in the present tense, those who retired or
died in the past tense. No pronouns: the record does not say which one a person uses.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from cadenza.people.models import Agent, Milestone
from cadenza.press.biography_facts import BiographyFacts, Named
from cadenza.repertoire.performers import performer_noun

LENGTHS = (50, 150, 400)
TOLERANCE = 0.1  # a biography may run this much over its length, never more
FORMATS = ("text", "markdown", "html")
_LIST_SIZE = {50: 2, 150: 3, 400: 6}
_PAST = {"began", "spent", "won", "became", "took", "made", "gave", "went", "held", "led"}
_PAST |= {"taught", "wrote", "sang", "met", "left", "found", "grew", "came", "saw", "built"}
_PARTICIPLE = {"born", "raised", "brought", "educated", "trained", "fascinated", "inspired"}
_ARTICLE = re.compile(
    r"(Conservatory|Conservatoire|Academy|School|College|Institute|Orchestra|Philharmonic|"
    r"Symphony|Ensemble|Quartet|Trio|Choir|Chorus|Festival|Competition|Opera|Society|Band)$"
    r"|^(University|Royal|National) "
)


@dataclass(frozen=True)
class Sentence:
    text: str
    rank: int  # 0 is told first when space is short
    place: int  # where it stands in the story
    paragraph: int


def listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ".”", "!”", "?”")) else f"{text}."


def the(name: str) -> str:
    """'the Moscow Conservatory', 'the New York Philharmonic', but 'Carnegie Hall'."""
    if name.lower().startswith("the ") or not _ARTICLE.search(name):
        return name
    return f"the {name}"


def with_subject(subject: str, text: str) -> str:
    """A recorded phrase told of its subject: 'Retired from performing.' becomes
    'Kalmurzaev retired from performing.'; a whole sentence stays as it is."""
    text = re.sub(r"\s*\([^)]*\)", "", text.strip())
    words = text.split(maxsplit=2)
    if len(words) < 2:
        return text
    first, second = words[0].lower(), words[1].lower()
    if first in _PARTICIPLE or (first.endswith("ed") and second in {"by", "into", "with"}):
        return f"{subject} was {_lower_first(text)}"
    if first in _PAST or first.endswith("ed"):
        return f"{subject} {_lower_first(text)}"
    return text


_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _number(count: int) -> str:
    """Press style: numbers under ten in words."""
    return _NUMBERS[count] if 0 <= count < 10 else f"{count:,}"


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{_number(count)} times"


def _split(named: list[Named]) -> tuple[list[Named], list[Named]]:
    """Those counted more than once, and the rest: 'most often' is said only of the first."""
    counted = [n for n in named if n.count > 1 or n.vague]
    return counted, [n for n in named if n not in counted]


def _by_city(named: list[Named]) -> str:
    groups: dict[str, list[Named]] = {}
    for one in named:
        venue, _, city = one.name.partition(", ")
        groups.setdefault(city, []).append(Named(venue, one.count))
    parts = [
        listed([v.name for v in held]) + (f" in {city}" if city else "") + _tally(held)
        for city, held in groups.items()
    ]
    if len(parts) <= 2:
        return " and ".join(parts) if len(groups) == 2 and "" in groups else listed(parts)
    return f"{'; '.join(parts[:-1])}; and {parts[-1]}"


def _tally(named: list[Named]) -> str:
    """' (24, 21 and 14 times)' after a list of names, ' (nine times and once)' when some
    came once or twice; nothing when none is counted more than once."""
    counts = [n.count for n in named if not n.vague]
    if len(counts) != len(named) or not any(c > 1 for c in counts):
        return ""
    if all(c > 2 for c in counts):
        return f" ({listed([_number(c) for c in counts])} times)"
    return f" ({listed([_times(c) for c in counts])})"


class _Teller:
    def __init__(self, facts: BiographyFacts, words: int) -> None:
        self.facts, self.words = facts, words
        self.size = _LIST_SIZE[words]
        agent = facts.agent
        self.person = agent.kind == Agent.Kind.PERSON
        self.ended = facts.ended
        if self.person:
            surname = agent.sort_name.split(",")[0].strip() if "," in agent.sort_name else ""
            self.short = surname or agent.name.split()[-1]
        else:
            self.short = agent.name
        self.out: list[Sentence] = []

    def say(self, text: str, *, rank: int, place: int, paragraph: int = 0) -> None:
        self.out.append(Sentence(_sentence(text), rank, place, paragraph))

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
        counted, once = _split(shown) if also else (shown, [])
        text = listed([self.name(n, counts=False, article=article) for n in counted])
        text += _tally(counted)
        if once:
            text += f", and also {also} " + listed(
                [self.name(n, counts=False, article=article) for n in once]
            )
        return text

    def works(self, named: list[Named]) -> str:
        """Works keep their counts beside them: their titles hold commas of their own."""
        return listed([self.name(n, counts=True, article=False) for n in self.leading(named)])

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
                text = f"{text[:-1]}; {_times(named.count)})"
            else:
                text += f" ({_times(named.count)})"
        return text

    def venues(self) -> str:
        """Venues grouped by city, those played once apart: 'A and B in New York City (53 and
        47 times); C in Philadelphia (nine times), and also at D in Vienna'."""
        counted, once = _split(self.leading(self.facts.venues))
        text = _by_city(counted)
        if once:
            text += f", and also at {_by_city(once)}" if counted else _by_city(once)
        return text

    # Sentences ----------------------------------------------------------------------------

    def lead(self) -> None:
        agent, facts = self.facts.agent, self.facts
        if not self.person:
            what = "an ensemble" if agent.kind == Agent.Kind.ENSEMBLE else "an organisation"
            self.say(f"{agent.name} {self.verb('is', 'was')} {what}", rank=0, place=0)
            return
        nouns = [
            noun or performer_noun(name)
            for noun, name in zip(facts.performer_nouns, facts.instruments, strict=True)
        ]
        if facts.main_role == "conductor":
            nouns = ["conductor", *nouns[:1]]
        if facts.works_written and not facts.events:
            nouns = ["composer"]
        what = listed(nouns[:2]) if nouns else "a musician"
        if nouns:
            what = f"{'an' if what[0] in 'aeiou' else 'a'} {what}"
        born = f" born in {facts.born_place}" if facts.born_place else ""
        if agent.begin_year:
            born += f" in {agent.begin_year}" if born else f" born in {agent.begin_year}"
        self.say(f"{agent.name} {self.verb('is', 'was')} {what}{born}", rank=0, place=0)
        if agent.background:
            self.say(with_subject(self.short, agent.background), rank=6, place=1)

    def training(self) -> None:
        facts = self.facts
        if facts.studies:
            schools = listed([the(s.institution) for s in facts.studies[: self.size]])
            years = [s.year for s in facts.studies if s.year]
            when = f" from {min(years)}" if years else ""
            teachers = f" with {listed(facts.teachers[: self.size])}" if facts.teachers else ""
            self.say(f"{self.short} studied at {schools}{when}{teachers}", rank=2, place=3)
        elif facts.teachers:
            self.say(
                f"{self.short} studied with {listed(facts.teachers[: self.size])}", rank=2, place=3
            )

    def prizes(self) -> None:
        for index, prize in enumerate(self.facts.prizes[: self.size]):
            if prize.several or not prize.prize:
                text = f"{self.short} won {prize.competition}"
            else:
                text = f"{self.short} won {_lower_first(prize.prize)} at {the(prize.competition)}"
            if prize.year:
                text += f" in {prize.year}"
            self.say(text, rank=1 + index, place=4)

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
                rank=1 + index,
                place=5,
            )

    def career(self) -> None:
        facts = self.facts
        if facts.gatherings:
            told = listed([_lower_first(g.name) for g in facts.gatherings[: self.size]])
            self.say(f"{self.short}'s career took in {told}", rank=1, place=6, paragraph=1)
        for index, moment in enumerate(facts.highlights):
            where = moment.venue + (f" in {moment.city}" if moment.city else "")
            when = f" in {moment.year}" if moment.year else ""
            if moment.works:
                text = f"{self.short} played {listed(list(moment.works))} at {where}{when}"
            else:
                text = f"{self.short} performed at {where}{when}"
            if moment.audience:
                text += f" to {moment.audience}"
            self.say(text, rank=1 + index, place=8, paragraph=1)
        if facts.events > 5:
            self.long_career()
        elif facts.conductors and facts.main_role != "conductor":
            self.say(
                f"{self.short} {self.verb('has performed', 'performed')} under "
                f"{'conductors such as ' if not facts.conductors[0].vague else ''}"
                f"{self.names(facts.conductors)}",
                rank=3,
                place=9,
                paragraph=1,
            )

    def dated(self, present: str, past: str) -> str:
        """Performances with a closed span of years are told in the past ('appeared ... from
        1944 to 1998'); a career still on record this year or last in the present perfect."""
        last = self.facts.last_year
        recent = last is not None and last >= date.today().year - 1
        return present if recent and not self.ended else past

    def long_career(self) -> None:
        """Many performances: counts, years, the leading ensembles, conductors, venues, works."""
        facts, short = self.facts, self.short
        named = [n for n in facts.ensembles if not n.vague]
        if named:
            top = named[0]
            first, last = top.first, top.last  # the years with this ensemble, not all
            span = ""
            if first and last and first != last:
                span = self.dated(f" since {first}", f" from {first} to {last}")
            elif first:
                span = f" in {first}"
            self.say(
                f"{short} {self.dated('has appeared', 'appeared')} with {the(top.name)} "
                f"{_times(top.count)}{span}",
                rank=1,
                place=6,
                paragraph=1,
            )
            others = named[1 : self.size]
            if others:
                self.say(
                    f"{short} also {self.dated('has appeared', 'appeared')} with "
                    f"{self.names(others, counts=True, article=True)}",
                    rank=5,
                    place=6,
                    paragraph=1,
                )
        conductors = [n for n in facts.conductors if not n.vague]
        vague = [n for n in facts.conductors if n.vague]
        if conductors and facts.main_role != "conductor":
            often = "most often " if conductors[0].count > 1 else ""
            self.say(
                f"{short} {self.dated('has performed', 'performed')} {often}under "
                f"{self.names(conductors, counts=True, also='under')}",
                rank=2,
                place=9,
                paragraph=1,
            )
        elif vague and facts.main_role != "conductor":
            self.say(
                f"{short} {self.verb('has performed', 'performed')} under {self.names(vague)}",
                rank=3,
                place=9,
                paragraph=1,
            )
        if facts.venues:
            often = "most often " if facts.venues[0].count > 1 else ""
            self.say(
                f"{short}'s concerts on record took place {often}at {self.venues()}",
                rank=3,
                place=8,
                paragraph=1,
            )
        if facts.fellow_soloists:
            self.say(
                f"{short} {self.dated('has shared', 'shared')} the stage with fellow "
                f"soloists such as {self.names(facts.fellow_soloists, counts=self.words == 400)}",
                rank=4,
                place=9,
                paragraph=1,
            )
        for which, concert, rank in (
            ("first", facts.first_concert, 3),
            ("last", facts.last_concert, 4),
        ):
            if concert is None or not concert.works:
                continue
            where = f" at {concert.venue}" if concert.venue else ""
            where += f" in {concert.city}" if concert.venue and concert.city else ""
            under = f" under {listed(list(concert.conductors))}" if concert.conductors else ""
            self.say(
                f"{short}'s {which} concert on record was in {concert.year}{where}, "
                f"playing {listed(list(concert.works))}{under}",
                rank=rank,
                place=7 if which == "first" else 10,
                paragraph=1,
            )
        if facts.busiest_year and facts.busiest_year[1] > 1:
            year, count = facts.busiest_year
            self.say(
                f"{short}'s busiest year on record was {year}, with {_number(count)} performances",
                rank=5,
                place=9,
                paragraph=1,
            )
        if facts.works:
            played = [n for n in facts.works if n.count > 1]
            if played:
                self.say(
                    f"The works {short} {self.dated('has played', 'played')} most often on "
                    f"record {self.dated('are', 'were')} {self.works(played)}",
                    rank=2,
                    place=10,
                    paragraph=1,
                )
            else:
                self.say(
                    f"{short}'s repertoire on record includes {self.names(facts.works)}",
                    rank=2,
                    place=10,
                    paragraph=1,
                )

    def compositions(self) -> None:
        facts = self.facts
        if not facts.works_written:
            return
        counts = self.words == 400
        if facts.works_written == 1 and facts.most_performed:
            text = (
                f"The record holds one work by {self.short}: "
                f"{self.name(facts.most_performed[0], counts=True, article=False)}"
            )
        else:
            text = f"The record holds {facts.works_written:,} works by {self.short}"
            if facts.most_performed:
                most = self.names(facts.most_performed)
                if counts:
                    most = self.works(facts.most_performed)
                text += f", the most performed being {most}"
        self.say(text, rank=1, place=6, paragraph=1)

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
            self.say(f"{said}: “{text}”", rank=2 + 2 * index, place=11, paragraph=2)

    def milestones(self) -> None:
        rank: dict[str, int] = {
            Milestone.Kind.RETIREMENT: 2,
            Milestone.Kind.LEGACY: 3,
            Milestone.Kind.RECOGNITION: 4,
            Milestone.Kind.INVITATION: 5,
            Milestone.Kind.CAREER: 5,
            Milestone.Kind.TRAINING: 6,
        }
        # An invitation is told before the concert it led to.
        place: dict[str, int] = {Milestone.Kind.TRAINING: 2, Milestone.Kind.INVITATION: 7}
        for milestone in self.facts.milestones:
            text = with_subject(self.short, milestone.text)
            if milestone.year and str(milestone.year) not in text:
                text = f"{text.rstrip('.')} in {milestone.year}"
            kind = milestone.kind
            self.say(
                text,
                rank=rank.get(kind, 5),
                place=place.get(kind, 13),
                paragraph=0 if kind == Milestone.Kind.TRAINING else 2,
            )
        if self.facts.students:
            self.say(
                f"{self.short}'s students {self.verb('include', 'included')} "
                f"{listed(self.facts.students[: self.size])}",
                rank=4,
                place=12,
                paragraph=2,
            )


def biography_sentences(facts: BiographyFacts, *, words: int) -> list[Sentence]:
    """The sentences of a biography of about `words` words (never more than 10 % over)."""
    if words not in LENGTHS:
        raise ValueError(f"A biography is {', '.join(map(str, LENGTHS))} words long, not {words}.")
    teller = _Teller(facts, words)
    for part in (teller.lead, teller.training, teller.prizes, teller.positions, teller.career):
        part()
    teller.compositions()
    teller.press()
    teller.milestones()
    budget = int(words * (1 + TOLERANCE))
    chosen: list[Sentence] = []
    used = 0
    for sentence in sorted(teller.out, key=lambda s: (s.rank, s.place)):
        size = len(sentence.text.split())
        if used + size <= budget:
            chosen.append(sentence)
            used += size
    return sorted(chosen, key=lambda s: (s.place, s.rank))


def render(sentences: list[Sentence], *, words: int, fmt: str = "text") -> str:
    """Paragraphs (one for the short lengths) as plain text, Markdown or HTML."""
    if fmt not in FORMATS:
        raise ValueError(f"The format is one of {', '.join(FORMATS)}, not {fmt!r}.")
    paragraphs: dict[int, list[str]] = {}
    for sentence in sentences:
        key = sentence.paragraph if words == 400 else 0
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


def biographies(facts: BiographyFacts, *, fmt: str = "text") -> list[tuple[int, str]]:
    """(length, text) of the biography at every length, from one gathering of the facts."""
    return [
        (words, render(biography_sentences(facts, words=words), words=words, fmt=fmt))
        for words in LENGTHS
    ]
