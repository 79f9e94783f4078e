"""Read the release's JSON files into checked records, naming every problem precisely.

A problem names the file, the program GUID, the field and what was expected. The reader
never touches the database.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, time
from functools import lru_cache
from pathlib import Path

import orjson

from cadenza.ingest.nyphil.records import Concert, Entry, Problem, Program, Soloist
from cadenza.ingest.nyphil.titles import UnknownMarkup, markup_text

_SEASON = re.compile(r"^\d{4}-\d{2}$")
_WORK_ID = re.compile(r"^(\d+)\*(\d*)$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})\s*([AP]M)$", re.IGNORECASE)
_NONE = {"", "none", "null"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The longest each field may be: what the record's columns hold, less what is built
# around it (a citation's `name:` prefix, an event's name `<orchestra> at <venue>`).
# A longer value is a problem of its record, never cut.
NAME_LENGTH = 195  # an agent's name, cited as `name:<name>` in 200 characters
PLACE_LENGTH = 194  # a venue or location, cited as `place:<name>`
ORCHESTRA_LENGTH = 96  # `<orchestra> at <venue>` fits an event's 300
TITLE_LENGTH = 400  # the title as printed, `<work>: <movement>`
EVENT_TYPE_LENGTH = 100
INSTRUMENT_LENGTH = 100
ID_LENGTH = 100  # a work ID, kept as its item's source_ref
GUID_LENGTH = 200  # a citation's record id
PROGRAM_ID_LENGTH = 290  # `Program <programID>`, a programme's title of 300


class FileError(Exception):
    """A file that cannot be read at all (missing, not JSON, not the release's shape)."""


def _text(value: object) -> str:
    """A text field, its control characters (tabs, stray NULs) made spaces."""
    if not isinstance(value, str):
        return ""
    if not value.isprintable():
        value = _CONTROL.sub(" ", value)
    return value.strip()


def _present(value: object) -> str:
    """The text, with the archive's spellings of 'nothing' ('None', ' ') made empty."""
    text = _text(value)
    return "" if text.lower() in _NONE else text


@lru_cache(maxsize=1 << 12)
def _clock(text: str) -> time | str:
    """'8:00PM' as a time, or what was expected instead; a few hundred spellings recur."""
    match = _TIME.match(text)
    if not match:
        return "a time like '8:00PM' or 'None'"
    hour, minute = int(match[1]) % 12, int(match[2])
    hour += 12 if match[3].upper() == "PM" else 0
    if minute > 59:
        return "minutes 00 to 59"
    return time(hour, minute)


@lru_cache(maxsize=1 << 16)
def _plain_title(value: str) -> str:
    return markup_text(value)


def _markup(value: object) -> str:
    """markup_text(), remembered for plain strings: titles repeat across programmes; its
    control characters made spaces, as every text's are."""
    text = _plain_title(value) if isinstance(value, str) else markup_text(value)
    return text if text.isprintable() else " ".join(_CONTROL.sub(" ", text).split())


@lru_cache(maxsize=1 << 16)
def _known_soloist(name: object, instrument: object, role: object) -> Soloist:
    return Soloist(_text(name), _present(instrument), _present(role).upper())


def _soloist(raw: dict[str, object]) -> Soloist:
    """Soloists repeat too (the same player, instrument and role); read each once."""
    key = (raw.get("soloistName"), raw.get("soloistInstrument"), raw.get("soloistRoles"))
    try:
        return _known_soloist(*key)
    except TypeError:  # an unhashable value (a list or object): read it as it is
        return Soloist(_text(key[0]), _present(key[1]), _present(key[2]).upper())


class _Checker:
    def __init__(self, file: str, guid: str) -> None:
        self.file, self.guid = file, guid
        self.problems: list[Problem] = []

    def fail(self, field_name: str, expected: str, found: object, skipped: str = "program") -> None:
        shown = repr(found)
        self.problems.append(
            Problem(self.file, self.guid, field_name, expected, shown[:80], skipped)
        )

    def concert(self, position: int, raw: object) -> Concert | None:
        name = f"concerts[{position - 1}]"
        if not isinstance(raw, dict):
            self.fail(name, "an object", raw, "concert")
            return None
        stamp = _text(raw.get("Date"))
        try:
            # New York midnight written in UTC: the date part is the concert's date.
            day = date.fromisoformat(stamp[:10])
        except ValueError:
            self.fail(
                f"{name}.Date", "a date like '1911-03-01T05:00:00Z'", raw.get("Date"), "concert"
            )
            return None
        start: time | None = None
        clock = _present(raw.get("Time"))
        if clock:
            read = _clock(clock)
            if isinstance(read, str):
                self.fail(f"{name}.Time", read, raw.get("Time"), "concert")
                return None
            start = read
        concert = Concert(
            position=position,
            event_type=_present(raw.get("eventType")),
            venue=_present(raw.get("Venue")),
            location=_present(raw.get("Location")),
            day=day,
            start=start,
        )
        for field_name, value, limit in (
            ("eventType", concert.event_type, EVENT_TYPE_LENGTH),
            ("Venue", concert.venue, PLACE_LENGTH),
            ("Location", concert.location, PLACE_LENGTH),
        ):
            if len(value) > limit:
                self.too_long(f"{name}.{field_name}", limit, value, "concert")
                return None
        return concert

    def too_long(self, field_name: str, limit: int, value: str, skipped: str) -> None:
        """A value longer than its column holds: named with its length, never cut to fit."""
        shown = f"{len(value)} characters, {value[:40]!r}…"
        self.problems.append(
            Problem(self.file, self.guid, field_name, f"at most {limit} characters", shown, skipped)
        )

    def entry(self, position: int, raw: object) -> Entry | None:
        name = f"works[{position - 1}]"
        if not isinstance(raw, dict):
            self.fail(name, "an object", raw, "entry")
            return None
        get = raw.get
        work_id = _text(get("ID"))
        if len(work_id) > ID_LENGTH:
            self.too_long(f"{name}.ID", ID_LENGTH, work_id, "entry")
            return None
        if "interval" in raw:
            interval = _present(get("interval")) or "Intermission"
            if len(interval) > TITLE_LENGTH:
                self.too_long(f"{name}.interval", TITLE_LENGTH, interval, "entry")
                return None
            return Entry(position, work_id, interval)
        if not work_id.strip("*") and not get("workTitle") and not get("composerName"):
            self.fail(name, "a work or an interval (this entry is empty)", raw, "entry")
            return None
        matched = _WORK_ID.match(work_id)
        if not matched:
            self.fail(f"{name}.ID", "a work ID like '2956*' or '2956*2'", get("ID"), "entry")
            return None
        try:
            title = _markup(get("workTitle"))
            movement = _markup(get("movement"))
        except UnknownMarkup as quirk:
            self.fail(
                f"{name}.workTitle or movement", "text or {'_': ..., 'em': ...}", quirk, "entry"
            )
            return None
        if not title:
            self.fail(f"{name}.workTitle", "a title", get("workTitle"), "entry")
            return None
        raw_soloists = get("soloists") or ()
        if not isinstance(raw_soloists, list | tuple):
            self.fail(f"{name}.soloists", "a list", raw_soloists, "entry")
            return None
        soloists = []
        for index, solo in enumerate(raw_soloists):
            if not isinstance(solo, dict):
                self.fail(f"{name}.soloists[{index}]", "an object", solo, "entry")
                return None
            soloist = _soloist(solo)
            if len(soloist.name) > NAME_LENGTH or len(soloist.instrument) > INSTRUMENT_LENGTH:
                self._soloist_too_long(f"{name}.soloists[{index}]", soloist)
                return None
            soloists.append(soloist)
        if movement and not matched[2]:
            self.fail(f"{name}.ID", "a movement's ID like '2956*2'", get("ID"), "entry")
            return None
        entry = Entry(
            position,
            work_id,
            "",
            _text(get("composerName")),
            title,
            movement,
            _text(get("conductorName")),
            tuple(soloists),
        )
        printed = len(title) + (len(movement) + 2 if movement else 0)
        if printed > TITLE_LENGTH:
            self.too_long(f"{name}.workTitle and movement", TITLE_LENGTH, entry.printed, "entry")
            return None
        if len(entry.composer) > NAME_LENGTH or len(entry.conductors) > NAME_LENGTH:
            for field_name, value in (
                ("composerName", entry.composer),
                ("conductorName", entry.conductors),
            ):
                if len(value) > NAME_LENGTH:
                    self.too_long(f"{name}.{field_name}", NAME_LENGTH, value, "entry")
                    break
            return None
        return entry

    def _soloist_too_long(self, field_name: str, soloist: Soloist) -> None:
        if len(soloist.name) > NAME_LENGTH:
            self.too_long(f"{field_name}.soloistName", NAME_LENGTH, soloist.name, "entry")
        else:
            self.too_long(
                f"{field_name}.soloistInstrument", INSTRUMENT_LENGTH, soloist.instrument, "entry"
            )


def check_program(file: str, raw: object) -> tuple[Program | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [Problem(file, "", "programs[]", "an object", repr(raw)[:80])]
    guid = _text(raw.get("id"))
    checker = _Checker(file, guid)
    if not guid:
        checker.fail("id", "the program's GUID", raw.get("id"))
    season = _text(raw.get("season"))
    if not _SEASON.match(season):
        checker.fail("season", "a season like '1911-12'", raw.get("season"))
    raw_concerts, raw_works = raw.get("concerts"), raw.get("works")
    if not isinstance(raw_concerts, list) or not raw_concerts:
        checker.fail("concerts", "a non-empty list", raw_concerts)
        raw_concerts = []
    if not isinstance(raw_works, list):
        checker.fail("works", "a list", raw_works)
        raw_works = []
    orchestra = _present(raw.get("orchestra"))
    program_id = _text(raw.get("programID"))
    for field_name, value, limit in (
        ("id", guid, GUID_LENGTH),
        ("programID", program_id, PROGRAM_ID_LENGTH),
        ("orchestra", orchestra, ORCHESTRA_LENGTH),
    ):
        if len(value) > limit:
            checker.too_long(field_name, limit, value, "program")
    concerts = [c for i, r in enumerate(raw_concerts, start=1) if (c := checker.concert(i, r))]
    entries = [e for i, r in enumerate(raw_works, start=1) if (e := checker.entry(i, r))]
    if raw_concerts and not concerts:
        checker.fail("concerts", "at least one readable concert", len(raw_concerts))
    if any(p.skipped == "program" for p in checker.problems):
        for problem in checker.problems:
            problem.skipped = "program"
        return None, checker.problems
    digest = hashlib.blake2b(orjson.dumps(raw, option=orjson.OPT_SORT_KEYS), digest_size=16)
    return (
        Program(
            file=file,
            guid=guid,
            program_id=program_id,
            orchestra=orchestra,
            season=season,
            concerts=tuple(concerts),
            entries=tuple(entries),
            digest=digest.hexdigest(),
        ),
        checker.problems,
    )


def json_files(paths: list[Path]) -> list[Path]:
    """The files named, and the .json files inside the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.json")))
        elif path.is_file():
            found.append(path)
        else:
            raise FileError(f"{path}: no such file or folder")
    if not found:
        raise FileError(f"no .json files in {', '.join(map(str, paths))}")
    return found


def file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FileError(f"{path}: cannot be read: {error.strerror}") from error


def file_digest(path: Path) -> str:
    """A hash of the file's bytes: an unchanged file need not be read again."""
    return hashlib.blake2b(file_bytes(path), digest_size=16).hexdigest()


def read_file(path: Path) -> Iterator[tuple[Program | None, list[Problem]]]:
    content = file_bytes(path)
    try:
        data = orjson.loads(content)
    except orjson.JSONDecodeError as error:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as bad:
            line = content.count(b"\n", 0, bad.start) + 1
            raise FileError(
                f"{path}: not UTF-8 text: byte {bad.start} (line {line}) is"
                f" {content[bad.start : bad.start + 1]!r}"
            ) from error
        raise FileError(f"{path}: not valid JSON: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("programs"), list):
        raise FileError(f"{path}: expected an object with a 'programs' list, as in the release")
    for raw in data["programs"]:
        yield check_program(path.name, raw)
