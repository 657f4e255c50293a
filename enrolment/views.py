"""Views of the enrolment app: the member's dashboard and courses, payments,
certificates, the Stripe webhook and the provider's enrolment pages.

Views stay thin: every queryset is limited to the requesting user first (no
access means 404), and every change goes through a function in services.py.
"""

import logging

import stripe
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from courses.choices import ReviewStatus
from courses.models import CoursePage, Instrument, Session
from courses.models import Provider as CourseProvider
from courses.selectors import provider_ids
from glashelder.kernel.choices import AuthorityKind, Level
from glashelder.offices.models import Office

from . import selectors, services
from .certificates import certificate_filename, certificate_pdf, verification_url
from .forms import AttendanceForm, EnrolForm, KnowledgeCheckForm
from .models import Certificate, Enrolment, EnrolmentStatus, Payment, PaymentMethod, PaymentStatus
from .payments import webhook as stripe_webhook_handling

logger = logging.getLogger(__name__)


# --- the member's side -----------------------------------------------------------


def my_enrolments(request):
    return Enrolment.objects.filter(person=request.user)


# The suggested first courses per role, as instrument name fragments in order
# (built from the instrument taxonomy; see enrolment/README in the report).
ONBOARDING_PATHS = {
    "raadslid": ["begroting", "budgetrecht", "vragen", "motie", "amendement", "rekenkamer", "enquête", "onderzoek"],
    "commissielid": ["begroting", "budgetrecht", "vragen", "motie", "amendement", "rekenkamer"],
    "statenlid": ["begroting", "budgetrecht", "vragen", "motie", "amendement", "rekenkamer", "enquête", "onderzoek"],
    "wethouder": ["informatieplicht", "verantwoording", "begroting", "interpellatie", "vragen", "rekenkamer"],
    "gedeputeerde": ["informatieplicht", "verantwoording", "begroting", "interpellatie", "vragen", "rekenkamer"],
    "burgemeester": ["informatieplicht", "verantwoording", "enquête", "onderzoek"],
    "cdk": ["informatieplicht", "verantwoording", "enquête", "onderzoek"],
}


def onboarding_path(office, enrolled_course_ids):
    """Up to five courses for the office's role, one per essential instrument, not yet taken.

    A fixed number of queries whatever the catalogue's size.
    """
    if office is None:
        return []
    fragments = ONBOARDING_PATHS.get(office.role, ONBOARDING_PATHS["raadslid"])
    regex = "|".join(fragments)
    instruments = list(Instrument.objects.filter(name__iregex=regex).order_by("sort_order", "name"))
    if not instruments:
        return []

    def rank(instrument):
        name = instrument.name.lower()
        return next((i for i, f in enumerate(fragments) if f in name), len(fragments))

    instruments.sort(key=lambda i: (rank(i), i.sort_order, i.name))
    level = Level.GEMEENTE if office.authority.kind == AuthorityKind.GEMEENTE else Level.PROVINCIE
    courses = (
        CoursePage.objects.live().public().filter(review_status=ReviewStatus.APPROVED, instruments__in=instruments)
        .filter(Q(level=level) | Q(level=Level.BEIDE))
        .filter(**CoursePage._meta.get_field("audience_roles").lookup_for("audience_roles", office.role))
        .exclude(pk__in=enrolled_course_ids)
        .select_related("provider").prefetch_related("instruments").distinct().order_by("title")
    )
    by_instrument = {}
    for course in courses:
        for instrument in course.instruments.all():
            by_instrument.setdefault(instrument.pk, course)
    path, seen = [], set()
    for instrument in instruments:
        course = by_instrument.get(instrument.pk)
        if course is not None and course.pk not in seen:
            seen.add(course.pk)
            path.append({"instrument": instrument, "course": course})
        if len(path) == 5:
            break
    return path


