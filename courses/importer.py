"""Import a provider's courses from JSON or CSV (see README, "Importing courses").

Every row is validated first; a single bad row stops the import with its row
number and nothing of the file is imported. Descriptions pass through the one
HTML sanitiser. Imported courses are drafts that go straight into the
onpartijdigheidstoets: nothing is ever published by an import.
"""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from django import forms
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glashelder.kernel.choices import Level, Role
from glashelder.kernel.sanitize import clean_html

from .choices import CourseFormat
from .models import RESERVED_COURSE_SLUGS, CoursePage, Instrument
from .services import provider_folder_ensure

LIST_FIELDS = ("instruments", "audience_roles", "learning_outcomes")
CSV_SEPARATOR = ";"


class CourseImportError(Exception):
    """The file cannot be imported; `errors` lists every problem with its row number."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


class CourseRowForm(forms.Form):
    title = forms.CharField(max_length=255)
    slug = forms.SlugField(max_length=255, required=False)
    summary = forms.CharField(max_length=300)
    description = forms.CharField(required=False)
    instruments = forms.MultipleChoiceField()
    audience_roles = forms.MultipleChoiceField(choices=Role.choices)
    level = forms.ChoiceField(choices=Level.choices)
    format = forms.ChoiceField(choices=CourseFormat.choices)
    study_load_hours = forms.DecimalField(min_value=Decimal("0.5"), max_digits=5, decimal_places=1)
    price = forms.DecimalField(min_value=Decimal("0"), max_digits=8, decimal_places=2)
    language = forms.ChoiceField(choices=[("nl", "nl"), ("en", "en")], required=False)
    learning_outcomes = forms.CharField()

    def __init__(self, *args, instrument_slugs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instruments"].choices = [(slug, slug) for slug in instrument_slugs]

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("title", ""))[:255]
        if not slug:
            raise forms.ValidationError(_("Er is geen slug te maken van deze titel."))
        if slug in RESERVED_COURSE_SLUGS:
            raise forms.ValidationError(_("Dit webadres is gereserveerd; kies een ander."))
        return slug


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(CSV_SEPARATOR) if part.strip()]


def read_rows(path):
    """Rows of a .json (a list of objects, or {"courses": [...]}) or .csv file (header row first)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CourseImportError([_("Het bestand is geen geldige JSON: %(error)s") % {"error": exc}])
        if isinstance(data, dict):
            data = data.get("courses")
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise CourseImportError([_("Verwacht een lijst met cursussen (of {\"courses\": [...]}).")])
        return data
    if path.suffix.lower() == ".csv":
        return list(csv.DictReader(io.StringIO(text)))
    raise CourseImportError([_("Alleen .json- en .csv-bestanden kunnen worden geïmporteerd.")])


def validate_rows(rows):
    """Return cleaned rows, or raise CourseImportError listing every bad row (numbered from 1)."""
    instrument_slugs = list(Instrument.objects.values_list("slug", flat=True))
    existing = set(CoursePage.objects.values_list("slug", flat=True))
    errors, cleaned, seen = [], [], set()
    if not rows:
        raise CourseImportError([_("Het bestand bevat geen cursussen.")])
    for number, row in enumerate(rows, start=1):
        data = {key: value for key, value in row.items() if key is not None}
        for key in LIST_FIELDS:
            if key in data and key != "learning_outcomes":
                data[key] = _as_list(data[key])
        outcomes = data.get("learning_outcomes")
        data["learning_outcomes"] = "\n".join(_as_list(outcomes)) if outcomes is not None else ""
        form = CourseRowForm(data, instrument_slugs=instrument_slugs)
        if not form.is_valid():
            for field, messages in form.errors.items():
                for message in messages:
                    errors.append(_("Rij %(row)s, veld %(field)s: %(message)s") % {"row": number, "field": field, "message": message})
            continue
        values = form.cleaned_data
        if values["slug"] in existing or values["slug"] in seen:
            errors.append(_("Rij %(row)s, veld slug: %(slug)s bestaat al.") % {"row": number, "slug": values["slug"]})
            continue
        seen.add(values["slug"])
        values["description"] = clean_html(values.get("description", ""))
        values["language"] = values.get("language") or "nl"
        cleaned.append(values)
    if errors:
        raise CourseImportError(errors)
    return cleaned


def import_courses(*, provider, path):
    """Validate the whole file, then create every course as a draft submitted for review."""
    rows = validate_rows(read_rows(path))
    folder = provider_folder_ensure(provider=provider)  # the provider's courses live in its folder
    workflow = folder.get_workflow()
    created = []
    with transaction.atomic():
        for values in rows:
            instruments = list(Instrument.objects.filter(slug__in=values.pop("instruments")))
            course = CoursePage(provider=provider, live=False, **values)
            folder.add_child(instance=course)
            course.instruments.set(instruments)
            course.save()  # a ParentalManyToManyField is written on save
            course.save_revision()
            if workflow is not None:
                workflow.start(course, None)
            created.append(course)
    return created
