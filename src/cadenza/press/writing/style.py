"""Work titles told in prose: 'Concerto, Violin, D major, Op.77' becomes 'Violin Concerto in
D major, Op. 77'.

Archive catalogues file a work under its form ('Concerto, Violin ...') and move articles to
the end ('Meistersinger, Die'); a biography names it the way a programme note would. Only
the order and spelling change: no word is added that the title does not hold, so a
biography claims nothing more about a work than the record does.
"""

from __future__ import annotations

import re

# Forms a catalogue files first, followed by the instruments ('Quartet, String').
FORMS = (
    "Concerto Grosso", "Concerto", "Concertino", "Sonata", "Sonatina", "Quartet", "Quintet",
    "Trio", "Sextet", "Septet", "Octet", "Duo", "Suite", "Partita", "Rondo", "Romance",
    "Serenade", "Fantasy", "Fantasia", "Rhapsody", "Variations", "Divertimento", "Nocturne",
    "Symphony", "Sinfonia", "Concert Piece", "Ballade", "Polonaise", "Etude", "Caprice",
)  # fmt: skip
# Words of an instrumentation: 'Violin', 'Two Pianos', 'Piano and Strings', 'Cello & Piano'.
PLAYERS = {
    "violin", "violins", "viola", "violas", "cello", "cellos", "violoncello", "bass",
    "double", "contrabass", "piano", "pianos", "harpsichord", "organ", "harp", "guitar",
    "flute", "flutes", "piccolo", "oboe", "oboes", "clarinet", "clarinets", "bassoon",
    "bassoons", "horn", "horns", "trumpet", "trumpets", "trombone", "trombones", "tuba",
    "saxophone", "percussion", "timpani", "marimba", "sitar", "mandolin", "lute", "celesta",
    "string", "strings", "orchestra", "winds", "woodwinds", "woodwind", "brass", "voice",
    "soprano", "mezzo-soprano", "alto", "tenor", "baritone", "chorus", "english", "hands",
    "two", "three", "four", "2", "3", "4", "and", "&", "small", "chamber", "solo",
}  # fmt: skip
ARTICLES = ("The", "A", "An", "Die", "Der", "Das", "La", "Le", "Les", "L'", "Il", "Lo", "El")
_NUMBER_WORDS = ("Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Twelve")
_KEY = re.compile(r"^(?:in\s+)?([A-G])(?:[\s-](flat|sharp))?\s+(major|minor)$", re.IGNORECASE)
_NUMBER = re.compile(r"^No\.\s*\d+[A-Za-z]?$")
_CATALOGUE_DOT = re.compile(r"\b(Op|K|D|G|H|S|L|J|Z|Ch|Sz|Hob|Anh|Posth)\.(?=\d)")
_DROPPED = re.compile(
    r"\s*\((?:arr\.|arranged|unspecified|version unspecified)[^)]*\)"
    r"|\s*\([^)]*\+[^)]*\)",  # an instrumentation note: '(Voice + Orch)'
    re.IGNORECASE,
)
# Scoring notes in brackets ('(Orch)', '(Vn, Orch)', '(Piano Reduction)') say how it was
# played, not what it is: a biography leaves them out.
_SCORING = {"orch", "orch.", "vn", "pno", "vc", "reduction", "version", "arr."}
_COUNTING = {"double", "two", "three", "four", "2", "3", "4", "and", "&", "hands", "solo"}
_UPPER_CATALOGUES = re.compile(r"\b(Bwv|Wwv|Hwv|Rv|Trv)\b")
_ANY_KEY = re.compile(r"\b([A-G]) (flat|sharp) (major|minor)\b")
_KEY_WORDS = {"major", "minor", "flat", "sharp"}
_SMALL = {"and", "of", "in", "for", "the", "a", "an", "on", "with", "de", "la", "le", "du"}
_ENGLISH_ARTICLE = re.compile(r"^(?:The|A|An)\s+(?=[A-Z])")


def _recase(title: str) -> str:
    """An upper-case title ('SONATA, OP. 47, A MAJOR') in title case."""
    words = []
    for index, word in enumerate(title.split(" ")):
        lower = word.lower()
        if re.fullmatch(r"[IVX]+[,:.]?", word) or word in {"BWV", "RV", "HWV", "WWV"}:
            words.append(word)
        elif lower.strip(",:") in _KEY_WORDS or (index and lower.strip(",:") in _SMALL):
            words.append(lower)
        else:
            words.append("-".join(_capital(p) for p in lower.split("-")))
    return " ".join(words)


def _capital(word: str) -> str:
    """'(kreutzer)' → '(Kreutzer)': the first letter, wherever it stands."""
    for index, char in enumerate(word):
        if char.isalpha():
            return word[:index] + char.upper() + word[index + 1 :]
    return word


def _key(part: str) -> str | None:
    """'E flat major' → 'E-flat major'; None when `part` is no key."""
    match = _KEY.match(part.strip())
    if not match:
        return None
    note, accidental, mode = match.groups()
    return f"{note.upper()}{'-' + accidental.lower() if accidental else ''} {mode.lower()}"


