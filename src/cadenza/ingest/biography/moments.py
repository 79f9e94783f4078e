"""The moments of a narrative that are neither names nor dates: first lessons, practice,
an invitation, rehearsals, a packed hall, accolades, recognition, a legacy.

Narrative biographies tell a career this way as much as by prizes and posts, and the record
keeps them (as milestones, events and reviews), vagueness and all. They are not part of the
documented `bio read --json` shape; the importer and the review page read them here.
Each moment is one clause of the text, cited at its span; cues are families of wording
("began taking lessons", "started violin lessons"), never a sentence of one biography.
"""

from __future__ import annotations

import re

from cadenza.ingest.biography.facts import Confidence, Evidence, Moment

# The clause a cue starts runs to the end of its sentence or clause.
_CLAUSE = r"[^.;!?]*"
# "his name", "Alessio Kalmurzaev's name": capitals matched as capitals even in the
# case-blind cues, and at most four words, so a long text is not scanned from every word.
_WHOSE = r"(?:(?:his|her|their|(?-i:[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3})['’]s)\s+)?"
# (kind, cue), the cues matched in either case.
_CUE_WORDS: tuple[tuple[str, str], ...] = (
    (
        "training",
        rf"\b(?:began|started|took\s+up)\s+(?:taking\s+)?(?:[a-z]+\s+){{0,2}}lessons\b{_CLAUSE}",
    ),
    (
        "training",
        rf"\b(?:fascinated|captivated|enchanted|entranced)\s+by\s+the\s+sound\s+of{_CLAUSE}",
    ),
    (
        "training",
        r"\b(?:spent|spend|spending)\s+(?:countless\s+|long\s+|many\s+)?(?:hours|years|days)\s+"
        rf"(?:practi[cs]ing|honing|perfecting|listening|studying){_CLAUSE}",
    ),
    ("invitation", rf"\b(?:received|accepted|got)\s+an\s+invitation\s+to{_CLAUSE}"),
    ("invitation", rf"\bwas\s+invited\s+to\s+(?:perform|play|sing|appear|conduct){_CLAUSE}"),
    ("rehearsals", rf"\b(?:threw|immersed|buried)\s+\w+self\s+into\s+rehearsals?{_CLAUSE}"),
    ("rehearsals", rf"\b(?:weeks|months|days)\s+of\s+rehearsals?{_CLAUSE}"),
    ("audience", r"\b(?:packed|sold-out|capacity|full)\s+(?:audience|hall|house|crowd)\b"),
    (
        "accolades",
        r"\b(?:showered\s+with\s+(?:accolades|praise)|received\s+(?:glowing|rave|enthusiastic)\s+"
        rf"reviews|won\s+critical\s+acclaim){_CLAUSE}",
    ),
    ("recognition", rf"\b{_WHOSE}(?:name|he|she|they)\s+became\s+synonymous\s+with{_CLAUSE}"),
    ("recognition", rf"\b(?:earned|won)\s+(?:him|her|them)\s+recognition{_CLAUSE}"),
    ("recognition", rf"\bcemented\s+(?:his|her|their)\s+(?:place|reputation){_CLAUSE}"),
    ("legacy", rf"\b{_WHOSE}(?:name|he|she|they)\s+became\s+a\s+byword\s+for{_CLAUSE}"),
    ("legacy", rf"\b(?:his|her|their)\s+legacy\s+(?:would\s+)?(?:lives?|lived|endures?){_CLAUSE}"),
    ("legacy", rf"\binspir\w+\s+(?:countless\s+|generations\s+of\s+)?young\s+musicians{_CLAUSE}"),
    (
        "local_concerts",
        r"\bperform(?:ed|s)?\s+(?:regularly\s+|often\s+)?at\s+local\s+"
        r"(?:concerts|recitals)(?:\s+and\s+(?:concerts|recitals))?",
    ),
)
CUES = tuple((kind, re.compile(cue, re.IGNORECASE)) for kind, cue in _CUE_WORDS)
# The record's milestone kind for each moment that becomes a milestone.
MILESTONES = {"training": "training", "invitation": "invitation", "recognition": "recognition",
              "legacy": "legacy"}  # fmt: skip


def read_moments(text: str) -> list[Moment]:
    """Each moment: its kind, its words (the clause), its evidence span; in text order. A
    clause already told by another cue (a legacy that also inspires) is told once."""
    found: list[Moment] = []
    for kind, cue in CUES:
        for match in cue.finditer(text):
            start, end = match.start(), len(match.group().rstrip(" ,")) + match.start()
            if any(f["evidence"]["start"] < end and start < f["evidence"]["end"] for f in found):
                continue
            span: Evidence = {"start": start, "end": end}
            found.append(
                {
                    "kind": kind,
                    "text": text[start:end],
                    "evidence": span,
                    "confidence": Confidence.VAGUE.value,
                }
            )
    return sorted(found, key=lambda f: f["evidence"]["start"])
