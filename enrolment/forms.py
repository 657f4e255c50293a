"""Forms of the enrolment app. They validate input; the rules live in services.py."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from glashelder.offices.models import Office, OfficeStatus

from .models import EnrolmentStatus


def session_label(session, taken):
    when = date_format(timezone.localtime(session.starts_at), "l j F Y, H:i")
    free = max(session.capacity - taken, 0)
    where = f", {session.location}" if session.location else ""
    if free:
        return _("%(when)s%(where)s (nog %(free)s plaatsen)") % {"when": when, "where": where, "free": free}
    return _("%(when)s%(where)s (vol: wachtlijst)") % {"when": when, "where": where}


class EnrolForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Voor welk ambt volgt u deze cursus?"), queryset=Office.objects.none(),
                                    empty_label=None, error_messages={"required": _("Kies een ambt."),
                                                                      "invalid_choice": _("Kies een van uw ambten.")})
    session = forms.TypedChoiceField(label=_("Bijeenkomst"), coerce=int, required=False, widget=forms.RadioSelect,
                                     error_messages={"invalid_choice": _("Kies een van de bijeenkomsten.")})
    waitlist = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, person, course, sessions=(), taken=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        offices = (
            Office.objects.filter(person=person).exclude(status=OfficeStatus.DECLINED).select_related("authority")
            .order_by("-start_date")
        )
        self.fields["office"].queryset = offices
        self.fields["office"].label_from_instance = lambda o: str(o)
        self.current_offices = [o for o in offices if o.held_on(today)]
        self.course = course
        self.sessions = {s.pk: s for s in sessions}
        taken = taken or {}
        if course.needs_attendance:
            self.fields["session"].required = True
            self.fields["session"].error_messages["required"] = _("Kies een bijeenkomst.")
            self.fields["session"].choices = [(s.pk, session_label(s, taken.get(s.pk, 0))) for s in sessions]
        else:
            del self.fields["session"]

    def clean_session(self):
        value = self.cleaned_data.get("session")
        return self.sessions.get(value) if value else None


class KnowledgeCheckForm(forms.Form):
    """One radio group per question of the module's knowledge check."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for index, question in enumerate(questions):
            self.fields[f"q{index}"] = forms.TypedChoiceField(
                label=question["question"], coerce=int, widget=forms.RadioSelect,
                choices=[(number, option) for number, option in enumerate(question["options"], start=1)],
                error_messages={"required": _("Kies een antwoord."), "invalid_choice": _("Kies een van de antwoorden.")},
            )
        self.questions = questions

    def answers(self):
        return [self.cleaned_data.get(f"q{index}") for index in range(len(self.questions))]


class AttendanceForm(forms.Form):
    """A checkbox per enrolment of a session: present or not."""

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = [e for e in enrolments if e.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)]
        for enrolment in self.enrolments:
            self.fields[f"e{enrolment.pk}"] = forms.BooleanField(
                label=f"{enrolment.person.display_name} ({enrolment.office})", required=False, initial=bool(enrolment.attended)
            )

    def attended(self):
        return {e.pk: self.cleaned_data.get(f"e{e.pk}", False) for e in self.enrolments}
