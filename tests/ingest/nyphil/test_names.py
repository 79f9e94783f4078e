import pytest

from cadenza.ingest.nyphil.names import parse_names


@pytest.mark.parametrize(
    ("raw", "display", "sort", "variants"),
    [
        ("Beethoven,  Ludwig  van", "Ludwig van Beethoven", "Beethoven, Ludwig van", ()),
        ("Weber,  Carl  Maria Von", "Carl Maria von Weber", "Weber, Carl Maria von", ()),
        (
            "Saint-Saens [Saint-Saëns],  Camille",
            "Camille Saint-Saëns",
            "Saint-Saëns, Camille",
            ("Camille Saint-Saens",),
        ),
        (
            "Herold,  Louis  Joseph Ferdinand [Hérold]",
            "Louis Joseph Ferdinand Hérold",
            "Hérold, Louis Joseph Ferdinand",
            ("Louis Joseph Ferdinand Herold",),
        ),
        (
            "Burleigh,  Henry [Harry]  Thacker",
            "Henry Thacker Burleigh",
            "Burleigh, Henry Thacker",
            ("Harry Thacker Burleigh",),
        ),
        ("Corigliano, John, Sr.", "John Corigliano Sr.", "Corigliano, John, Sr.", ()),
        ("Barbirolli , John", "John Barbirolli", "Barbirolli, John", ()),
        ("Lang, Morris (Arnie)", "Morris Lang", "Lang, Morris", ()),
        ("Ma, Yo-Yo", "Yo-Yo Ma", "Ma, Yo-Yo", ()),
        ("Pola", "Pola", "Pola", ()),
    ],
)
def test_archive_names_become_display_and_sort_names(raw, display, sort, variants):
    [agent] = parse_names(raw).agents
    assert (agent.display, agent.sort, agent.variants, agent.is_person) == (
        display,
        sort,
        variants,
        True,
    )


def test_a_pair_of_composers_is_two_people():
    outcome = parse_names("Strauss,  Johann, Jr. & Josef")
    assert [(a.display, a.sort) for a in outcome.agents] == [
        ("Johann Strauss Jr.", "Strauss, Johann, Jr."),
        ("Josef Strauss", "Strauss, Josef"),
    ]


@pytest.mark.parametrize("raw", ["Chorus", "Audience", "Traditional,", "Anonymous"])
def test_collectives_are_kept_as_credited_not_as_agents(raw):
    outcome = parse_names(raw)
    assert outcome.agents == () and outcome.collective == raw.rstrip(",")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("No Soloist", "says there was no soloist"),
        ("Not conducted", "says the work was not conducted"),
        ("", "is blank"),
        ("  ", "is blank"),
        (None, "is blank"),
        ("None", "is the string 'None'"),
    ],
)
def test_entries_naming_nobody_are_skipped_with_a_reason(raw, reason):
    outcome = parse_names(raw)
    assert (outcome.agents, outcome.skipped) == ((), reason)


@pytest.mark.parametrize(
    ("raw", "instrument"),
    [
        ("Schola Cantorum of NY", "Chorus"),
        ("Westminster Choir", "Chorus"),
        ("New York Philharmonic Principal Brass Quintet", "Brass Quintet"),
        ("Musica Aeterna", "Ensemble"),
    ],
)
def test_ensembles_are_not_people(raw, instrument):
    [agent] = parse_names(raw, instrument=instrument).agents
    assert not agent.is_person and agent.sort == raw
