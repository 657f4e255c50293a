"""Forms of the catalogue: the review comment forms and the catalogue filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

from glashelder.kernel.choices import Level, Role

from .choices import CourseFormat, InstrumentKind


class ReviewCommentForm(TaskStateCommentForm):
    comment = forms.CharField(label=_("Opmerking voor de aanbieder"), widget=forms.Textarea, required=False)


class ReviewRejectForm(TaskStateCommentForm):
    comment = forms.CharField(
        label=_("Toelichting voor de aanbieder"),
        widget=forms.Textarea,
        required=True,
        help_text=_("Leg uit waarom de cursus (nog) niet als niet-partijpolitiek kan worden goedgekeurd."),
        error_messages={"required": _("Geef een toelichting, zodat de aanbieder weet wat er moet veranderen.")},
    )


PRICE_CHOICES = [("", _("Alle")), ("gratis", _("Gratis")), ("betaald", _("Betaald"))]


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters: a plain GET form that works without JavaScript."""

    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    instrument = forms.MultipleChoiceField(label=_("Instrument"), required=False, widget=forms.CheckboxSelectMultiple)
    soort = forms.ChoiceField(
        label=_("Controle of kaderstelling"),
        required=False,
        choices=[("", _("Alle"))] + [(InstrumentKind.CONTROLE, _("Controle")), (InstrumentKind.KADERSTELLING, _("Kaderstelling"))],
    )
    rol = forms.ChoiceField(label=_("Voor wie"), required=False, choices=[("", _("Alle rollen"))] + list(Role.choices))
    bestuurslaag = forms.ChoiceField(
        label=_("Bestuurslaag"),
        required=False,
        choices=[("", _("Alle")), (Level.GEMEENTE, _("Gemeente")), (Level.PROVINCIE, _("Provincie"))],
    )
    vorm = forms.ChoiceField(label=_("Vorm"), required=False, choices=[("", _("Alle vormen"))] + list(CourseFormat.choices))
    aanbieder = forms.ChoiceField(label=_("Aanbieder"), required=False)
    prijs = forms.ChoiceField(label=_("Prijs"), required=False, choices=PRICE_CHOICES)
    van = forms.DateField(
        label=_("Bijeenkomst vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-12-31.")},
    )
    tot = forms.DateField(
        label=_("Bijeenkomst tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-12-31.")},
    )

    def __init__(self, *args, instruments=(), providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [(i.slug, i.name) for i in instruments]
        self.fields["aanbieder"].choices = [("", _("Alle aanbieders"))] + [(p.slug, p.name) for p in providers]

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("Deze datum ligt voor de begindatum."))
        return data
