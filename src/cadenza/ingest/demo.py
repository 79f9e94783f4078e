"""The demo record: the two founding musicians, entered by hand from their biographies.

Every fact cites the words of the biography it comes from (a character span), and the
vagueness of the texts is kept: "various orchestras" stays a credit with no named agent.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction

from cadenza.events.credited_instruments import agent_instruments_refresh
from cadenza.events.models import Credit, Event, ProgrammeItem
from cadenza.events.services import (
    CreditSpec,
    ItemSpec,
    award_add,
    credit_add,
    event_ensure,
    programme_create,
)
from cadenza.ingest.demo_places import load_places
from cadenza.ingest.demo_repertoire import load_repertoire
from cadenza.ingest.models import Source
from cadenza.ingest.services import cite, source_ensure
from cadenza.ingest.work_nicknames import work_nicknames_load
from cadenza.partialdates import PartialDate
from cadenza.people.models import Agent, Alias, Milestone, Relationship
from cadenza.people.services import (
    agent_ensure,
    agent_instrument_add,
    alias_add,
    milestone_add,
    relationship_add,
)
from cadenza.places.models import Place
from cadenza.press.services import review_add
from cadenza.repertoire.models import Work
from cadenza.repertoire.services import instrument_ensure

BIOS_DIR = settings.BASE_DIR.parents[1] / "examples" / "bios"
KALMURZAEV_FILE = "alessio-kalmurzaev.txt"
INZAGHI_FILE = "alessio-leonardo-inzaghi.txt"


def _biography(filename: str, title: str) -> Source:
    path: Path = BIOS_DIR / filename
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the demo biography is missing from examples/bios/.")
    return source_ensure(
        key=f"demo:bios/{filename}",
        kind=Source.Kind.DOCUMENT,
        title=title,
        text=path.read_text(encoding="utf-8"),
    )


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load (or complete) the demo record; running it again changes nothing."""
    places = load_places()
    works = load_repertoire()
    conservatory = _moscow_conservatory(places)
    _kalmurzaev(places, conservatory)
    _inzaghi(places, works)
    agent_instruments_refresh()  # the concerts each plays an instrument in
    work_nicknames_load()
    return {
        "people": Agent.objects.filter(kind=Agent.Kind.PERSON).count(),
        "organisations": Agent.objects.exclude(kind=Agent.Kind.PERSON).count(),
        "places": Place.objects.count(),
        "works": Work.objects.filter(parent=None).count(),
        "movements": Work.objects.exclude(parent=None).count(),
        "events": Event.objects.count(),
    }


def _moscow_conservatory(places: dict[str, Place]) -> Agent:
    conservatory = agent_ensure(
        name="Moscow Conservatory",
        kind=Agent.Kind.ORGANISATION,
        begin=PartialDate(1866),
        begin_place=places["Moscow"],
        based_in=places["Moscow"],
        summary="The Moscow P. I. Tchaikovsky State Conservatory, founded in 1866.",
    )
    for alias in (
        "Tchaikovsky Conservatory",
        "Moscow State Tchaikovsky Conservatory",
        "Moscow P. I. Tchaikovsky State Conservatory",
    ):
        alias_add(agent=conservatory, name=alias)
    return conservatory


