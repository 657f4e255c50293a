"""E-mails of the enrolment app, sent through Django's task framework.

Services enqueue them with `transaction.on_commit`, so a slow mail server never
blocks a page and nothing is sent for a change that was rolled back. Every
message has a plain and an HTML version and is written in Dutch.
"""

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task
from icalendar import Calendar, Event

from glashelder.kernel.mail import absolute, send_templated_mail
from glashelder.kernel.money import format_euro

from .certificates import certificate_filename, certificate_pdf
from .models import Certificate, Enrolment, EnrolmentStatus, PaymentStatus
from .reactions import deliver_event_reactions  # noqa: F401 - the outbox's task, listed with the others


def _when(session):
    return date_format(timezone.localtime(session.starts_at), "l j F Y, H:i")


def _content(kind, enrolment):
    """Subject, paragraphs and an optional call to action for one kind of message."""
    course = enrolment.course.title
    dashboard = absolute(reverse("enrolment:dashboard"))
    detail = absolute(reverse("enrolment:enrolment_detail", args=[enrolment.pk]))
    session_line = []
    if enrolment.session_id:
        session_line = [_("Bijeenkomst: %(when)s, %(where)s.") % {
            "when": _when(enrolment.session), "where": enrolment.session.location or enrolment.session.online_url or "-"}]
    if kind == "enrolled":
        if enrolment.status == EnrolmentStatus.REQUESTED:
            return (_("Inschrijving ontvangen: %(course)s") % {"course": course},
                    [_("U bent ingeschreven voor %(course)s.") % {"course": course}, *session_line,
                     _("Uw inschrijving wordt actief zodra de betaling is bevestigd.")], (_("Betalen"), detail))
        return (_("Inschrijving bevestigd: %(course)s") % {"course": course},
                [_("U bent ingeschreven voor %(course)s.") % {"course": course}, *session_line],
                (_("Naar de cursus"), detail))
    if kind == "waitlisted":
        return (_("Op de wachtlijst: %(course)s") % {"course": course},
                [_("De bijeenkomst is vol. U staat op de wachtlijst voor %(course)s.") % {"course": course}, *session_line,
                 _("Komt er een plaats vrij, dan krijgt u die automatisch en sturen we u een e-mail.")],
                (_("Mijn Glashelder"), dashboard))
    if kind == "promoted":
        extra = [_("Rond de betaling af om uw plaats te bevestigen.")] if enrolment.status == EnrolmentStatus.REQUESTED else []
        return (_("Er is een plaats vrijgekomen: %(course)s") % {"course": course},
                [_("Goed nieuws: er is een plaats vrijgekomen en die is voor u.") , *session_line, *extra],
                (_("Naar de cursus"), detail))
    if kind == "payment_paid":
        payment = enrolment.payments.filter(status=PaymentStatus.PAID).order_by("-paid_at").first()
        amount = payment.amount if payment else enrolment.course.price
        return (_("Betaling ontvangen: %(course)s") % {"course": course},
                [_("We hebben uw betaling van %(amount)s ontvangen. Uw inschrijving voor %(course)s is actief.")
                 % {"amount": format_euro(amount), "course": course}, *session_line],
                (_("Naar de cursus"), detail))
    if kind == "cancelled":
        return (_("Inschrijving geannuleerd: %(course)s") % {"course": course},
                [_("Uw inschrijving voor %(course)s is geannuleerd.") % {"course": course},
                 *([_("Wat u betaalde, wordt terugbetaald.")] if enrolment.payments.filter(amount_refunded__gt=0).exists() else [])],
                (_("Mijn Glashelder"), dashboard))
    if kind == "session_cancelled":
        return (_("Bijeenkomst geannuleerd: %(course)s") % {"course": course},
                [_("De aanbieder heeft de bijeenkomst van %(course)s geannuleerd.") % {"course": course}, *session_line,
                 _("Uw inschrijving is vervallen; wat u betaalde, wordt terugbetaald.")],
                (_("Mijn Glashelder"), dashboard))
    if kind == "completed":
        return (_("Gefeliciteerd: %(course)s afgerond") % {"course": course},
                [_("U heeft %(course)s afgerond. Uw certificaat zit als PDF bij deze e-mail.") % {"course": course}],
                (_("Certificaat controleren"), absolute(reverse("enrolment:certificate_verify", args=[enrolment.certificate.code]))))
    if kind == "expired":
        return (_("Plaats vervallen: %(course)s") % {"course": course},
                [_("We hebben uw betaling voor %(course)s niet op tijd ontvangen. Uw plaats is daarom vrijgegeven voor de wachtlijst.")
                 % {"course": course}, *session_line, _("U kunt zich opnieuw inschrijven zolang er plaats is.")],
                (_("Mijn Glashelder"), dashboard))
    if kind == "session_reminder":
        return (_("Herinnering: %(course)s") % {"course": course},
                [_("Binnenkort is uw bijeenkomst van %(course)s.") % {"course": course}, *session_line,
                 _("In de bijlage vindt u de afspraak voor uw agenda.")], (_("Naar de cursus"), detail))
    raise ValueError(kind)


def _send(*, to, subject, paragraphs, action, attachments=()):
    """One message in the shared layout (enrolment/email/message): greeting, paragraphs, a link."""
    context = {"subject": subject, "paragraphs": paragraphs, "action": action}
    send_templated_mail("enrolment/email/message", context, [to], attachments)


def session_ics(session, enrolment):
    cal = Calendar()
    cal.add("prodid", "-//Glashelder//NL")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"session-{session.pk}-enrolment-{enrolment.pk}@glashelder")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.title or enrolment.course.title)
    if session.location:
        event.add("location", session.location)
    if session.online_url:
        event.add("url", session.online_url)
    cal.add_component(event)
    return cal.to_ical()


@task()
def send_enrolment_mail(*, kind, enrolment_id):
    enrolment = Enrolment.objects.select_related("person", "course", "session").get(pk=enrolment_id)
    with translation.override("nl"):
        subject, paragraphs, action = _content(kind, enrolment)
        attachments = []
        if kind == "completed":
            attachments.append((certificate_filename(enrolment.certificate), certificate_pdf(enrolment.certificate), "application/pdf"))
        if kind == "session_reminder" and enrolment.session_id:
            attachments.append(("bijeenkomst.ics", session_ics(enrolment.session, enrolment), "text/calendar"))
        _send(to=enrolment.person.email, subject=subject, paragraphs=paragraphs, action=action, attachments=attachments)


@task()
def send_certificate_reminder(*, certificate_id):
    certificate = Certificate.objects.select_related("enrolment__person", "enrolment__course").get(pk=certificate_id)
    if certificate.enrolment is None:
        return
    with translation.override("nl"):
        until = date_format(certificate.valid_until, "j F Y")
        course_url = absolute(certificate.enrolment.course.url or "/cursussen/")
        _send(
            to=certificate.enrolment.person.email,
            subject=_("Uw certificaat %(course)s verloopt binnenkort") % {"course": certificate.course_title},
            paragraphs=[
                _("Uw certificaat voor %(course)s is geldig tot %(until)s.") % {"course": certificate.course_title, "until": until},
                _("Wilt u het verlengen, schrijf u dan opnieuw in voor de cursus."),
            ],
            action=(_("Naar de cursus"), course_url),
        )
