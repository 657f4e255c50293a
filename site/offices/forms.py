"""Forms for offices, invitations and griffie members. Rules live in glashelder.offices.services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from glashelder.kernel.choices import AuthorityKind, Role
from glashelder.kernel.uploads import validate_upload

from .models import Authority, OfficeStatus
from .services import CSV_MAX_BYTES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def authority_choices():
    """All authorities, grouped: provincies and gemeenten (a plain select works without JavaScript)."""
    groups = {AuthorityKind.PROVINCIE: [], AuthorityKind.GEMEENTE: []}
    for pk, kind, name in Authority.objects.order_by("name").values_list("pk", "kind", "name"):
        groups[kind].append((pk, name))
    return [
        ("", _("Kies een gemeente of provincie")),
        (_("Provincies"), groups[AuthorityKind.PROVINCIE]),
        (_("Gemeenten"), groups[AuthorityKind.GEMEENTE]),
    ]


class OfficeRequestForm(forms.Form):
    authority = forms.TypedChoiceField(label=_("Gemeente of provincie"), coerce=int, choices=())
    role = forms.ChoiceField(label=_("Ambt"), choices=[("", _("Kies een ambt"))] + list(Role.choices))
    start_date = forms.DateField(
        label=_("Ingangsdatum"), widget=DateInput(), help_text=_("De datum waarop u het ambt bent gaan vervullen.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = authority_choices()

    def clean_authority(self):
        authority = Authority.objects.filter(pk=self.cleaned_data["authority"]).first()
        if authority is None:
            raise forms.ValidationError(_("Kies een gemeente of provincie uit de lijst."))
        return authority


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Ambt"))
    start_date = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = authority.allowed_roles()
        self.fields["role"].choices = [("", _("Kies een ambt"))] + [(v, label) for v, label in Role.choices if v in allowed]


class InvitationCSVForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Kolommen: naam,e-mail,rol,startdatum (de eerste rij bevat deze kolomnamen). Datum als JJJJ-MM-DD of DD-MM-JJJJ."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, allowed=("text/csv",), max_size=CSV_MAX_BYTES)
        return uploaded


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De aanvrager krijgt deze reden per e-mail."),
    )


class EndOfficeForm(forms.Form):
    end_date = forms.DateField(label=_("Einddatum"), widget=DateInput())


class GrantGriffieForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van uw collega"), help_text=_("Uw collega moet al een account op Glashelder hebben."))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen account met dit e-mailadres. Vraag uw collega eerst een account aan te maken."))
        self.user = user
        return email


class MemberFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alle"))] + list(OfficeStatus.choices))
    role = forms.ChoiceField(label=_("Ambt"), required=False)
    current = forms.ChoiceField(
        label=_("Termijn"), required=False,
        choices=[("", _("Alle")), ("lopend", _("Lopend")), ("beeindigd", _("Beëindigd"))],
    )

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = authority.allowed_roles()
        self.fields["role"].choices = [("", _("Alle"))] + [(v, label) for v, label in Role.choices if v in allowed]