def _kalmurzaev(places: dict[str, Place], conservatory: Agent) -> Agent:
    bio = _biography(KALMURZAEV_FILE, "Biography of Alessio Kalmurzaev")
    violin = instrument_ensure(name="violin", performer_noun="violinist", family="strings")
    person = agent_ensure(
        name="Alessio Kalmurzaev",
        pronouns=Agent.Pronouns.HE,  # "his extraordinary talent", as his biography says
        begin_place=places["Moscow"],
        background="Born into a family of modest means in Moscow, Russia.",
        summary="Violinist from Moscow, trained at the Tchaikovsky Conservatory, who played "
        "at Carnegie Hall and at festivals in Europe and Asia.",
    )
    cite(
        source=bio,
        record=person,
        evidence="Alessio Kalmurzaev was known for his extraordinary talent as a violinist",
    )
    cite(source=bio, record=person, evidence="Born into a family of modest means in Moscow, Russia")
    cite(
        source=bio,
        record=agent_instrument_add(agent=person, instrument=violin),
        evidence="violinist",
    )

    def milestone(order: int, kind: str, text: str, evidence: str) -> None:
        fact = milestone_add(agent=person, kind=kind, text=text, narrative_order=order)
        cite(source=bio, record=fact, evidence=evidence)

    def event(
        order: int,
        name: str,
        evidence: str,
        venue: Place | None = None,
        kind: str = Event.Kind.CONCERT,
        several: bool = False,
        note: str = "",
        others: tuple[tuple[str, str], ...] = (),
    ) -> Event:
        # By its place in the story, whatever its date: a booking published later may date
        # the concert it completes (engagements.publishing), and it is still this one.
        told = Event.objects.filter(
            name=name, venue=venue, narrative_order=order, credits__agent=person
        ).first()
        happening = told or event_ensure(
            name=name,
            kind=kind,
            venue=venue,
            narrative_order=order,
            represents_several=several,
            attendance_note=note,
        )
        role = Credit.Role.PERFORMER if kind == Event.Kind.REHEARSAL else Credit.Role.SOLOIST
        credit_add(event=happening, agent=person, role=role, instrument=violin)
        for position, (other_role, credited_as) in enumerate(others, start=1):
            credit_add(event=happening, role=other_role, credited_as=credited_as, position=position)
        cite(source=bio, record=happening, evidence=evidence)
        return happening

    milestone(
        10,
        Milestone.Kind.TRAINING,
        "Began taking lessons from a young age and quickly showed a natural gift for music.",
        "he began taking lessons from a young age",
    )
    milestone(
        20,
        Milestone.Kind.TRAINING,
        "Spent countless hours practising, honing his skills and perfecting his technique.",
        "He spent countless hours practicing, honing his skills and perfecting his technique",
    )
    studied = relationship_add(
        subject=person,
        kind=Relationship.Kind.STUDIED_AT,
        target=conservatory,
        instrument=violin,
        narrative_order=30,
        description="Accepted into the prestigious Tchaikovsky Conservatory, where he studied "
        "under some of the best mentors in the country (the text names none).",
    )
    cite(
        source=bio,
        record=studied,
        evidence="he was accepted into the prestigious Tchaikovsky "
        "Conservatory, where he studied under some of the best mentors in the country",
    )
    award = award_add(
        agent=person,
        competition_as_stated="several local competitions",
        prize="Winner",
        rank=1,
        narrative_order=40,
        represents_several=True,
    )
    cite(source=bio, record=award, evidence="He won several local competitions")
    event(
        50,
        "Concerts with various orchestras throughout Russia",
        "performed with various orchestras throughout Russia",
        venue=places["Russia"],
        several=True,
        others=((Credit.Role.ORCHESTRA, "various orchestras"),),
    )
    milestone(
        60,
        Milestone.Kind.INVITATION,
        "Received an invitation to perform at Carnegie Hall in New York City.",
        "Alessio received an invitation to perform at the renowned Carnegie Hall in New York City",
    )
    event(
        70,
        "Rehearsals for the Carnegie Hall performance",
        "he threw himself into rehearsals with renewed enthusiasm",
        kind=Event.Kind.REHEARSAL,
        several=True,
    )
    concert = event(
        80,
        "Alessio Kalmurzaev at Carnegie Hall",
        "the night of the performance arrived, and Alessio Kalmurzaev took the stage",
        venue=places["Carnegie Hall"],
        note="a packed audience",
    )
    review = review_add(
        subjects=[person],
        event=concert,
        narrative_order=90,
        summary="Accolades from critics and fans alike after the Carnegie Hall performance "
        "(no critic or publication is named).",
    )
    cite(
        source=bio,
        record=review,
        evidence="Alessio was showered with accolades from critics and fans alike",
    )
    milestone(
        100,
        Milestone.Kind.RECOGNITION,
        "His name became synonymous with excellence and artistry.",
        "his name became synonymous with excellence and artistry",
    )
    conductors = ((Credit.Role.CONDUCTOR, "renowned conductors"),)
    event(
        110,
        "Festival performances in Europe",
        "performed at festivals in Europe and Asia",
        venue=places["Europe"],
        kind=Event.Kind.FESTIVAL_PERFORMANCE,
        several=True,
        others=conductors,
    )
    event(
        120,
        "Festival performances in Asia",
        "performed at festivals in Europe and Asia",
        venue=places["Asia"],
        kind=Event.Kind.FESTIVAL_PERFORMANCE,
        several=True,
        others=conductors,
    )
    milestone(
        130, Milestone.Kind.RETIREMENT, "Retired from performing.", "he retired from performing"
    )
    milestone(
        140,
        Milestone.Kind.LEGACY,
        "His name became a byword for musical excellence, inspiring countless young "
        "musicians to follow in his footsteps.",
        "Alessio Kalmurzaev's name became a byword for musical excellence, inspiring "
        "countless young musicians to follow in his footsteps",
    )
    return person