def dashboard_panels(request):
    panels = []
    for fn in hooks.get_hooks("glashelder_dashboard_panels"):
        panel = fn(request)
        if panel:
            panels.append(panel)
    panels.sort(key=lambda p: p.get("order", 100))
    return [(p.get("order", 100), mark_safe(render_to_string(p["template"], p.get("context", {}), request=request))) for p in panels]


# Panels ordered below this (the member's offices) come before the courses; the rest (claims) after them.
TOP_PANEL_ORDER = 20


@login_required
def dashboard(request):
    enrolments = list(selectors.enrolments_for_dashboard(request.user))
    counts = selectors.module_counts({e.course_id: e.course for e in enrolments}.values())
    for enrolment in enrolments:
        enrolment.modules_total = counts.get(enrolment.course_id, 0)
    open_payments = {
        p.enrolment_id: p
        for p in Payment.objects.filter(enrolment__person=request.user, status=PaymentStatus.OPEN)
    }
    for enrolment in enrolments:
        enrolment.open_payment = open_payments.get(enrolment.pk)
    today_offices = [o for o in Office.objects.filter(person=request.user).select_related("authority").order_by("-start_date")]
    current = next((o for o in today_offices if o.is_verified), today_offices[0] if today_offices else None)
    context = {
        "active": [e for e in enrolments if e.status == EnrolmentStatus.ACTIVE],
        "requested": [e for e in enrolments if e.status == EnrolmentStatus.REQUESTED],
        "waitlisted": [e for e in enrolments if e.status == EnrolmentStatus.WAITLISTED],
        "completed": [e for e in enrolments if e.status == EnrolmentStatus.COMPLETED],
        "onboarding": onboarding_path(current, [e.course_id for e in enrolments if e.status != EnrolmentStatus.CANCELLED]),
        "onboarding_office": current,
        "is_provider": request.user.is_superuser or bool(provider_ids(request.user)),
    }
    panels = dashboard_panels(request)
    context["panels_top"] = [html for order, html in panels if order < TOP_PANEL_ORDER]
    context["panels_bottom"] = [html for order, html in panels if order >= TOP_PANEL_ORDER]
    return render(request, "enrolment/dashboard.html", context)


@login_required
@require_POST
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live().public().select_related("provider"), pk=course_id)
    sessions = list(course.upcoming_sessions()) if course.needs_attendance else []
    taken = selectors.taken_places_by_session(sessions)
    form = EnrolForm(request.POST, person=request.user, course=course, sessions=sessions, taken=taken)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(course.url)
    office, session = form.cleaned_data["office"], form.cleaned_data.get("session")
    try:
        enrolment = services.enrolment_create(
            person=request.user, office=office, course=course, session=session, waitlist=form.cleaned_data["waitlist"]
        )
    except services.SessionFullError as exc:
        return render(request, "enrolment/waitlist_offer.html", {"course": course, "office": office, "session": session, "message": exc.message})
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
        return redirect(course.url)
    if enrolment.status == EnrolmentStatus.WAITLISTED:
        messages.success(request, _("U staat op de wachtlijst. Komt er een plaats vrij, dan krijgt u bericht."))
        return redirect("enrolment:dashboard")
    if enrolment.status == EnrolmentStatus.REQUESTED:
        return redirect("enrolment:enrolment_pay", enrolment.pk)
    messages.success(request, _("U bent ingeschreven. Veel succes!"))
    return redirect("enrolment:enrolment_detail", enrolment.pk)


def _modules_with_progress(enrolment):
    modules = list(selectors.course_modules(enrolment.course))
    progress = {p.module_id: p for p in enrolment.progress.all()}
    rows = []
    for module in modules:
        p = progress.get(module.pk)
        rows.append({"module": module, "progress": p, "done": bool(p and p.completed_at)})
    return rows


