"""`manage.py import_courses`: a good file becomes drafts in review (sanitised),
a bad row is reported with its row number and nothing is imported."""

import csv
import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from courses.choices import ReviewStatus
from courses.models import CoursePage, ModulePage

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


def with_modules(**changes):
    """GOOD[0] with a session and a module of every block type."""
    row = dict(GOOD[0], format="blended", completion_rule="modules_checks", certificate_validity_months=24)
    row["sessions"] = [{"starts_at": "+10d 19:00", "ends_at": "+10d 22:00", "registration_deadline": "+7d 19:00",
                        "capacity": 12, "location": "Stadhuis Utrecht"}]
    row["modules"] = [{
        "title": "De cyclus",
        "intro": "Van kadernota tot jaarrekening.",
        "estimated_minutes": 40,
        "lessons": [{"title": "Het jaar rond", "content": [
            {"type": "rich_text", "value": "<p>De <strong>kadernota</strong>.</p><script>alert(1)</script>"},
            {"type": "video", "value": {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Uitleg"}},
            {"type": "document", "value": {"file": "werkblad.txt", "title": "Werkblad", "description": "Om in te vullen"}},
            {"type": "knowledge_check", "value": {"questions": [
                {"question": "Wie stelt de begroting vast?", "options": ["Het college", "De raad"], "correct_option": 2,
                 "feedback": "De raad heeft het budgetrecht."},
            ]}},
            {"type": "reflection", "value": {"question": "Wat wilt u het college vragen?"}},
        ]}],
    }]
    row.update(changes)
    return row


def test_json_with_sessions_modules_and_a_document(tmp_path, provider, workflow, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "werkblad.txt").write_text("Werkblad\n", encoding="utf-8")
    call_command("import_courses", provider.slug, str(write_json(tmp_path, [with_modules()])))
    course = CoursePage.objects.get(slug="begroting-voor-beginners")
    assert course.completion_rule == "modules_checks" and course.certificate_validity_months == 24
    session = course.sessions.get()
    assert session.title == "Bijeenkomst 1" and session.capacity == 12
    assert timezone.localtime(session.starts_at).hour == 19
    assert (timezone.localdate(session.starts_at) - timezone.localdate()).days == 10
    assert session.starts_at - session.registration_deadline == datetime.timedelta(days=3)
    module = ModulePage.objects.child_of(course).get()
    assert not module.live and module.workflow_in_progress and module.estimated_minutes == 40
    blocks = {block.block_type: block.value for block in module.lessons[0].value["content"]}
    assert blocks["rich_text"].source == "<p>De <strong>kadernota</strong>.</p>"
    assert blocks["document"]["document"].title == "Werkblad"
    assert blocks["knowledge_check"]["title"] == "Kennischeck"
    assert module.knowledge_check_questions()[0]["correct_option"] == 2


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"sessions": [{"starts_at": "morgen", "ends_at": "+1d 22:00", "capacity": 5, "location": "x"}]}, "sessions[1].starts_at"),
        ({"sessions": [{"starts_at": "+2d 19:00", "ends_at": "+2d 18:00", "capacity": 5, "online_url": "https://meet.example.org"}]},
         "sessions[1].ends_at"),
        ({"sessions": [{"starts_at": "+2d 19:00", "ends_at": "+2d 22:00", "capacity": 5}]}, "sessions[1].location"),
        ({"modules": [{"title": "Leeg", "lessons": []}]}, "modules[1].lessons"),
        ({"modules": [{"title": "M", "lessons": [{"title": "L", "content": [{"type": "quiz", "value": {}}]}]}]},
         "modules[1].lessons[1].content[1].type"),
        ({"modules": [{"title": "M", "lessons": [{"title": "L", "content": [{"type": "knowledge_check", "value": {"questions": [
            {"question": "V", "options": ["a", "b"], "correct_option": 3, "feedback": "f"}]}}]}]}]},
         "modules[1].lessons[1].content[1].questions[1].correct_option"),
        ({"modules": [{"title": "M", "lessons": [{"title": "L", "content": [
            {"type": "document", "value": {"file": "../buiten.txt"}}]}]}]}, "modules[1].lessons[1].content[1].file"),
        ({"modules": [{"title": "M", "lessons": [{"title": "L", "content": [
            {"type": "document", "value": {"file": "programma.exe"}}]}]}]}, "modules[1].lessons[1].content[1].file"),
    ],
)
def test_a_bad_session_or_lesson_is_reported_where_it_is(tmp_path, provider, workflow, change, where):
    folder = tmp_path / "import"
    folder.mkdir()
    (tmp_path / "buiten.txt").write_text("buiten de map\n", encoding="utf-8")
    (folder / "programma.exe").write_bytes(b"MZ\x90\x00")
    with pytest.raises(CommandError) as error:
        call_command("import_courses", provider.slug, str(write_json(folder, [GOOD[1], with_modules(**change)])))
    assert f"Rij 2, veld {where}:" in str(error.value)
    assert "Rij 1" not in str(error.value)
    assert not CoursePage.objects.filter(provider=provider).exists()
