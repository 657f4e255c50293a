"""Progress through the modules, the completion rule and the certificate.

The member's steps (`progress_open`, `knowledge_check_submit`, `module_complete`) are
top-level services (`@durable`, called by the module views). Completing the course
(`enrolment_try_complete`) is a transition in the kernel's skeleton that those services
and attendance registration call inside their own transaction, so a module or an
attendance and the completion it brings are one change; it issues the certificate
(`certificate_issue`, a create, also used by the demo content).
"""


import calendar
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CompletionRule
from glashelder.kernel.transitions import durable, transition

from .. import signals, tasks
from ..models import (
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ModuleProgress,
)
from ..selectors import course_modules
from .common import (
    EnrolmentError,
    _enqueue_mail,
    _send_signal,
)

# --- progress and completion -------------------------------------------------


class ProgressError(EnrolmentError):
    pass


def _ensure_can_study(enrolment):
    if enrolment.status not in (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED):
        raise ProgressError(_("U kunt de modules volgen zodra uw inschrijving actief is."))


@durable
def progress_open(*, enrolment, module, lesson=None):
    """Open a module (or a lesson of it): remember where the member is, to resume later."""
    _ensure_can_study(enrolment)
    progress, _created = ModuleProgress.objects.select_for_update().get_or_create(enrolment=enrolment, module=module)
    if lesson is not None and progress.last_lesson != lesson:
        progress.last_lesson = lesson
        progress.save(update_fields=["last_lesson"])
    if enrolment.last_module_id != module.pk:
        Enrolment.objects.filter(pk=enrolment.pk).update(last_module=module)
        enrolment.last_module = module
    return progress


def check_passed(progress, module, course):
    """Whether the module's knowledge check counts as passed (a module without questions always does)."""
    if not module.knowledge_check_questions():
        return True
    return progress.check_score is not None and progress.check_score >= course.pass_mark_percent


@durable
def knowledge_check_submit(*, enrolment, module, answers):
    """Score a knowledge check attempt.

    `answers` is a list with the chosen option number (1-based) per question,
    None when unanswered. The best score of all attempts is kept; every attempt
    counts. Returns (progress, results) where results is a list of dicts with
    `correct` and, for a wrong answer, the question's `feedback`.
    """
    _ensure_can_study(enrolment)
    questions = module.knowledge_check_questions()
    if not questions:
        raise ProgressError(_("Deze module heeft geen kennischeck."))
    results = []
    correct = 0
    for index, question in enumerate(questions):
        chosen = answers[index] if index < len(answers) else None
        ok = chosen == question["correct_option"]
        correct += ok
        results.append({"question": question["question"], "correct": ok, "chosen": chosen,
                        "feedback": "" if ok else question["feedback"]})
    score = round(100 * correct / len(questions))
    progress, _created = ModuleProgress.objects.select_for_update().get_or_create(enrolment=enrolment, module=module)
    progress.check_attempts += 1
    progress.check_score = max(score, progress.check_score or 0)
    progress.save(update_fields=["check_attempts", "check_score"])
    return progress, results, score


@durable
def module_complete(*, enrolment, module):
    """Mark a module done; completes the course when the completion rule is met (same transaction)."""
    with transition(Enrolment.objects, enrolment.pk, select_related=("course",)) as step:
        enrolment = step.obj
        _ensure_can_study(enrolment)
        course = enrolment.course
        progress, _created = ModuleProgress.objects.select_for_update().get_or_create(enrolment=enrolment, module=module)
        if course.completion_rule == CompletionRule.MODULES_AND_CHECKS and not check_passed(progress, module, course):
            raise ProgressError(
                _("Haal eerst de kennischeck met minimaal %(mark)s%% goede antwoorden.") % {"mark": course.pass_mark_percent}
            )
        if progress.completed_at is None:
            progress.completed_at = timezone.now()
            progress.save(update_fields=["completed_at"])
        enrolment_try_complete(enrolment=enrolment)
    return progress


def completion_missing(enrolment):
    """What is still missing before the course counts as completed (a list of Dutch sentences)."""
    course = enrolment.course
    modules = list(course_modules(course))
    done = {p.module_id: p for p in enrolment.progress.all()}
    missing = []
    open_modules = [m for m in modules if m.pk not in done or done[m.pk].completed_at is None]
    if open_modules:
        missing.append(_("Nog %(count)s module(s) af te ronden.") % {"count": len(open_modules)})
    if course.completion_rule == CompletionRule.MODULES_AND_CHECKS:
        failed = [m for m in modules if m.pk in done and not check_passed(done[m.pk], m, course)]
        if failed:
            missing.append(_("Nog %(count)s kennischeck(s) te halen.") % {"count": len(failed)})
    if course.needs_attendance and not enrolment.attended:
        missing.append(_("De aanbieder moet uw aanwezigheid bij de bijeenkomst nog registreren."))
    return missing


def enrolment_try_complete(*, enrolment):
    """Complete the enrolment when the course's rule is met; issue the certificate. Idempotent.

    A transition in the kernel's skeleton, called inside the caller's transaction (a
    module completed, attendance registered); returns the certificate, or None when the
    enrolment is not active or something is still missing.
    """
    with transition(Enrolment.objects, enrolment.pk, select_related=("course", "person")) as step:
        enrolment = step.obj
        if enrolment.status != EnrolmentStatus.ACTIVE or completion_missing(enrolment):
            return None
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = timezone.now()
        step.save("status", "completed_at")
        certificate = certificate_issue(enrolment=enrolment)
        step.audit("enrolment_completed", target=f"enrolment:{enrolment.pk}")
        _send_signal(signals.enrolment_completed, enrolment=enrolment)
        _enqueue_mail("completed", enrolment.pk)
    return certificate


def _add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def certificate_issue(*, enrolment):
    """The certificate with a snapshot of exactly the facts printed on it (created once; a
    second call returns the first). Called inside the completion transition."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    course = enrolment.course
    completed_on = timezone.localdate(enrolment.completed_at)
    valid_until = None
    if course.certificate_validity_months:
        valid_until = _add_months(completed_on, course.certificate_validity_months)
    return Certificate.objects.create(
        enrolment=enrolment,
        holder_name=enrolment.person.display_name,
        course_title=course.title,
        provider_name=course.provider.name,
        study_load_hours=course.study_load_hours,
        instruments=", ".join(course.instruments.order_by("sort_order", "name").values_list("name", flat=True)),
        completed_on=completed_on,
        valid_until=valid_until,
    )




def certificate_reminders_send(*, days=60, today=None):
    """Remind holders whose certificate expires within `days` days, once per certificate.

    Claimed row by row (reminder time set first, in its own transaction), so a second or a
    concurrent run sends nothing twice. Returns the number sent.
    """
    today = today or timezone.localdate()
    due = Certificate.objects.filter(
        valid_until__isnull=False, valid_until__gte=today, valid_until__lte=today + datetime.timedelta(days=days),
        reminder_sent_at__isnull=True, enrolment__person__isnull=False,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Certificate.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(reminder_sent_at=timezone.now())
            if claimed:
                transaction.on_commit(lambda pk=pk: tasks.send_certificate_reminder.enqueue(certificate_id=pk))
                sent += 1
    return sent
