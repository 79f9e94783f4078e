"""How a biography refers to its subject, once its sentences are chosen and ordered.

Sentences are written with markers: `SUBJECT` for the artist ('Isaac Stern', 'Stern',
'He') and `POSSESSIVE` for the artist's ('Stern's', 'His'), and may offer other wordings
(`Sentence.variants`). Told in order, the first mention is the full name, then the
pronoun the record holds (`Agent.pronouns`; none recorded, the surname: a pronoun is
never guessed), the surname where a pronoun would open two sentences running, and of
the wordings the first that neither opens with the previous sentence's first word nor
repeats a sentence already told. Two short sentences of the artist's doing join into one
('He studied at the Moscow Conservatory and won several local competitions').
"""

from __future__ import annotations

import re
from dataclasses import replace

from cadenza.people.models import Agent
from cadenza.press.writing.story import Sentence

SUBJECT = "⟨S⟩"
POSSESSIVE = "⟨P⟩"
_PRONOUNS: dict[str, tuple[str, str]] = {
    Agent.Pronouns.HE: ("He", "His"),
    Agent.Pronouns.SHE: ("She", "Her"),
    Agent.Pronouns.THEY: ("They", "Their"),
}
_PLURAL = {"is": "are", "was": "were", "has": "have"}
_COPULAS = {"is", "was", "has", "had", "are", "were"}
_JOINABLE = 14  # words: two sentences this short, both of the artist's doing, become one


class References:
    def __init__(self, agent: Agent, short: str) -> None:
        self.name, self.short = agent.name, short
        self.pronoun = _PRONOUNS.get(agent.pronouns) if agent.kind == Agent.Kind.PERSON else None
        self.mentioned = False

    def options(self, text: str, *, opening: bool) -> list[str]:
        """The sentence with its markers resolved every way the telling allows, the
        preferred first."""
        if SUBJECT not in text and POSSESSIVE not in text:
            return [text]
        if not self.mentioned:
            return [self._resolve(text, self.name, f"{self.name}'s")]
        plain = self._resolve(text, self.short, _possessive(self.short))
        if self.pronoun is None or not opening:
            return [plain]
        subject, possessive = self.pronoun
        told = self._resolve(text, subject, possessive, pronoun=True)
        return [told, plain] if told != plain else [plain]

    def _resolve(self, text: str, subject: str, possessive: str, pronoun: bool = False) -> str:
        """Markers opening the sentence take `subject` or `possessive`; any later one the
        name (a pronoun inside a sentence would need its case: 'by him')."""
        text = text.replace(f"{SUBJECT}'s", POSSESSIVE)
        later_subject = self.short if self.mentioned else self.name
        later = (later_subject, _possessive(later_subject))
        out: list[str] = []
        for index, piece in enumerate(re.split(f"({SUBJECT}|{POSSESSIVE})", text)):
            if piece == SUBJECT:
                out.append(subject if index == 1 and not out[0] else later[0])
            elif piece == POSSESSIVE:
                out.append(possessive if index == 1 and not out[0] else later[1])
            else:
                out.append(piece)
        told = "".join(out)
        if pronoun and self.pronoun and self.pronoun[0] == "They":
            told = re.sub(r"^They (is|was|has)\b", lambda m: f"They {_PLURAL[m.group(1)]}", told)
        return told


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


# A sentence of the artist's doing that ends on its time ('… 10 times since 2016.'), whose
# time may open it instead ('Since 2016, …').
_NO_YEAR = r"(?:(?!\d{4})[^“:])"
_TIMED = re.compile(
    rf"^(?P<head>{SUBJECT} {_NO_YEAR}+?) (?P<when>(?:in|since) \d{{4}})(?P<tail>[^\d“]*)\.$"
)


def _fronted(text: str) -> tuple[str, ...]:
    match = _TIMED.match(text)
    if match is None:
        return ()
    when = match.group("when")
    return (f"{when[0].upper()}{when[1:]}, {match.group('head')}{match.group('tail')}.",)


