"""The pieces a work's title is made of, as catalogues and archives write them: capitals,
catalogue numbers ('Op.22', 'Wwv 96', 'K.492'), keys, articles filed last ('Meistersinger,
Die') and forms filed first ('Concerto, Violin'). `titles.py` puts them together; the
importers use `recased` and `catalogue_numbers` to read what they store.
"""

from __future__ import annotations

import re

# Catalogue prefixes as the archives write them (upper case) → as catalogues write them.
CATALOGUES = {
    "BWV": "BWV", "K": "K.", "KV": "K.", "OP": "Op.", "HOB": "Hob.", "WOO": "WoO",
    "D": "D.", "RV": "RV", "HWV": "HWV", "WWV": "WWV", "S": "S.", "SZ": "Sz.", "BB": "BB",
    "L": "L.", "TRV": "TrV",
}  # fmt: skip
_CATALOGUE = re.compile(
    r"\b(BWV|KV|K\.|OP\.?|HOB\.|WOO|D\.|RV|HWV|WWV|S\.|SZ\.|BB|L\.|TRV)\s*"
    r"((?:[IVX]+:)?\d+[A-Za-z]{0,3}(?:/\d+)?)\b(?:,?\s*NO\.\s*(\d+))?",
    re.IGNORECASE,
)
# A catalogue prefix in any case and spacing before its number ('Op.22', 'Op .47', 'Wwv 96',
# 'opus 61'); single letters only in capitals and with their dot ('D.810', 'K.492', 'K 466').
_PREFIX = re.compile(
    r"\b(?:((?i:opus|op|bwv|wwv|hwv|trv|rv|woo|hob|sz|bb|kv))\s*\.?\s*"
    r"|([KDSLGHJZ])\s*\.\s*|(K)\s+)(?=(?:[IVXL]+[a-z]?:)?\d)"
)
_SPELLED = {
    "opus": "Op.", "op": "Op.", "bwv": "BWV", "wwv": "WWV", "hwv": "HWV", "trv": "TrV",
    "rv": "RV", "woo": "WoO", "hob": "Hob.", "sz": "Sz.", "bb": "BB", "kv": "K.",
}  # fmt: skip
_SHOWN = r"(?:Op\.|BWV|WWV|HWV|TrV|RV|WoO|Hob\.|Sz\.|BB|[KDSLGHJZ]\.)"
# A catalogue number as written once spelled: 'Op. 6 No. 10', 'Hob. I:94', 'K. 173dA'.
MENTION = re.compile(
    rf"\b({_SHOWN})\s((?:[IVXL]+[a-z]?:)?\d+[A-Za-z]{{0,3}}(?:/\d+)?(?:\sNo\.\s\d+[a-z]?)?)(?!\w)"
)
_OPUS_NUMBER = re.compile(r"\b(Op\.\s\d+[A-Za-z]{0,3}),?\s*No\.\s*(\d+[a-z]?)\b")
_NO_COMMA = re.compile(rf"(?<=[\w'])\s+(?={_SHOWN}\s(?:[IVXL]+[a-z]?:)?\d)")

_KEY_NAME = re.compile(r"\b([a-gA-G])(-flat|-sharp|-Flat|-Sharp)?(?= major| minor|-flat|-sharp)")
_SMALL = {
    "a", "an", "the", "and", "of", "in", "on", "to", "for", "from", "with", "at", "by", "or",
    "de", "la", "le", "les", "des", "du", "von", "und", "der", "die", "das", "el", "en", "di",
    "da", "del", "et", "au", "aux", "op.",
}  # fmt: skip
_KEYS = {"MAJOR": "major", "MINOR": "minor", "FLAT": "flat", "SHARP": "sharp"}
_ROMAN = re.compile(r"^[IVXL]+$")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")

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
    "clavier", "claviers", "harpsichords", "organs", "viols", "harmonica",
    "flute", "flutes", "piccolo", "oboe", "oboes", "clarinet", "clarinets", "bassoon",
    "bassoons", "horn", "horns", "trumpet", "trumpets", "trombone", "trombones", "tuba",
    "saxophone", "percussion", "timpani", "marimba", "sitar", "mandolin", "lute", "celesta",
    "string", "strings", "orchestra", "winds", "woodwinds", "woodwind", "brass", "voice",
    "soprano", "mezzo-soprano", "alto", "tenor", "baritone", "chorus", "english", "hands",
    "two", "three", "four", "2", "3", "4", "and", "&", "small", "chamber", "solo",
    "quartet", "quintet", "trio", "ensemble", "band",
}  # fmt: skip
# Groups a form is written for, never before: 'Concerto for String Quartet'.
_GROUPS = {"orchestra", "quartet", "quintet", "trio", "ensemble", "band"}
ARTICLES = ("The", "A", "An", "Die", "Der", "Das", "La", "Le", "Les", "L'", "Il", "Lo", "El")
_NUMBER_WORDS = ("Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Twelve")
_KEY = re.compile(r"^(?:in\s+)?([A-G])(?:[\s-](flat|sharp))?\s+(major|minor)$", re.IGNORECASE)
_NUMBER = re.compile(r"^No\.\s*\d+[A-Za-z]?$")
_ARTICLE = re.compile(
    rf"^([^,:]+?),\s+({'|'.join(re.escape(a) for a in ARTICLES)})(?=$|[,:]|\s+\()",
    re.IGNORECASE,
)
_COUNTED = re.compile(rf"^([^,:(]+?),\s+({'|'.join(_NUMBER_WORDS)})(?=$|[,:]|\s+\()")


