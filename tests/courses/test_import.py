"""`manage.py import_courses`: a good file becomes drafts in review (sanitised),
a bad row is reported with its row number and nothing is imported."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from courses.choices import ReviewStatus
from courses.models import CoursePage

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "title": "Begroting voor beginners",
        "summary": "De begroting in twee uur.",
        "description": '<p>Lees <strong>mee</strong>.</p><script>alert(1)</script><img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a>',
        "instruments": ["budgetrecht", "recht-van-amendement"],
        "audience_roles": ["raadslid", "commissielid"],
        "level": "gemeente",
        "format": "online",
        "study_load_hours": "2",
        "price": "45.00",
        "learning_outcomes": ["U leest een begroting.", "U schrijft een amendement."],
    },
    {
        "title": "Vragenrecht",
        "slug": "vragenrecht-voor-statenleden",
        "summary": "Goede vragen stellen.",
        "instruments": ["vragenrecht"],
        "audience_roles": ["statenlid"],
        "level": "provincie",
        "format": "live",
        "study_load_hours": "1.5",
        "price": "0",
        "learning_outcomes": ["U stelt feitelijke vragen."],
    },
]


def write_json(tmp_path, rows):
    path = tmp_path / "cursussen.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def write_csv(tmp_path, rows):
    path = tmp_path / "cursussen.csv"
    fields = ["title", "slug", "summary", "description", "instruments", "audience_roles", "level", "format",
              "study_load_hours", "price", "learning_outcomes"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return path


def test_good_json_file_creates_drafts_in_review(tmp_path, provider, workflow, capsys):
    call_command("import_courses", provider.slug, str(write_json(tmp_path, GOOD)))
    courses = {c.slug: c for c in CoursePage.objects.filter(provider=provider)}
    assert set(courses) == {"begroting-voor-beginners", "vragenrecht-voor-statenleden"}
    course = courses["begroting-voor-beginners"]
    assert not course.live
    assert course.review_status == ReviewStatus.IN_REVIEW
    assert course.workflow_in_progress
    assert course.description == "<p>Lees <strong>mee</strong>.</p><a>x</a>"
    assert sorted(course.instruments.values_list("slug", flat=True)) == ["budgetrecht", "recht-van-amendement"]
    assert course.audience_roles == ["raadslid", "commissielid"]
    assert course.learning_outcome_list == ["U leest een begroting.", "U schrijft een amendement."]
    assert str(course.price) == "45.00"
    assert "2 courses imported" in capsys.readouterr().out
    assert not CoursePage.objects.public_approved().filter(provider=provider).exists()


def test_good_csv_file(tmp_path, provider, workflow):
    call_command("import_courses", provider.slug, str(write_csv(tmp_path, GOOD)))
    course = CoursePage.objects.get(slug="vragenrecht-voor-statenleden")
    assert course.audience_roles == ["statenlid"] and course.format == "live" and not course.live


@pytest.mark.parametrize("writer", [write_json, write_csv])
def test_bad_row_is_reported_and_nothing_is_imported(tmp_path, provider, workflow, writer):
    bad = dict(GOOD[1], slug="derde", audience_roles=["koning"], price="-5")
    rows = [GOOD[0], GOOD[1], bad]
    with pytest.raises(CommandError) as error:
        call_command("import_courses", provider.slug, str(writer(tmp_path, rows)))
    message = str(error.value)
    assert "Rij 3, veld audience_roles" in message
    assert "Rij 3, veld price" in message
    assert "Rij 1" not in message and "Rij 2" not in message
    assert not CoursePage.objects.filter(provider=provider).exists()


def test_duplicate_slug_and_unknown_instrument_are_errors(tmp_path, provider, workflow):
    rows = [GOOD[0], dict(GOOD[0], instruments=["bestaat-niet"]), dict(GOOD[1], title="")]
    with pytest.raises(CommandError) as error:
        call_command("import_courses", provider.slug, str(write_json(tmp_path, rows)))
    message = str(error.value)
    assert "Rij 2, veld instruments" in message
    assert "Rij 3, veld title" in message
    assert not CoursePage.objects.exists()


def test_unknown_provider_and_wrong_file_type(tmp_path, workflow):
    with pytest.raises(CommandError):
        call_command("import_courses", "bestaat-niet", str(write_json(tmp_path, GOOD)))
    from tests.factories import ProviderFactory

    provider = ProviderFactory()
    other = tmp_path / "cursussen.xml"
    other.write_text("<x/>")
    with pytest.raises(CommandError):
        call_command("import_courses", provider.slug, str(other))
    broken = tmp_path / "kapot.json"
    broken.write_text("{niet json")
    with pytest.raises(CommandError):
        call_command("import_courses", provider.slug, str(broken))