def first_word(text: str) -> str:
    """The word a sentence opens with, as a reader hears it: 'Stern's' is 'stern'."""
    words = text.split(maxsplit=1)
    return re.sub(r"\W", "", re.sub(r"'s?$", "", words[0].lower())) if words else ""


def _joined(first: str, second: str) -> str | None:
    """'⟨S⟩ studied at X.' and '⟨S⟩ won Y.' as '⟨S⟩ studied at X and won Y.'"""
    opening = f"{SUBJECT} "
    if not (first.startswith(opening) and second.startswith(opening)):
        return None
    if any(mark in first + second for mark in ("“", ":", " and ")):
        return None
    if any(text.split()[1] in _COPULAS for text in (first, second)):
        return None  # not 'He was a violinist and was born...'

    if len(first.split()) + len(second.split()) > 2 * _JOINABLE:
        return None
    if first.split()[:3] == second.split()[:3]:
        return None  # two tellings of one thing: the second is left out, not joined
    return f"{first.rstrip('.')} and {second[len(opening) :]}"


def joined(sentences: list[Sentence]) -> list[Sentence]:
    """Consecutive short sentences of the artist's doing, of one part of the story, joined."""
    out: list[Sentence] = []
    for sentence in sentences:
        last = out[-1] if out else None
        text = None
        if last is not None and last.part == sentence.part and not last.variants:
            text = _joined(last.text, sentence.text) if not sentence.variants else None
        if last is not None and text is not None:
            out[-1] = replace(last, text=text, figures=last.figures + sentence.figures)
        else:
            out.append(sentence)
    return out


def referred(
    sentences: list[Sentence], agent: Agent, short: str, *, by_paragraph: bool
) -> list[Sentence]:
    """The sentences told in order with their references resolved and wordings chosen; a
    sentence already told (or opening as one already told) is left out.

    Of each sentence's wordings, the telling takes those that let no two sentences running
    open with the same word, preferring each sentence's first wording: a short search over
    the whole biography (a greedy choice would leave a sentence of one wording stuck
    behind one that could have opened otherwise)."""
    refs = References(agent, short)
    kept: list[Sentence] = []
    options: list[list[str]] = []
    openings: set[tuple[str, ...]] = set()
    paragraph = None
    for sentence in sentences:
        fresh = by_paragraph and sentence.paragraph != paragraph
        paragraph = sentence.paragraph
        # Openings compared as written, before the references: 'He became a byword…' and
        # 'Kalmurzaev became a legend…' are one milestone told twice.
        opening = tuple(sentence.text.lower().split()[:3])
        if len(opening) == 3 and opening in openings and not sentence.figures:
            continue
        openings.add(opening)
        wordings = (sentence.text, *sentence.variants, *_fronted(sentence.text))
        options.append(
            [option for wording in wordings for option in refs.options(wording, opening=not fresh)]
        )
        if any(SUBJECT in w or POSSESSIVE in w for w in wordings):
            refs.mentioned = True
        kept.append(sentence)
    out: list[Sentence] = []
    told: set[str] = set()
    for sentence, text in zip(kept, _least_alike(options), strict=True):
        if text.lower() not in told:
            told.add(text.lower())
            out.append(replace(sentence, text=text, variants=()))
    return out


def _least_alike(options: list[list[str]]) -> list[str]:
    """One wording of each sentence: the fewest pairs of sentences running that open alike,
    then the most preferred wordings (dynamic programming over the sentences)."""
    if not options:
        return []
    # cost[i]: the best (cost, choices) ending in each wording of the sentence so far.
    best: list[tuple[int, list[int]]] = [(index, [index]) for index in range(len(options[0]))]
    for i in range(1, len(options)):
        step = []
        for index, text in enumerate(options[i]):
            step.append(
                min(
                    (
                        cost
                        + index
                        + 100 * (first_word(options[i - 1][path[-1]]) == first_word(text)),
                        [*path, index],
                    )
                    for cost, path in best
                )
            )
        best = step
    _, path = min(best)
    return [options[i][index] for i, index in enumerate(path)]
