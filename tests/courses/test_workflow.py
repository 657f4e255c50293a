"""The onpartijdigheidstoets: submit, approve (publishes and records who, when,
which revision), reject with a comment, resubmit; the live version stays the
approved one while a change is in review; e-mails to editors and redactie."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page

from courses import services
from courses.choices import ReviewStatus
from courses.models import CoursePage, ModulePage
from courses.services import ReviewError
from tests.factories import make_course

pytestmark = pytest.mark.django_db


def draft_course(provider, **fields):
    return make_course(provider=provider, title=fields.pop("title", "Cursus moties"), publish=False, approved=False, **fields)


def test_workflow_is_attached_to_the_course_index(workflow):
    from courses.models import CourseIndexPage

    assert CourseIndexPage.objects.get().get_workflow() == workflow
    assert services.review_workflow_ensure() == workflow  # idempotent


def test_submit_then_approve_publishes_and_records(provider, editor, redactie, django_capture_on_commit_callbacks):
    course = draft_course(provider)
    assert not CoursePage.objects.public_approved().filter(pk=course.pk).exists()

    services.page_submit_for_review(page=course, user=editor)
    course.refresh_from_db()
    assert course.review_status == ReviewStatus.IN_REVIEW
    assert not course.live

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        course = services.page_review_decide(page=course, user=redactie, approve=True)
    assert course.live
    assert course.review_status == ReviewStatus.APPROVED
    assert course.approved_by == redactie
    assert course.approved_at is not None
    assert course.approved_revision_id == course.live_revision_id
    assert course.is_reimbursable
    assert CoursePage.objects.public_approved().filter(pk=course.pk).exists()
    outcome = [m for m in mail.outbox if "Goedgekeurd" in m.subject]
    assert len(outcome) == 1
    assert {editor.email, redactie.email} <= set(outcome[0].bcc)
    assert outcome[0].alternatives and "text/html" == outcome[0].alternatives[0][1]


def test_reject_needs_a_comment_and_records_it(provider, editor, redactie, django_capture_on_commit_callbacks):
    course = draft_course(provider)
    services.page_submit_for_review(page=course, user=editor)
    with pytest.raises(ReviewError):
        services.page_review_decide(page=course, user=redactie, approve=False, comment="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        course = services.page_review_decide(
            page=course, user=redactie, approve=False, comment="Te veel partijstandpunten in module 2."
        )
    assert not course.live
    assert course.review_status == ReviewStatus.REJECTED
    assert course.review_comment == "Te veel partijstandpunten in module 2."
    assert course.approved_revision_id is None
    rejected = [m for m in mail.outbox if "Afgewezen" in m.subject]
    assert len(rejected) == 1
    assert "Te veel partijstandpunten" in rejected[0].body
    assert editor.email in rejected[0].bcc


def test_resubmit_after_rejection_and_approve(provider, editor, redactie):
    course = draft_course(provider)
    services.page_submit_for_review(page=course, user=editor)
    services.page_review_decide(page=course, user=redactie, approve=False, comment="Maak de samenvatting neutraler.")
    course = CoursePage.objects.get(pk=course.pk)
    course.summary = "Een neutrale samenvatting."
    services.page_submit_for_review(page=course, user=editor)
    assert CoursePage.objects.get(pk=course.pk).review_status == ReviewStatus.IN_REVIEW
    course = services.page_review_decide(page=course, user=redactie, approve=True)
    assert course.live and course.summary == "Een neutrale samenvatting."
    assert course.review_status == ReviewStatus.APPROVED


def test_change_to_approved_course_stays_unpublished_until_approved(provider, editor, redactie, client):
    course = draft_course(provider, title="Begroting lezen")
    services.page_submit_for_review(page=course, user=editor)
    course = services.page_review_decide(page=course, user=redactie, approve=True)
    approved_revision = course.approved_revision_id

    change = course.get_latest_revision_as_object()
    change.summary = "Stem op partij X!"
    services.page_submit_for_review(page=change, user=editor)

    course = CoursePage.objects.get(pk=course.pk)
    assert course.review_status == ReviewStatus.IN_REVIEW
    assert course.summary != "Stem op partij X!"  # live version unchanged
    assert course.approved_revision_id == approved_revision
    assert course.is_reimbursable  # the live, approved version still counts
    response = client.get(course.url)
    assert response.status_code == 200
    assert "Stem op partij X!" not in response.content.decode()

    course = services.page_review_decide(page=course, user=redactie, approve=False, comment="Partijpolitiek.")
    assert course.summary != "Stem op partij X!"
    assert course.live and course.approved_revision_id == approved_revision


def test_direct_publish_outside_the_review_is_never_public(provider, client):
    # Published without review (e.g. by code): live, but not the approved version.
    course = make_course(provider=provider, title="Ongetoetst", publish=True, approved=False)
    assert course.live and not course.is_reimbursable
    assert client.get(course.url).status_code == 404
    assert not CoursePage.objects.public_approved().filter(pk=course.pk).exists()


def test_only_redactie_can_decide(provider, editor, other_editor, redactie):
    course = draft_course(provider)
    services.page_submit_for_review(page=course, user=editor)
    for user in (editor, other_editor):
        with pytest.raises(ReviewError):
            services.page_review_decide(page=course, user=user, approve=True)
    assert not CoursePage.objects.get(pk=course.pk).live


def test_modules_go_through_the_same_review(provider, editor, redactie):
    course = draft_course(provider)
    services.page_submit_for_review(page=course, user=editor)
    services.page_review_decide(page=course, user=redactie, approve=True)
    module = ModulePage(title="Module 1", intro="Intro", estimated_minutes=20, lessons=[], live=False)
    Page.objects.get(pk=course.pk).add_child(instance=module)
    services.page_submit_for_review(page=module, user=editor)
    assert not ModulePage.objects.get(pk=module.pk).live
    services.page_review_decide(page=module, user=redactie, approve=True)
    assert ModulePage.objects.get(pk=module.pk).live


def test_admin_workflow_action_approve_and_reject(provider, editor, redactie, client):
    course = draft_course(provider)
    services.page_submit_for_review(page=course, user=editor)
    task_state = CoursePage.objects.get(pk=course.pk).current_workflow_task_state
    client.force_login(redactie)
    url = reverse("wagtailadmin_pages:workflow_action", args=[course.pk, "reject", task_state.pk])
    # Rejecting without a comment is refused by the form.
    response = client.post(url, {"comment": ""})
    assert CoursePage.objects.get(pk=course.pk).review_status == ReviewStatus.IN_REVIEW
    response = client.post(url, {"comment": "Graag bronnen toevoegen."})
    assert response.status_code in (200, 302)
    course = CoursePage.objects.get(pk=course.pk)
    assert course.review_status == ReviewStatus.REJECTED
    assert course.review_comment == "Graag bronnen toevoegen."

    # The provider sees the outcome and the comment in the editor.
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert edit.status_code == 200
    assert "Graag bronnen toevoegen." in edit.content.decode()

    services.page_submit_for_review(page=course, user=editor)
    task_state = CoursePage.objects.get(pk=course.pk).current_workflow_task_state
    client.force_login(redactie)
    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=[course.pk, "approve", task_state.pk]))
    assert response.status_code in (200, 302)
    course = CoursePage.objects.get(pk=course.pk)
    assert course.live and course.review_status == ReviewStatus.APPROVED and course.approved_by == redactie
