import pytest

from cadenza.places import gazetteer


def test_cities_come_with_coordinates_and_time_zones():
    manhattan = gazetteer.city("Manhattan", country_code="US", admin1="NY")
    assert manhattan is not None
    assert (manhattan.timezone, round(manhattan.latitude)) == ("America/New_York", 41)
    kansas = gazetteer.city("Manhattan", country_code="US", admin1="KS")
    assert kansas is not None and kansas.timezone == "America/Chicago"
    vail = gazetteer.city("Vail", country_code="US", admin1="CO")
    assert vail is not None and vail.timezone == "America/Denver"  # a town of 5,000
    assert gazetteer.city("Atlantis", country_code="GR") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("AUSTRIA", "AT"),
        ("W. GERMANY", "DE"),
        ("ENGLAND", "GB"),
        ("USSR", "RU"),
        ("South Korea", "KR"),
        ("THE PHILIPPINES", "PH"),
    ],
)
def test_country_names_as_archives_write_them(name, code):
    found = gazetteer.country(name)
    assert found is not None and found[0] == code


def test_the_index_is_built_once_under_cadenza_home(settings):
    gazetteer.city("Vienna", country_code="AT")
    cached = list((settings.CADENZA_HOME / "cache").glob("gazetteer-*.sqlite3"))
    assert len(cached) == 1 and cached[0].stat().st_size > 1_000_000


def test_a_city_named_in_prose_with_or_without_its_country():
    from cadenza.places.gazetteer import city_named

    lyon = city_named("Lyon")
    assert lyon is not None and (lyon[0].country_code, lyon[1]) == ("FR", "France")
    moscow = city_named("Moscow, Russia")
    assert moscow is not None and moscow[0].timezone == "Europe/Moscow"
    assert city_named("Nowhereville") is None


@pytest.mark.parametrize(
    ("code", "seat"),
    [
        ("RU", "Moscow"),  # the capital, not the middle of Siberia
        ("US", "Washington"),
        ("ch", "Bern"),
        ("KZ", "Almaty"),  # GeoNames' capital is not among its cities: the largest one
    ],
)
def test_a_country_is_marked_at_its_capital_or_largest_city(code, seat):
    found = gazetteer.country_seat(code)
    assert found is not None and found.name == seat
    assert found.country_code == code.upper()


def test_a_country_without_cities_has_no_seat():
    assert gazetteer.country_seat("AQ") is None  # Antarctica
    assert gazetteer.country_seat("XX") is None