def _word(word: str, first: bool) -> str:
    bare = word.strip("(),:;\"'[]").upper()
    if _ROMAN.match(bare) or bare in {"BWV", "RV", "HWV", "WWV"}:
        return word.upper()
    if bare.rstrip(".") in CATALOGUES and word.endswith(".") and bare not in {"NO."}:
        return word.upper().replace(bare, CATALOGUES[bare.rstrip(".")])
    if bare in _KEYS:
        return word.lower()
    if bare == "NO.":
        return word.replace("NO.", "No.")
    lowered = word.lower()
    if not first and lowered.strip("(),:;[]") in _SMALL:
        return lowered
    return "-".join(capital(part) for part in lowered.split("-"))


def capital(part: str) -> str:
    """'(kreutzer)' → '(Kreutzer)': the first letter, wherever it stands."""
    for i, char in enumerate(part):
        if char.isalpha():
            return part[:i] + char.upper() + part[i + 1 :]
    return part


def in_capitals(title: str) -> bool:
    """Written in capitals, leaving out what brackets hold ('(ARR. Mitchell)')."""
    outside = _BRACKETED.sub("", title)
    return sum(c.isalpha() for c in outside) > 3 and not any(c.islower() for c in outside)


def recased(title: str) -> str:
    """'SYMPHONY NO. 5, C MINOR, OP. 67' → 'Symphony No. 5, C minor, Op. 67': what the
    importer stores. A title with a lower-case letter anywhere is left as it is (one
    look per letter, for the import's speed); `titles.work_title` also re-cases one whose
    only lower case is in brackets ('(ARR. Mitchell)') when it is shown.
    """
    if any(c.islower() for c in title):
        return title
    return recase(title)


def recase(title: str) -> str:
    """Re-case every word: small words lower, Roman numerals and catalogues kept."""
    words = title.split()
    out = [_word(w, i == 0 or words[i - 1].endswith((":", "("))) for i, w in enumerate(words)]
    # Key names keep a capital letter: 'A major', 'B-flat minor'.
    return _KEY_NAME.sub(lambda m: m[1].upper() + (m[2] or "").lower(), " ".join(out))


def catalogue_numbers(title: str) -> list[tuple[str, str]]:
    """Catalogue numbers a title carries: 'SUITE NO. 3, D MAJOR, BWV 1068' → [('BWV', '1068')]."""
    found = []
    for match in _CATALOGUE.finditer(title):
        prefix = match.group(1).upper().rstrip(".")
        number = match.group(2)  # whole, as written: K. 173dA and K. 173dB are two works
        if match.group(3) and prefix == "OP":
            number = f"{number} No. {match.group(3)}"
        found.append((CATALOGUES[prefix], number))
    return found


def catalogues_spelled(title: str) -> str:
    """Catalogue numbers as catalogues write them, each once, after a comma:
    'Concerto, Violin, No. 2, D minor, Op.22, Op. 22' → '..., D minor, Op. 22';
    'Rheingold, das Wwv 86A' → 'Rheingold, das, WWV 86A'; 'Op. 6, No. 10' → 'Op. 6 No. 10'."""

    def spelled(match: re.Match[str]) -> str:
        many, one, k = match.groups()
        return f"{_SPELLED[many.lower()]} " if many else f"{(one or k).upper()}. "

    title = _PREFIX.sub(spelled, title)
    title = _OPUS_NUMBER.sub(r"\1 No. \2", title)
    title = _NO_COMMA.sub(", ", title)
    seen: set[str] = set()

    def once(match: re.Match[str]) -> str:
        number = mention_key(match.group(1), match.group(2))
        if number in seen:
            return ""
        seen.add(number)
        return match.group(0)

    out = re.sub(rf",?\s*{MENTION.pattern}", once, title)
    return out.strip(" ,")


def mention_key(catalogue: str, number: str) -> str:
    """One key for a catalogue number however it is spaced: 'Op. 22' and 'Op.22' → 'op.22'."""
    return f"{catalogue}{number}".replace(" ", "").lower()