@login_required
def enrolment_detail(request, enrolment_id):
    enrolment = get_object_or_404(
        my_enrolments(request).select_related("course__provider", "session", "office__authority"), pk=enrolment_id
    )
    rows = _modules_with_progress(enrolment)
    done = sum(1 for r in rows if r["done"])
    resume = next((r["module"] for r in rows if not r["done"]), None)
    if enrolment.last_module_id and any(r["module"].pk == enrolment.last_module_id and not r["done"] for r in rows):
        resume = next(r["module"] for r in rows if r["module"].pk == enrolment.last_module_id)
    context = {
        "enrolment": enrolment,
        "course": enrolment.course,
        "rows": rows,
        "done": done,
        "total": len(rows),
        "resume": resume,
        "missing": services.completion_missing(enrolment) if enrolment.status == EnrolmentStatus.ACTIVE else [],
        "payments": list(enrolment.payments.all()),
        "certificate": Certificate.objects.filter(enrolment=enrolment).first(),
        "can_cancel": services.cancellation_refusal(enrolment) is None,
    }
    return render(request, "enrolment/enrolment_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_cancel(request, enrolment_id):
    enrolment = get_object_or_404(my_enrolments(request).select_related("course", "session"), pk=enrolment_id)
    refusal = services.cancellation_refusal(enrolment)
    if request.method == "POST" and refusal is None:
        try:
            services.enrolment_cancel(enrolment=enrolment, by=request.user)
        except services.EnrolmentError as exc:
            messages.error(request, exc.message)
            return redirect("enrolment:enrolment_detail", enrolment.pk)
        messages.success(request, _("Uw inschrijving is geannuleerd."))
        return redirect("enrolment:dashboard")
    paid = enrolment.payments.filter(status=PaymentStatus.PAID).first()
    return render(request, "enrolment/cancel_confirm.html", {"enrolment": enrolment, "refusal": refusal, "paid": paid})


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_pay(request, enrolment_id):
    enrolment = get_object_or_404(my_enrolments(request).select_related("course__provider", "session"), pk=enrolment_id)
    if enrolment.status != EnrolmentStatus.REQUESTED or enrolment.course.is_free:
        return redirect("enrolment:enrolment_detail", enrolment.pk)
    if request.method == "POST":
        try:
            payment = services.payment_open(enrolment=enrolment)
            start = services.payment_start(
                payment=payment,
                request=request,
                success_url=request.build_absolute_uri(reverse("enrolment:payment_return", args=[payment.pk])),
                cancel_url=request.build_absolute_uri(reverse("enrolment:enrolment_pay", args=[enrolment.pk])),
            )
        except services.EnrolmentError as exc:
            messages.error(request, exc.message)
            return redirect("enrolment:enrolment_detail", enrolment.pk)
        except stripe.StripeError:
            logger.exception("Stripe Checkout could not be started for enrolment %s", enrolment.pk)
            messages.error(request, _("Betalen is op dit moment niet mogelijk. Probeer het later opnieuw."))
            return redirect("enrolment:enrolment_pay", enrolment.pk)
        return redirect(start.redirect_url)
    return render(request, "enrolment/pay.html", {"enrolment": enrolment, "course": enrolment.course, "demo": settings.DEMO_PAYMENTS})


def _my_payment(request, payment_id):
    return get_object_or_404(
        Payment.objects.filter(enrolment__person=request.user).select_related("enrolment__course__provider"), pk=payment_id
    )


@login_required
@require_http_methods(["GET", "POST"])
def payment_demo(request, payment_id):
    """The clearly marked demo payment step: only in demo mode, no money moves."""
    if not settings.DEMO_PAYMENTS:
        raise Http404
    payment = _my_payment(request, payment_id)
    if payment.method != PaymentMethod.DEMO:
        raise Http404
    if request.method == "POST" and payment.status == PaymentStatus.OPEN:
        if request.POST.get("outcome") == "cancel":
            return redirect("enrolment:enrolment_pay", payment.enrolment_id)
        services.payment_mark_paid(payment=payment)
        messages.success(request, _("Demobetaling geslaagd. Uw inschrijving is actief."))
        return redirect("enrolment:enrolment_detail", payment.enrolment_id)
    return render(request, "enrolment/payment_demo.html", {"payment": payment, "enrolment": payment.enrolment})


@login_required
def payment_return(request, payment_id):
    """Back from Stripe Checkout. Proves nothing: the status comes from the webhook."""
    payment = _my_payment(request, payment_id)
    return render(request, "enrolment/payment_return.html", {"payment": payment, "enrolment": payment.enrolment})


@login_required
@require_http_methods(["GET", "POST"])
def module_view(request, enrolment_id, module_id):
    enrolment = get_object_or_404(
        my_enrolments(request).filter(status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED))
        .select_related("course__provider"),
        pk=enrolment_id,
    )
    course = enrolment.course
    modules = list(selectors.course_modules(course))
    module = next((m for m in modules if m.pk == module_id), None)
    if module is None:
        raise Http404
    module = module.specific
    lessons = list(module.lessons)
    progress = enrolment.progress.filter(module=module).first()
    requested = request.GET.get("les")
    if requested and requested.isdigit():
        index = min(max(int(requested), 1), max(len(lessons), 1)) - 1
    else:
        index = min(progress.last_lesson, max(len(lessons) - 1, 0)) if progress else 0
    progress = services.progress_open(enrolment=enrolment, module=module, lesson=index)
    questions = module.knowledge_check_questions()
    last = index >= len(lessons) - 1
    form = KnowledgeCheckForm(questions=questions, prefix="check") if questions else None
    results = score = None
    if request.method == "POST" and questions:
        form = KnowledgeCheckForm(request.POST, questions=questions, prefix="check")
        if form.is_valid():
            progress, results, score = services.knowledge_check_submit(enrolment=enrolment, module=module, answers=form.answers())
    position = modules.index(next(m for m in modules if m.pk == module.pk))
    context = {
        "enrolment": enrolment,
        "course": course,
        "module": module,
        "lessons": lessons,
        "lesson": lessons[index] if lessons else None,
        "lesson_number": index + 1,
        "last_lesson": last,
        "progress": progress,
        "form": form,
        "results": results,
        "score": score,
        "passed": services.check_passed(progress, module, course),
        "needs_pass": course.checks_must_pass and bool(questions),
        "module_number": position + 1,
        "module_total": len(modules),
        "next_module": modules[position + 1] if position + 1 < len(modules) else None,
    }
    return render(request, "enrolment/module.html", context)