def _players(part: str) -> list[str] | None:
    """'Violin, Cello & Piano' pieces as a list of players; None when `part` names other things."""
    words = part.replace("&", " & ").split()
    if not words or any(w.lower().strip(",") not in PLAYERS for w in words):
        return None
    return [p.strip() for p in re.split(r"\s+(?:and|&)\s+", part) if p.strip()]


def _attributive(players: str) -> bool:
    """'Violin' may stand before the form ('Violin Concerto'); 'Two Pianos' may not."""
    words = players.lower().split()
    counted = {"two", "three", "four", "2", "3", "4", "hands"} & set(words)
    return not counted and not (words[-1].endswith("s") and words[-1] not in {"bass", "brass"})


def _scoring(match: re.Match[str]) -> str:
    words = [w for w in re.split(r"[\s,]+", match.group(1).lower().strip()) if w]
    scored = all(w in PLAYERS or w in _SCORING for w in words)
    if scored and set(words) - _COUNTING:  # '(Double)' and '(4)' are names, not scorings
        return ""
    return f" ({_capital(match.group(1))})"


def _front_article(title: str) -> str:
    """'Meistersinger, Die, WWV 96' → 'Die Meistersinger, WWV 96'."""
    alternatives = "|".join(re.escape(a) for a in ARTICLES)
    match = re.match(rf"^([^,:(]+?),\s+({alternatives})(?=$|[,:]|\s+\()", title, re.IGNORECASE)
    if match:
        article = _capital(match.group(2).lower())
        joiner = "" if article.endswith("'") else " "
        return f"{article}{joiner}{match.group(1)}{title[match.end() :]}"
    number = "|".join(_NUMBER_WORDS)
    match = re.match(rf"^([^,:(]+?),\s+({number})(?=$|[,:]|\s+\()", title)
    if match:  # 'Songs, Four (Vier Lieder)' → 'Four Songs (Vier Lieder)'
        return f"{match.group(2)} {match.group(1)}{title[match.end() :]}"
    return title


def _form_first(main: str) -> str:
    """'Concerto, Violin No. 3, G major, K. 216' → 'Violin Concerto No. 3 in G major, K. 216'."""
    parts = [p.strip() for p in main.split(",")]
    head = re.match(rf"^({'|'.join(FORMS)})(\s+No\.\s*\d+[A-Za-z]?)?$", parts[0])
    if not head:
        return main
    form, number = head.group(1), (head.group(2) or "").strip()
    players: list[str] = []
    key = ""
    rest: list[str] = []
    for part in parts[1:]:
        numbered = re.match(r"^(.*?)\s*(No\.\s*\d+[A-Za-z]?)$", part)
        if not rest and numbered and numbered.group(1) and _players(numbered.group(1)):
            players += _players(numbered.group(1)) or []
            number = number or numbered.group(2)
        elif not rest and not key and not number and _players(part):
            players += _players(part) or []
        elif not rest and _NUMBER.match(part) and not number:
            number = part
        elif not key and _key(part):
            key = _key(part) or ""
        elif part:
            rest.append(part)
    if not players and not key and not number:
        return main
    if len(players) == 1 and _attributive(players[0]):
        named = f"{players[0]} {form}"
    elif len(players) == 1:
        named = f"{form} for {players[0]}"
    elif players:
        named = f"{form} for {', '.join(players[:-1])} and {players[-1]}"
    else:
        named = form
    named += f" {number}" if number else ""
    named += f" in {key}" if key else ""
    return ", ".join([named, *rest])


def prose_title(title: str) -> str:
    """A work's title as a biography tells it; the words are the record's, reordered."""
    title = _DROPPED.sub("", " ".join(title.split())).strip()
    if sum(c.isalpha() for c in title) > 3 and title.upper() == title:
        title = _recase(title)
    title = re.sub(r"\s*\(([^)]*)\)", _scoring, title).strip()
    title = re.sub(r"\b(Op|K)\s+\.(?=\d)", r"\1.", title)  # the archive's 'Op .47'
    title = _CATALOGUE_DOT.sub(r"\1. ", title)
    title = _UPPER_CATALOGUES.sub(lambda m: m.group(1).upper(), title)
    title = _ANY_KEY.sub(r"\1-\2 \3", title)
    title = _front_article(title)
    # The form and instruments, then the movement or nickname as written.
    cut = min((i for i in (title.find(":"), title.find(" (")) if i >= 0), default=len(title))
    main, tail = title[:cut], title[cut:]
    main = _form_first(main)
    if tail.startswith(":"):  # a movement: 'Spinning Song, the' → 'The Spinning Song'
        tail = ": " + _front_article(tail[1:].strip())
    tail = re.sub(r"^:\s*(Suite|Suites)\b", r" \1", tail)  # 'Firebird: Suite' → 'Firebird Suite'
    return f"{main}{tail}".strip()


def work_label(title: str, composer: str | None) -> str:
    """'Bach's Cello Suite No. 1': the composer's surname in the possessive, then the title.

    After a possessive an English article goes ('Mozart's Marriage of Figaro'); a foreign one
    is part of the name ('Wagner's Die Meistersinger')."""
    told = prose_title(title)
    if not composer:
        return told
    surname = composer.split()[-1]
    possessive = f"{surname}'" if surname.endswith("s") else f"{surname}'s"
    return f"{possessive} {_ENGLISH_ARTICLE.sub('', told)}"
