"""Hook registrations of the enrolment app (see README, "Extension points")."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.models import TAKEN_PLACES_HOOK
from courses.selectors import provider_ids
from glashelder.offices.models import Office, OfficeStatus

from . import selectors, services
from .forms import EnrolForm
from .models import Enrolment, EnrolmentStatus


@hooks.register(TAKEN_PLACES_HOOK)
def session_taken_places():
    """The catalogue's free places, counted by enrolment's one held-place rule."""
    return selectors.taken_places_expression()


@hooks.register("glashelder_course_page_panels")
def enrol_panel(request, course):
    """The enrol box on the course page: log in, choose office and session, or the current status."""
    context = {"course": course, "user_authenticated": request.user.is_authenticated}
    if not request.user.is_authenticated:
        next_qs = urlencode({"next": course.url or "/"})
        context.update(login_url=f"{reverse('account_login')}?{next_qs}", signup_url=f"{reverse('account_signup')}?{next_qs}")
        return {"template": "enrolment/panels/enrol_box.html", "context": context, "order": 10}
    enrolment = (
        Enrolment.objects.filter(person=request.user, course=course).exclude(status=EnrolmentStatus.CANCELLED).first()
    )
    context["enrolment"] = enrolment
    if enrolment is None:
        today = timezone.localdate()
        offices = [
            o for o in Office.objects.filter(person=request.user).exclude(status=OfficeStatus.DECLINED).select_related("authority")
            if o.held_on(today)
        ]
        sessions = [s for s in course.upcoming_sessions() if s.registration_open()] if course.needs_attendance else []
        taken = selectors.taken_places_by_session(sessions)
        form = EnrolForm(person=request.user, course=course, sessions=sessions, taken=taken, auto_id="enrol_%s")
        context.update(offices=offices, sessions=sessions, form=form)
    return {"template": "enrolment/panels/enrol_box.html", "context": context, "order": 10}


@hooks.register("glashelder_course_member")
def enrolled_member(user, course):
    """The members-only part of a paid course (modules beyond the preview, its documents)
    is open to a person with an active or completed enrolment in it."""
    return Enrolment.objects.filter(
        person=user, course=course, status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
    ).exists()


class ProviderEnrolmentsMenuItem(MenuItem):
    """A link in the Wagtail admin to the provider's enrolment, attendance and payment pages."""

    def is_shown(self, request):
        return request.user.is_superuser or bool(provider_ids(request.user))


@hooks.register("register_admin_menu_item")
def provider_enrolments_menu_item():
    return ProviderEnrolmentsMenuItem(
        _("Inschrijvingen en aanwezigheid"), "/aanbieder/inschrijvingen/", name="provider-enrolments", icon_name="group", order=250
    )


def _money(value):
    return f"{value:.2f}"


@hooks.register("glashelder_personal_data_export")
def export_personal_data(user):
    """The member's enrolments with progress, scores, certificate and payments, as plain JSON data."""
    enrolments = (
        Enrolment.objects.filter(person=user)
        .select_related("course", "session", "office__authority", "certificate")
        .prefetch_related("progress__module", "payments")
        .order_by("created_at")
    )
    rows = []
    for e in enrolments:
        certificate = getattr(e, "certificate", None)
        rows.append({
            "cursus": e.course.title,
            "ambt": str(e.office) if e.office else None,
            "bijeenkomst": e.session.starts_at.isoformat() if e.session else None,
            "status": e.status,
            "ingeschreven_op": e.created_at.isoformat(),
            "actief_sinds": e.activated_at.isoformat() if e.activated_at else None,
            "afgerond_op": e.completed_at.isoformat() if e.completed_at else None,
            "geannuleerd_op": e.cancelled_at.isoformat() if e.cancelled_at else None,
            "aanwezig": e.attended,
            "voortgang": [
                {"module": p.module.title, "laatste_les": p.last_lesson, "score_kennischeck": p.check_score,
                 "pogingen": p.check_attempts, "afgerond_op": p.completed_at.isoformat() if p.completed_at else None}
                for p in e.progress.all()
            ],
            "certificaat": None if certificate is None else {
                "code": certificate.code, "naam": certificate.holder_name, "cursus": certificate.course_title,
                "aanbieder": certificate.provider_name, "studiebelasting_uren": str(certificate.study_load_hours),
                "instrumenten": certificate.instruments, "afgerond_op": certificate.completed_on.isoformat(),
                "geldig_tot": certificate.valid_until.isoformat() if certificate.valid_until else None,
            },
            "betalingen": [
                {"bedrag": _money(p.amount), "terugbetaald": _money(p.amount_refunded), "valuta": p.currency,
                 "wijze": p.method, "status": p.status, "aangemaakt_op": p.created_at.isoformat(),
                 "betaald_op": p.paid_at.isoformat() if p.paid_at else None, "betaalbewijs": p.receipt_url}
                for p in e.payments.all()
            ],
        })
    return {"inschrijvingen": rows}


@hooks.register("glashelder_personal_data_erase")
def erase_personal_data(user):
    """Runs inside the account deletion's transaction; the enrolment service does the work
    (`services.enrolments_erase_personal_data`, whose docstring states the rule):

    - open enrolments are cancelled through the cancellation transition with the reason
      "account verwijderd": a freed session place goes to the waiting list, the refund
      follows the normal cancellation rule, the audit log keeps the reason;
    - progress (lessons, knowledge-check scores) is deleted;
    - certificates are deleted: they only prove this person's completion, and a
      verification page must not show the name of someone who asked to be forgotten;
    - enrolments are kept without the person and office (anonymised), because their
      payments belong to the financial records (the amounts, Stripe ids and receipt
      stay, with no name attached).
    """
    services.enrolments_erase_personal_data(person=user)
