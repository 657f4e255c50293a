"""Forms of the griffie workspace and the member's claim pages. Labels and errors in Dutch."""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from courses.models import Session
from glashelder.kernel.choices import Role
from glashelder.kernel.uploads import validate_upload
from glashelder.offices.models import Office, OfficeStatus

from .models import ClaimStatus, ReservationKind, TrainingPolicy

INVOICE_MAX_SIZE = 5 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ClaimMemberForm(forms.Form):
    functional_reason = forms.CharField(
        label=_("Waarom dient deze scholing uw ambt? (functiegericht)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("Voorgevuld met de leerdoelen van de cursus; pas aan waar nodig."),
    )
    member_remark = forms.CharField(
        label=_("Opmerking voor de griffie"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    non_partisan_statement = forms.BooleanField(
        label=_("Ik verklaar dat deze scholing niet partijpolitiek was en verband hield met mijn ambt."), required=False
    )


class ExternalClaimForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Ambt"), queryset=Office.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Naam van de scholing"), max_length=255)
    provider_name = forms.CharField(label=_("Aanbieder"), max_length=200)
    start_date = forms.DateField(label=_("Begindatum"), widget=DateInput())
    end_date = forms.DateField(label=_("Einddatum"), widget=DateInput())
    study_load_hours = forms.DecimalField(label=_("Studiebelasting (uren)"), min_value=Decimal("0"), max_digits=5, decimal_places=1, required=False)
    amount = forms.DecimalField(label=_("Bedrag van de factuur (euro)"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2)
    description = forms.CharField(label=_("Omschrijving van de scholing"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    functional_reason = forms.CharField(
        label=_("Waarom dient deze scholing uw ambt? (functiegericht)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    invoice = forms.FileField(
        label=_("Factuur (PDF, PNG of JPEG, hoogstens 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.filter(person=user, status=OfficeStatus.VERIFIED).select_related("authority")

    def clean_invoice(self):
        invoice = self.cleaned_data.get("invoice")
        validate_upload(invoice, allowed=("application/pdf", "image/png", "image/jpeg"), max_size=INVOICE_MAX_SIZE)
        return invoice

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt voor de begindatum."))
        return cleaned


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"
    RETURN = "return"
    decision = forms.ChoiceField(
        label=_("Beslissing"),
        choices=[(APPROVE, _("Goedkeuren (geheel of gedeeltelijk)")), (RETURN, _("Terugsturen met een vraag")), (REJECT, _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=_("Goed te keuren bedrag (euro)"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2, required=False,
        help_text=_("Leeg: het gevraagde bedrag."),
    )
    reason = forms.CharField(
        label=_("Toelichting, reden of vraag"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000,
        help_text=_("Verplicht bij afwijzen, terugsturen en gedeeltelijk goedkeuren."),
    )
    decision_reference = forms.CharField(label=_("Kenmerk besluit college"), required=False, max_length=100)


class ReverseForm(forms.Form):
    amount = forms.DecimalField(label=_("Terug te draaien bedrag (euro)"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2)
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Alle behalve concepten"))] + [c for c in ClaimStatus.choices if c[0] != ClaimStatus.DRAFT],
    )
    role = forms.ChoiceField(label=_("Ambt"), required=False, choices=[("", _("Alle ambten"))] + list(Role.choices))
    member = forms.CharField(label=_("Ambtsdrager"), required=False, max_length=100)
    course = forms.CharField(label=_("Cursus of aanbieder"), required=False, max_length=100)
    period_start = forms.DateField(label=_("Scholing vanaf"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("Scholing tot en met"), required=False, widget=DateInput())
    sort = forms.ChoiceField(
        label=_("Sorteren op"), required=False,
        choices=[
            ("-submitted_at", _("Nieuwste eerst")),
            ("submitted_at", _("Oudste eerst")),
            ("-amount_requested", _("Hoogste bedrag")),
            ("amount_requested", _("Laagste bedrag")),
            ("member_name", _("Naam")),
            ("-end_date", _("Datum scholing")),
        ],
    )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = TrainingPolicy
        fields = [
            "budget", "cap_per_member", "cap_per_course", "eligible_roles", "prior_approval_required", "direct_payment_allowed",
            "claim_deadline_days", "four_eyes_threshold", "executive_approver", "contact_email", "contact_text",
        ]
        widgets = {"contact_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = authority.allowed_roles()
        field = self.fields["eligible_roles"]
        field.label = capfirst(field.label)
        field.choices = [(value, label) for value, label in Role.choices if value in allowed]
        if not self.instance.pk and not self.initial.get("eligible_roles"):
            self.initial["eligible_roles"] = [value for value, _ in field.choices]


class ExportForm(forms.Form):
    period_start = forms.DateField(label=_("Goedgekeurd vanaf"), widget=DateInput())
    period_end = forms.DateField(label=_("Goedgekeurd tot en met"), widget=DateInput())

    @staticmethod
    def this_month():
        today = timezone.localdate()
        start = today.replace(day=1)
        next_month = (start + datetime.timedelta(days=32)).replace(day=1)
        return {"period_start": start, "period_end": next_month - datetime.timedelta(days=1)}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Het einde van de periode ligt voor het begin."))
        return cleaned


class ReservationRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wat vraagt u?"), choices=ReservationKind.choices, widget=forms.RadioSelect)
    office = forms.ModelChoiceField(label=_("Voor welk ambt?"), queryset=Office.objects.none(), empty_label=None)
    remark = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)

    session = forms.ModelChoiceField(
        label=_("Bijeenkomst"), queryset=Session.objects.none(), empty_label=None, widget=forms.RadioSelect,
        help_text=_("Nodig bij rechtstreekse betaling: de overheid schrijft u voor deze bijeenkomst in."), required=False,
    )

    def __init__(self, *args, user, kinds, course=None, **kwargs):
        super().__init__(*args, **kwargs)
        if course is not None and course.needs_attendance:
            open_sessions = [s.pk for s in course.upcoming_sessions() if s.registration_open()]
            self.fields["session"].queryset = Session.objects.filter(pk__in=open_sessions).order_by("starts_at")
        else:
            del self.fields["session"]
        self.fields["office"].queryset = Office.objects.filter(person=user, status=OfficeStatus.VERIFIED).select_related("authority")
        self.fields["kind"].choices = [c for c in ReservationKind.choices if c[0] in kinds]
        if len(self.fields["kind"].choices) == 1:
            self.initial["kind"] = self.fields["kind"].choices[0][0]


class ReservationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslissing"), choices=[("grant", _("Toekennen")), ("refuse", _("Afwijzen"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000,
        help_text=_("Verplicht bij afwijzen."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "refuse" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", ValidationError(_("Geef de reden van de afwijzing.")))
        return cleaned
