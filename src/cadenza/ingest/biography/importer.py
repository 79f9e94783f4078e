"""`cadenza bio import`: a trusted biography into the record, every fact cited by its span.

One transaction: the text is kept as a document source (keyed by its hash, so the same
text imported twice is one source), each fact is written through the same services the
demo uses, linked to what the record holds or new when nothing matches, and cited by the
words it was read from. Every service finds before it creates, so a second import of the
same text adds nothing.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from cadenza.ingest.biography.entities import BiographyImport, Importer
from cadenza.ingest.biography.facts import ReadFacts
from cadenza.ingest.biography.import_career import career_import
from cadenza.ingest.biography.import_training import training_import
from cadenza.ingest.biography.linking import agent_linked
from cadenza.ingest.biography.reading import BiographyError, read_biography
from cadenza.ingest.models import Source
from cadenza.ingest.selectors import document_held
from cadenza.ingest.services import cite, source_ensure
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent
from cadenza.people.services import agent_ensure, agent_pronouns_set
from cadenza.places.models import Place

__all__ = ["BiographyImport", "biography_import"]

# The longest name the record holds for a person, with room for "Biography of " in the
# source's title.
NAME_LENGTH = 200


def biography_import(
    *, text: str, title: str = "", facts: ReadFacts | None = None, pronouns: str = ""
) -> BiographyImport:
    """Import a biography; raises BiographyError (having written nothing) on bad input.

    `facts` are the facts read from `text` as a reviewer corrected them (default: as read);
    `pronouns` those the reviewer gave the person (he, she, they; "" keeps the record's:
    the reader never guesses them).
    A fact the record's own checks refuse (a name too long for it, a year out of range)
    is refused the same way, saying which and why, never as a server error.
    """
    try:
        return _import(text=text, title=title, facts=facts, pronouns=pronouns)
    except ValidationError as error:
        said = (
            [
                f"{field}: {message}" if field != NON_FIELD_ERRORS else message
                for field, messages in error.message_dict.items()
                for message in messages
            ]
            if hasattr(error, "error_dict")
            else error.messages
        )
        raise BiographyError("; ".join(m.rstrip(".") for m in said)) from error


@transaction.atomic
def _import(*, text: str, title: str, facts: ReadFacts | None, pronouns: str) -> BiographyImport:
    facts = facts if facts is not None else read_biography(text)
    person_facts = facts["person"]
    if not person_facts["name"]:
        raise BiographyError("no person is named in a way the reader understands")
    if len(person_facts["name"]) > NAME_LENGTH:
        raise BiographyError(
            f"the person's name is {len(person_facts['name']):,} characters long;"
            f" a name has at most {NAME_LENGTH}"
        )
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    # The same document already held under another key (the demo's founding biographies)
    # is the one the facts are cited from: citations at the same words are then one.
    source = document_held(text=text) or source_ensure(
        key=f"biography:{digest}",
        kind=Source.Kind.DOCUMENT,
        title=title or f"Biography of {person_facts['name']}",
        text=text,
    )
    importer = Importer(text, source)
    person = agent_linked(person_facts["name"], kind=Agent.Kind.PERSON)
    outcome = BiographyImport(person=person or Agent(), source=source)
    importer.outcome = outcome
    importer.note(person_facts["name"], person is not None)
    birth_place = (
        importer.place(person_facts["birth_place"], Place.Kind.CITY)
        if person_facts["birth_place"]
        else None
    )
    year = person_facts["birth_year"]
    person = agent_ensure(
        name=person.name if person else person_facts["name"],
        begin=PartialDate(year) if year else None,
        begin_place=birth_place,
    )
    if pronouns:
        agent_pronouns_set(agent=person, pronouns=pronouns)
    outcome.person = person
    # A name a reviewer corrected may not be in the text: then the facts cite the person.
    if (name_at := text.find(person_facts["name"])) >= 0:
        cite(source=source, record=person, span=(name_at, name_at + len(person_facts["name"])))
    training_import(importer, person, facts)
    career_import(importer, person, facts)
    return outcome
