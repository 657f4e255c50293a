"""The catalogue at /cursussen/: each filter alone and combined, full-text
search, pagination, the announced result count, and a bounded number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.choices import CourseFormat
from glashelder.kernel.choices import Level, Role
from tests.factories import ProviderFactory, make_course

from .builders import approved_course, instrument, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(workflow):
    """Five courses that differ in every filterable way."""
    p1 = ProviderFactory(name="Vereniging Raadswerk", slug="raadswerk")
    p2 = ProviderFactory(name="Statenacademie", slug="statenacademie")
    courses = {
        "begroting": approved_course(
            provider=p1, title="Begroting lezen", instruments=[instrument("budgetrecht")],
            audience_roles=[Role.RAADSLID], level=Level.GEMEENTE, format=CourseFormat.ONLINE, price=Decimal("0"),
            summary="Alles over de programmabegroting.",
        ),
        "enquete": approved_course(
            provider=p1, title="Raadsenquête", instruments=[instrument("recht-van-onderzoek")],
            audience_roles=[Role.RAADSLID, Role.STATENLID], level=Level.BEIDE, format=CourseFormat.LIVE, price=Decimal("149"),
        ),
        "staten": approved_course(
            provider=p2, title="Statenlid en de begroting", instruments=[instrument("budgetrecht"), instrument("inlichtingenrecht")],
            audience_roles=[Role.STATENLID], level=Level.PROVINCIE, format=CourseFormat.BLENDED, price=Decimal("45"),
        ),
        "motie": approved_course(
            provider=p2, title="Moties schrijven", instruments=[instrument("motie")],
            audience_roles=[Role.RAADSLID, Role.COMMISSIELID], level=Level.GEMEENTE, format=CourseFormat.ONLINE, price=Decimal("95"),
        ),
        "wethouder": approved_course(
            provider=p2, title="Wethouder en integriteit", instruments=[instrument("integriteit")],
            audience_roles=[Role.WETHOUDER], level=Level.GEMEENTE, format=CourseFormat.LIVE, price=Decimal("0"),
        ),
    }
    session(courses["enquete"], days=10)
    session(courses["wethouder"], days=40)
    session(courses["staten"], days=-5)  # past: does not count as upcoming
    # Not public: never listed, whatever the filter.
    make_course(provider=p1, title="Begroting concept", publish=False, approved=False)
    make_course(provider=p1, title="Begroting ongetoetst", publish=True, approved=False)
    return courses


def titles(client, **params):
    response = client.get("/cursussen/", params)
    assert response.status_code == 200
    return {c.title for c in response.context["courses"]}


def test_lists_only_public_approved_courses(client, catalogue):
    assert titles(client) == {c.title for c in catalogue.values()}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"instrument": "budgetrecht"}, {"begroting", "staten"}),
        ({"instrument": ["motie", "integriteit"]}, {"motie", "wethouder"}),
        ({"soort": "controle"}, {"enquete", "staten", "wethouder", "motie"}),  # a motie is both
        ({"soort": "kaderstelling"}, {"begroting", "staten", "motie"}),
        ({"rol": "statenlid"}, {"enquete", "staten"}),
        ({"rol": "commissielid"}, {"motie"}),
        ({"bestuurslaag": "provincie"}, {"enquete", "staten"}),
        ({"bestuurslaag": "gemeente"}, {"begroting", "enquete", "motie", "wethouder"}),
        ({"vorm": "live"}, {"enquete", "wethouder"}),
        ({"vorm": "blended"}, {"staten"}),
        ({"aanbieder": "statenacademie"}, {"staten", "motie", "wethouder"}),
        ({"prijs": "gratis"}, {"begroting", "wethouder"}),
        ({"prijs": "betaald"}, {"enquete", "staten", "motie"}),
    ],
)
def test_each_filter_alone(client, catalogue, params, expected):
    assert titles(client, **params) == {catalogue[key].title for key in expected}


def test_session_date_filters(client, catalogue):
    from django.utils import timezone

    today = timezone.localdate()
    in_20 = today + timezone.timedelta(days=20)
    assert titles(client, van=today.isoformat()) == {catalogue["enquete"].title, catalogue["wethouder"].title}
    assert titles(client, tot=in_20.isoformat()) == {catalogue["enquete"].title}
    assert titles(client, van=in_20.isoformat()) == {catalogue["wethouder"].title}
    assert titles(client, van=in_20.isoformat(), tot=(today + timezone.timedelta(days=60)).isoformat()) == {
        catalogue["wethouder"].title
    }


def test_filters_combine(client, catalogue):
    assert titles(client, rol="raadslid", prijs="betaald") == {catalogue["enquete"].title, catalogue["motie"].title}
    assert titles(client, rol="raadslid", prijs="betaald", vorm="live") == {catalogue["enquete"].title}
    assert titles(client, instrument="budgetrecht", bestuurslaag="provincie", aanbieder="statenacademie") == {
        catalogue["staten"].title
    }
    assert titles(client, instrument="budgetrecht", rol="wethouder") == set()


def test_invalid_filter_values_are_reported_not_crashing(client, catalogue):
    response = client.get("/cursussen/", {"van": "gisteren", "vorm": "hologram"})
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert "van" in form.errors and "vorm" in form.errors
    assert "Vul een geldige datum in" in response.content.decode()


def test_full_text_search(client, catalogue):
    assert titles(client, q="programmabegroting") == {catalogue["begroting"].title}
    assert titles(client, q="integriteit") == {catalogue["wethouder"].title}
    assert catalogue["begroting"].title not in titles(client, q="enquête")
    assert titles(client, q="begroting", rol="statenlid") == {catalogue["staten"].title}
    assert titles(client, q="ongetoetst") == set()  # unreviewed courses are not found either


def test_result_count_is_announced(client, catalogue):
    response = client.get("/cursussen/", {"rol": "statenlid"})
    html = response.content.decode()
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert "2 cursussen gevonden" in html
    assert "<title>Cursussen (2 cursussen)" in html
    response = client.get("/cursussen/", {"q": "programmabegroting"})
    assert "1 cursus gevonden voor ‘programmabegroting’" in response.content.decode()


def test_form_is_a_plain_get_form_with_labels(client, catalogue):
    html = client.get("/cursussen/").content.decode()
    assert 'method="get"' in html
    assert '<label for="id_q">' in html and '<label for="id_rol">' in html
    assert "<script" not in html.split("</footer>")[0].split("<main")[1]


def test_pagination_keeps_filters(client, workflow):
    provider = ProviderFactory()
    for _ in range(14):
        approved_course(provider=provider, audience_roles=[Role.STATENLID])
    response = client.get("/cursussen/", {"rol": "statenlid"})
    assert len(response.context["courses"]) == 12
    assert response.context["result_count"] == 14
    assert "rol=statenlid&amp;pagina=2" in response.content.decode()
    second = client.get("/cursussen/", {"rol": "statenlid", "pagina": 2})
    assert len(second.context["courses"]) == 2
    assert client.get("/cursussen/", {"pagina": "999"}).status_code == 200


def _count_queries(client, path, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_catalogue_query_count_is_bounded(client, workflow):
    providers = [ProviderFactory() for _ in range(3)]
    instruments = [instrument("budgetrecht"), instrument("motie"), instrument("vragenrecht")]
    for n in range(10):
        approved_course(provider=providers[n % 3], instruments=instruments[: n % 3 + 1])
    client.get("/cursussen/")  # warm caches (site root paths, content types)
    small = _count_queries(client, "/cursussen/")
    small_filtered = _count_queries(client, "/cursussen/", {"instrument": "motie", "prijs": "gratis"})
    for n in range(190):
        approved_course(provider=providers[n % 3], instruments=instruments[: n % 3 + 1])
    large = _count_queries(client, "/cursussen/")
    large_filtered = _count_queries(client, "/cursussen/", {"instrument": "motie", "prijs": "gratis"})
    assert small == large
    assert small_filtered == large_filtered
    assert large <= 15