@login_required
@require_POST
def module_complete(request, enrolment_id, module_id):
    enrolment = get_object_or_404(
        my_enrolments(request).filter(status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)).select_related("course"),
        pk=enrolment_id,
    )
    modules = list(selectors.course_modules(enrolment.course))
    module = next((m for m in modules if m.pk == module_id), None)
    if module is None:
        raise Http404
    try:
        services.module_complete(enrolment=enrolment, module=module.specific)
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
        return redirect("enrolment:module", enrolment.pk, module.pk)
    enrolment.refresh_from_db()
    if enrolment.status == EnrolmentStatus.COMPLETED:
        messages.success(request, _("Gefeliciteerd, u heeft de cursus afgerond! Uw certificaat staat klaar."))
        return redirect("enrolment:enrolment_detail", enrolment.pk)
    messages.success(request, _("Module afgerond."))
    position = modules.index(module)
    if position + 1 < len(modules):
        return redirect("enrolment:module", enrolment.pk, modules[position + 1].pk)
    return redirect("enrolment:enrolment_detail", enrolment.pk)


@login_required
def certificate_download(request, code):
    certificate = get_object_or_404(Certificate.objects.filter(enrolment__person=request.user), code=code)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate)}"'
    return response


def certificate_verify(request, code):
    """Public: exactly the facts printed on the certificate, no more personal data."""
    certificate = Certificate.objects.filter(code=code.upper()).first()
    status = 200 if certificate else 404
    return render(
        request, "enrolment/certificate_verify.html",
        {"certificate": certificate, "code": code, "today": timezone.localdate(),
         "verification_url": verification_url(certificate) if certificate else ""},
        status=status,
    )