def _inzaghi(places: dict[str, Place], works: dict[str, Work]) -> Agent:
    bio = _biography(INZAGHI_FILE, "Biography of Alessio Leonardo Inzaghi")
    cello = instrument_ensure(name="cello", performer_noun="cellist", family="strings")
    person = agent_ensure(
        name="Alessio Leonardo Inzaghi",
        pronouns=Agent.Pronouns.HE,  # "known for his unwavering dedication", as his text says
        summary="Classically trained cellist who played Bach's Cello Suite No. 1 at Carnegie "
        "Hall to glowing reviews.",
    )
    alias_add(agent=person, name="Alessio Inzaghi", kind=Alias.Kind.SHORT)
    cite(
        source=bio,
        record=person,
        evidence="Alessio Leonardo Inzaghi was known for his "
        "unwavering dedication to his craft as a professional musician",
    )
    cite(
        source=bio,
        record=agent_instrument_add(agent=person, instrument=cello),
        evidence="a classically trained cellist",
    )

    def milestone(order: int, kind: str, text: str, evidence: str) -> None:
        fact = milestone_add(agent=person, kind=kind, text=text, narrative_order=order)
        cite(source=bio, record=fact, evidence=evidence)

    # Two sentences of the biography, two milestones: as its reader tells them, so that
    # importing the biography onto the demo finds them (tests/ingest/test_demo.py).
    milestone(
        10,
        Milestone.Kind.TRAINING,
        "Fascinated by the sound of the cello while growing up.",
        "Alessio had always been fascinated by the sound of the cello",
    )
    milestone(
        15,
        Milestone.Kind.TRAINING,
        "Listened for hours to recordings of famous cellists and practised their techniques.",
        "spend hours listening to recordings of famous cellists",
    )
    milestone(
        20,
        Milestone.Kind.TRAINING,
        "Spent years honing his skills in some of the world's most prestigious music "
        "institutions (the text names none).",
        "he had spent years honing his skills in some of the world's most prestigious "
        "music institutions",
    )
    local = event_ensure(
        name="Local concerts and recitals",
        kind=Event.Kind.RECITAL,
        narrative_order=30,
        represents_several=True,
    )
    credit_add(event=local, agent=person, role=Credit.Role.PERFORMER, instrument=cello)
    cite(
        source=bio,
        record=local,
        evidence="Alessio began to perform regularly at local concerts and recitals",
    )
    concert = event_ensure(
        name="Alessio Leonardo Inzaghi at Carnegie Hall",
        venue=places["Carnegie Hall"],
        narrative_order=40,
    )
    if concert.programme is None:
        suite = works["BWV 1007"]
        concert.programme = programme_create(
            title="Bach: Cello Suite No. 1",
            items=[
                ItemSpec(
                    kind=ProgrammeItem.Kind.WORK,
                    work=suite,
                    title_as_printed="Bach's Cello Suite No. 1",
                    credits=[CreditSpec(role=Credit.Role.SOLOIST, agent=person, instrument=cello)],
                )
            ],
        )
        concert.save(update_fields=["programme"])
    cite(
        source=bio,
        record=concert,
        evidence="Alessio found himself on stage at Carnegie Hall, "
        "about to perform one of the most challenging pieces in the cello repertoire: Bach's "
        "Cello Suite No. 1",
    )
    review = review_add(
        subjects=[person],
        event=concert,
        narrative_order=50,
        summary="Glowing reviews from critics and admirers alike; the reviewer is not named.",
        quotes=[
            "Alessio Leonardo Inzaghi's performance of Bach's Cello Suite No. 1 was nothing "
            "short of breathtaking,",
            "His skill and artistry are truly unparalleled.",
        ],
    )
    for quote in review.quotes.all():
        cite(source=bio, record=quote, evidence=quote.text)
    cite(
        source=bio,
        record=review,
        evidence="Alessio received glowing reviews from critics and admirers alike",
    )
    return person
