"""Progress through modules, knowledge checks, completion rules and attendance."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import CompletionRule
from enrolment import selectors, services
from enrolment.models import Certificate, EnrolmentStatus, ModuleProgress, OutboxEventKind
from tests.enrolment.builders import committed, free_course, live_course, member, paid_course, provider_editor
from tests.enrolment.outbox import Recorder, registered
from tests.factories import make_module

pytestmark = pytest.mark.django_db

WRONG = {"check-q0": "1", "check-q1": "2"}  # both wrong
HALF = {"check-q0": "2", "check-q1": "2"}   # 50 %
RIGHT = {"check-q0": "2", "check-q1": "1"}  # 100 %


@pytest.fixture
def studying(client):
    person, office = member()
    course = paid_course(price="0", completion_rule=CompletionRule.MODULES_AND_CHECKS, pass_mark_percent=70)
    enrolment = services.enrolment_create(person=person, office=office, course=course)
    client.force_login(person)
    modules = list(selectors.course_modules(course))
    return enrolment, modules


def module_url(enrolment, module, suffix=""):
    return f"/mijn/cursussen/{enrolment.pk}/modules/{module.pk}/{suffix}"


def test_module_page_shows_lesson_and_remembers_it(client, studying):
    enrolment, modules = studying
    response = client.get(module_url(enrolment, modules[0]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Les 1" in html and "Lesstof." in html and html.count("<h1") == 1
    progress = ModuleProgress.objects.get(enrolment=enrolment, module=modules[0])
    assert progress.last_lesson == 0
    enrolment.refresh_from_db()
    assert enrolment.last_module_id == modules[0].pk
    # the course page links to resume there
    detail = client.get(f"/mijn/cursussen/{enrolment.pk}/").content.decode()
    assert "Verder waar u was" in detail and module_url(enrolment, modules[0]) in detail


def test_wrong_answer_shows_feedback_and_retry_is_allowed(client, studying):
    enrolment, modules = studying
    html = client.post(module_url(enrolment, modules[0]), WRONG).content.decode()
    assert "Uw score: 0%" in html
    assert "De raad stelt de begroting vast (budgetrecht)." in html
    html = client.post(module_url(enrolment, modules[0]), HALF).content.decode()
    assert "Uw score: 50%" in html and "Een amendement wijzigt een voorstel." in html
    assert "De raad stelt de begroting vast (budgetrecht)." not in html
    html = client.post(module_url(enrolment, modules[0]), RIGHT).content.decode()
    assert "Uw score: 100%" in html
    progress = ModuleProgress.objects.get(enrolment=enrolment, module=modules[0])
    assert progress.check_attempts == 3 and progress.check_score == 100


def test_unanswered_question_shows_a_dutch_error(client, studying):
    enrolment, modules = studying
    html = client.post(module_url(enrolment, modules[0]), {"check-q0": "2"}).content.decode()
    assert "Kies een antwoord." in html
    assert ModuleProgress.objects.get(enrolment=enrolment, module=modules[0]).check_attempts == 0


def test_check_must_be_passed_before_module_done_when_rule_says_so(client, studying):
    enrolment, modules = studying
    client.post(module_url(enrolment, modules[0]), HALF)
    response = client.post(module_url(enrolment, modules[0], "afronden/"), follow=True)
    assert "Haal eerst de kennischeck" in response.content.decode()
    assert ModuleProgress.objects.get(enrolment=enrolment, module=modules[0]).completed_at is None
    client.post(module_url(enrolment, modules[0]), RIGHT)
    response = client.post(module_url(enrolment, modules[0], "afronden/"))
    assert response.status_code == 302 and response["Location"] == module_url(enrolment, modules[1])
    assert ModuleProgress.objects.get(enrolment=enrolment, module=modules[0]).completed_at is not None


def test_completing_all_modules_completes_course_with_certificate(client, studying):
    enrolment, modules = studying
    with registered(OutboxEventKind.ENROLMENT_COMPLETED, "test.completed", Recorder()) as received:
        for module in modules:
            client.post(module_url(enrolment, module), RIGHT)
            with committed():
                client.post(module_url(enrolment, module, "afronden/"))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED and enrolment.completed_at
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.holder_name == enrolment.person.display_name
    assert certificate.course_title == enrolment.course.title
    assert received.calls == [(OutboxEventKind.ENROLMENT_COMPLETED, enrolment.pk, None)]
    message = next(m for m in mail.outbox if "afgerond" in m.subject)
    assert message.attachments[0][0] == f"certificaat-{certificate.code}.pdf"
    assert message.attachments[0][1][:4] == b"%PDF"


def test_modules_rule_ignores_the_check_score(client):
    person, office = member()
    course = paid_course(price="0", modules=1, completion_rule=CompletionRule.MODULES)
    enrolment = services.enrolment_create(person=person, office=office, course=course)
    (module,) = selectors.course_modules(course)
    services.module_complete(enrolment=enrolment, module=module.specific)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_new_module_after_completion_keeps_course_open_until_done():
    person, office = member()
    course = free_course(modules=1)
    enrolment = services.enrolment_create(person=person, office=office, course=course)
    make_module(course, title="Extra module")
    first = selectors.course_modules(course).first().specific
    services.module_complete(enrolment=enrolment, module=first)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert services.completion_missing(enrolment) == ["Nog 1 module(s) af te ronden."]


def test_live_course_needs_attendance_registered_by_provider(client):
    course, session = live_course(capacity=5)
    person, office = member()
    enrolment = services.enrolment_create(person=person, office=office, course=course, session=session)
    (module,) = selectors.course_modules(course)
    services.module_complete(enrolment=enrolment, module=module.specific)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert any("aanwezigheid" in m for m in services.completion_missing(enrolment))
    editor = provider_editor(course.provider)
    # attendance is registered once the session has started
    with pytest.raises(services.EnrolmentError):
        services.attendance_register(session=session, by=editor, attended={enrolment.pk: True})
    session.starts_at = timezone.now() - datetime.timedelta(hours=1)
    session.ends_at = timezone.now() + datetime.timedelta(hours=1)
    session.save()
    client.force_login(editor)
    response = client.post(f"/aanbieder/bijeenkomsten/{session.pk}/", {f"e{enrolment.pk}": "on"})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.attended is True and enrolment.attendance_registered_by == editor
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_modules_of_an_inactive_enrolment_are_closed(client):
    person, office = member()
    course = paid_course()
    enrolment = services.enrolment_create(person=person, office=office, course=course)
    client.force_login(person)
    module = selectors.course_modules(course).first()
    assert client.get(module_url(enrolment, module)).status_code == 404
    with pytest.raises(services.ProgressError):
        services.module_complete(enrolment=enrolment, module=module.specific)


def test_dashboard_progress_bar(client, studying):
    enrolment, modules = studying
    client.post(module_url(enrolment, modules[0]), RIGHT)
    client.post(module_url(enrolment, modules[0], "afronden/"))
    html = client.get("/mijn/").content.decode()
    assert f'<progress class="gh-progress" id="progress-{enrolment.pk}" max="2" value="1">' in html
    assert "1 van 2 modules afgerond" in html