def certificate_lookup(request):
    code = (request.GET.get("code") or "").strip().upper().replace(" ", "")
    if code:
        if code.isalnum() and len(code) <= 16:
            return redirect("enrolment:certificate_verify", code)
        return render(request, "enrolment/certificate_lookup.html", {"error": _("Een verificatiecode bestaat uit letters en cijfers."), "code": code})
    return render(request, "enrolment/certificate_lookup.html", {})


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = stripe_webhook_handling.verify(request.body, request.headers.get("Stripe-Signature"))
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid signature")
    status = stripe_webhook_handling.process(event)
    return HttpResponse("ok" if status == 200 else "error", status=status, content_type="text/plain")


# --- the provider's side ----------------------------------------------------------


def provider_scope(request):
    """The providers whose enrolments this user may see; 404 for everyone else."""
    if not request.user.is_authenticated:
        raise Http404
    if request.user.is_superuser:
        return CourseProvider.objects.all()
    ids = provider_ids(request.user)
    if not ids:
        raise Http404
    return CourseProvider.objects.filter(pk__in=ids)


def provider_sessions(request):
    return Session.objects.filter(course__provider__in=provider_scope(request)).select_related("course")


@login_required
def provider_enrolments(request):
    providers = provider_scope(request)
    enrolments = (
        Enrolment.objects.filter(course__provider__in=providers)
        .select_related("person", "office__authority", "course", "session")
        .order_by("course__title", "session__starts_at", "created_at")
    )
    courses = CoursePage.objects.filter(provider__in=providers).order_by("title")
    course_id = request.GET.get("cursus")
    if course_id and course_id.isdigit():
        enrolments = enrolments.filter(course_id=int(course_id))
    page = Paginator(enrolments, 50).get_page(request.GET.get("pagina"))
    sessions = provider_sessions(request).order_by("-starts_at")[:50]
    return render(request, "enrolment/provider/enrolments.html",
                  {"page": page, "courses": courses, "course_id": course_id, "sessions": sessions})


@login_required
@require_http_methods(["GET", "POST"])
def provider_session(request, session_id):
    session = get_object_or_404(provider_sessions(request), pk=session_id)
    enrolments = list(
        session.enrolments.exclude(status=EnrolmentStatus.CANCELLED).select_related("person", "office__authority")
        .order_by("created_at")
    )
    form = AttendanceForm(request.POST or None, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_register(session=session, by=request.user, attended=form.attended())
        except services.EnrolmentError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Aanwezigheid opgeslagen."))
        return redirect("enrolment:provider_session", session.pk)
    return render(request, "enrolment/provider/session.html", {
        "session": session, "enrolments": enrolments, "form": form, "started": session.starts_at <= timezone.now(),
        "taken": sum(1 for e in enrolments if selectors.holds_place(e)),
    })


@login_required
@require_POST
def provider_session_cancel(request, session_id):
    session = get_object_or_404(provider_sessions(request), pk=session_id)
    if not request.POST.get("confirm"):
        messages.error(request, _("Bevestig dat u de bijeenkomst wilt annuleren."))
        return redirect("enrolment:provider_session", session.pk)
    try:
        cancelled = services.session_cancel(session=session, by=request.user)
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("De bijeenkomst is geannuleerd; %(count)s deelnemer(s) hebben bericht gekregen.") % {"count": len(cancelled)})
    return redirect("enrolment:provider_session", session.pk)


@login_required
def provider_payments(request):
    payments = (
        Payment.objects.filter(enrolment__course__provider__in=provider_scope(request))
        .select_related("enrolment__person", "enrolment__course")
        .order_by("-created_at")
    )
    page = Paginator(payments, 50).get_page(request.GET.get("pagina"))
    return render(request, "enrolment/provider/payments.html", {"page": page})