def key_of(part: str) -> str | None:
    """'E flat major' → 'E-flat major'; None when `part` is no key."""
    match = _KEY.match(part.strip())
    if not match:
        return None
    note, accidental, mode = match.groups()
    return f"{note.upper()}{'-' + accidental.lower() if accidental else ''} {mode.lower()}"


_COUNT_AFTER = re.compile(r"\b([A-Za-z]+s),?\s*\((2|3|4|Two|Three|Four)\)", re.IGNORECASE)
_COUNT_WORDS = {"2": "Two", "3": "Three", "4": "Four"}


def count_first(title: str) -> str:
    """'Violins (2)', 'Pianos, (Three)': the catalogue's count after the players, put first
    ('Two Violins'), as a programme prints it."""

    def first(match: re.Match[str]) -> str:
        if match.group(1).lower() not in PLAYERS:
            return match.group(0)
        count = _COUNT_WORDS.get(match.group(2), capital(match.group(2).lower()))
        return f"{count} {match.group(1)}"

    return _COUNT_AFTER.sub(first, title)


def _players(part: str) -> list[str] | None:
    """'Violin, Cello & Piano' pieces as a list of players; None when `part` names other things."""
    words = part.replace("&", " & ").split()
    if not words or any(w.lower().strip(",") not in PLAYERS for w in words):
        return None
    pieces = re.split(r"\s+(?:and|&)\s+", re.sub(r"^(?:and|&)\s+", "", part.strip()))
    return [p.strip() for p in pieces if p.strip()]


def _attributive(players: str) -> bool:
    """'Violin' may stand before the form ('Violin Concerto'); 'Two Pianos' and 'String
    Orchestra' may not ('Serenade for String Orchestra', 'Concerto for String Quartet')."""
    words = players.lower().split()
    counted = {"two", "three", "four", "2", "3", "4", "hands"} & set(words)
    plural = words[-1].endswith("s") and words[-1] not in {"bass", "brass"}
    return not counted and not plural and words[-1] not in _GROUPS


def article_first(title: str) -> str:
    """'Meistersinger, Die, WWV 96' → 'Die Meistersinger, WWV 96'; 'Songs, Four' → 'Four Songs'."""
    match = _ARTICLE.match(title)
    if match:
        article = capital(match.group(2).lower())
        joiner = "" if article.endswith("'") else " "
        return f"{article}{joiner}{match.group(1)}{title[match.end() :]}"
    match = _COUNTED.match(title)
    if match:  # 'Songs, Four (Vier Lieder)' → 'Four Songs (Vier Lieder)'
        return f"{match.group(2)} {match.group(1)}{title[match.end() :]}"
    return title


def form_first(main: str) -> str:
    """'Concerto, Violin No. 3, G major, K. 216' → 'Violin Concerto No. 3 in G major, K. 216'."""
    parts = [p.strip() for p in main.split(",")]
    head = re.match(rf"^({'|'.join(FORMS)})(\s+No\.\s*\d+[A-Za-z]?)?$", parts[0])
    if not head:
        return _keyed(parts)
    form, number = head.group(1), (head.group(2) or "").strip()
    players: list[str] = []
    key = ""
    rest: list[str] = []
    for part in parts[1:]:
        keyed = re.match(r"^(.*?)\s+in\s+(\S+(?:\s(?:flat|sharp))?\s+(?:major|minor))$", part)
        if not rest and not key and keyed and _players(keyed.group(1)) and key_of(keyed.group(2)):
            players += _players(keyed.group(1)) or []  # 'Piano in C-sharp minor'
            key = key_of(keyed.group(2)) or ""
            continue
        numbered = re.match(r"^(.*?)\s*(No\.\s*\d+[A-Za-z]?)$", part)
        if not rest and numbered and numbered.group(1) and _players(numbered.group(1)):
            players += _players(numbered.group(1)) or []
            number = number or numbered.group(2)
        elif not rest and not key and not number and _players(part):
            players += _players(part) or []
        elif not rest and _NUMBER.match(part) and not number:
            number = part
        elif not key and key_of(part):
            key = key_of(part) or ""
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


def _keyed(parts: list[str]) -> str:
    """A title that is not a form filed first, with its key (and its players before it) as
    parts of their own: 'Barcarolle, F-sharp major, Op. 60' → 'Barcarolle in F-sharp major,
    Op. 60'; 'Adagio, Violin, E major, K. 261' → 'Adagio for Violin in E major, K. 261'.
    Left as it is unless a key follows the name (or its players) at once."""
    players: list[str] = []
    at = 1
    while at < len(parts) and _players(parts[at]):
        players += _players(parts[at]) or []
        at += 1
    key = key_of(parts[at]) if at < len(parts) else None
    if not key:
        return ", ".join(parts)
    named = parts[0] + (f" for {' and '.join(players)}" if players else "") + f" in {key}"
    return ", ".join([named, *parts[at + 1 :]])
