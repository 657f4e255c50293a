"""Import a provider's courses from JSON or CSV (see README, "Importing courses").

Every row is validated first; a single bad row stops the import with its row
number and nothing of the file is imported. Descriptions and lesson texts pass
through the one HTML sanitiser. Imported courses and their modules are drafts
that go straight into the onpartijdigheidstoets: nothing is ever published by
an import.

A JSON row may also carry the course's sessions and its modules with their
lessons (the demo content in `courses/demo_data/` is written this way); a CSV
row describes the course only.
"""

import csv
import datetime
import io
import json
import re
from decimal import Decimal
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from glashelder.kernel.choices import Level, Role
from glashelder.kernel.sanitize import clean_html
from glashelder.kernel.uploads import validate_document

from .choices import CourseFormat
from .models import (
    RESERVED_COURSE_SLUGS,
    CompletionRule,
    CoursePage,
    Instrument,
    ModulePage,
    Session,
)
from .services import provider_folder_ensure

LIST_FIELDS = ("instruments", "audience_roles", "learning_outcomes")
CSV_SEPARATOR = ";"
# `+21d 19:00`: 21 days after the day of the import, at 19:00 (for example and demo files).
RELATIVE_WHEN = re.compile(r"^\+(?P<days>\d{1,4})d (?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)$")
DEFAULT_CHECK_TITLE = "Kennischeck"


class CourseImportError(Exception):
    """The file cannot be imported; `errors` lists every problem with its row number."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


class Problem(Exception):
    """One problem inside a row, at `where` (for example `modules[1].lessons[2]`)."""

    def __init__(self, where, message):
        self.where = where
        self.message = message
        super().__init__(message)


class WhenField(forms.CharField):
    """A date-time: ISO 8601 (`2026-05-12T19:00`, local time unless an offset is given),
    or relative to the day of the import (`+21d 19:00`)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = RELATIVE_WHEN.match(value)
        if match:
            day = timezone.localdate() + datetime.timedelta(days=int(match["days"]))
            moment = datetime.datetime.combine(day, datetime.time(int(match["hour"]), int(match["minute"])))
            return timezone.make_aware(moment)
        try:
            moment = parse_datetime(value)
        except ValueError:
            moment = None
        if moment is None:
            raise ValidationError(_("Geen geldige datum en tijd; gebruik bijvoorbeeld 2026-05-12T19:00 of +21d 19:00."))
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


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
    completion_rule = forms.ChoiceField(choices=CompletionRule.choices, required=False)
    pass_mark_percent = forms.IntegerField(min_value=1, max_value=100, required=False)
    certificate_validity_months = forms.IntegerField(min_value=1, max_value=240, required=False)

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


class SessionForm(forms.Form):
    title = forms.CharField(max_length=200, required=False)
    starts_at = WhenField()
    ends_at = WhenField()
    registration_deadline = WhenField(required=False)
    location = forms.CharField(max_length=255, required=False)
    online_url = forms.URLField(required=False, assume_scheme="https")
    capacity = forms.IntegerField(min_value=1)

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        if starts_at:
            data["registration_deadline"] = data.get("registration_deadline") or starts_at
            if data["registration_deadline"] > starts_at:
                self.add_error("registration_deadline", _("Inschrijven moet sluiten voordat de bijeenkomst begint."))
        if not data.get("location") and not data.get("online_url"):
            self.add_error("location", _("Vul een locatie of een online link in."))
        return data


class ModuleForm(forms.Form):
    title = forms.CharField(max_length=255)
    intro = forms.CharField(required=False)
    estimated_minutes = forms.IntegerField(min_value=1, max_value=32767, required=False)


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


# ---------------------------------------------------------------- sessions and modules (JSON only)


def _form_problem(form, where):
    field, messages = next(iter(form.errors.items()))
    place = where if field == "__all__" else f"{where}.{field}"
    return Problem(place, messages[0])


def _list_of_objects(value, where):
    if value is None or value == "":
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise Problem(where, _("Verwacht een lijst met objecten."))
    return value


def _text(value, where, *, required=True):
    if value is None or value == "":
        if required:
            raise Problem(where, _("Dit veld is verplicht."))
        return ""
    if not isinstance(value, str):
        raise Problem(where, _("Verwacht tekst."))
    return value.strip()


def _sessions(value):
    sessions = []
    for number, data in enumerate(_list_of_objects(value, "sessions"), start=1):
        form = SessionForm(data)
        if not form.is_valid():
            raise _form_problem(form, f"sessions[{number}]")
        sessions.append(form.cleaned_data)
    return sessions


def _document_file(value, where, base_dir):
    """The file a document block points to: inside the import file's folder, of an allowed type."""
    relative = _text(value.get("file"), f"{where}.file")
    if base_dir is None:
        raise Problem(f"{where}.file", _("Documenten kunnen alleen uit een bestand worden geïmporteerd."))
    folder = Path(base_dir).resolve()
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise Problem(f"{where}.file", _("Het bestand %(file)s staat niet naast het importbestand.") % {"file": relative})
    with path.open("rb") as handle:
        try:
            validate_document(File(handle, name=path.name))
        except ValidationError as exc:
            raise Problem(f"{where}.file", exc.messages[0])
    return path


def _question(data, where):
    question = _text(data.get("question"), f"{where}.question")
    options = data.get("options")
    if not isinstance(options, list) or len(options) < 2 or not all(isinstance(o, str) and o.strip() for o in options):
        raise Problem(f"{where}.options", _("Geef minstens twee antwoorden."))
    correct = data.get("correct_option")
    if not isinstance(correct, int) or isinstance(correct, bool) or not 1 <= correct <= len(options):
        raise Problem(f"{where}.correct_option", _("Het nummer van het juiste antwoord, van 1 tot en met het aantal antwoorden."))
    feedback = _text(data.get("feedback"), f"{where}.feedback")
    return {"question": question, "options": [o.strip() for o in options], "correct_option": correct, "feedback": feedback}


def _block(block, where, base_dir):
    """One block of a lesson, checked and in the shape of `courses.blocks.LessonContentBlock`.
    A document is returned as a `Path` and stored when the course is written."""
    kind, value = block.get("type"), block.get("value")
    if kind == "rich_text":
        text = clean_html(_text(value, f"{where}.value"))
        if not text:
            raise Problem(f"{where}.value", _("Dit veld is verplicht."))
        return {"type": kind, "value": text}
    if not isinstance(value, dict):
        raise Problem(f"{where}.value", _("Verwacht een object."))
    if kind == "video":
        url = _text(value.get("video"), f"{where}.video")
        try:
            url = forms.URLField(assume_scheme="https").clean(url)
        except ValidationError as exc:
            raise Problem(f"{where}.video", exc.messages[0])
        return {"type": kind, "value": {
            "video": url,
            "title": _text(value.get("title"), f"{where}.title", required=False),
            "transcript": _text(value.get("transcript"), f"{where}.transcript", required=False),
        }}
    if kind == "document":
        path = _document_file(value, where, base_dir)
        title = _text(value.get("title"), f"{where}.title", required=False) or path.stem
        description = _text(value.get("description"), f"{where}.description", required=False)
        return {"type": kind, "value": {"document": path, "title": title, "description": description}}
    if kind == "knowledge_check":
        questions = _list_of_objects(value.get("questions"), f"{where}.questions")
        if not questions:
            raise Problem(f"{where}.questions", _("Geef minstens één vraag."))
        return {"type": kind, "value": {
            "title": _text(value.get("title"), f"{where}.title", required=False) or DEFAULT_CHECK_TITLE,
            "questions": [_question(q, f"{where}.questions[{n}]") for n, q in enumerate(questions, start=1)],
        }}
    if kind == "reflection":
        return {"type": kind, "value": {"question": _text(value.get("question"), f"{where}.question")}}
    raise Problem(f"{where}.type", _("Onbekend bloktype %(type)s.") % {"type": kind})


def _modules(value, base_dir):
    modules = []
    for number, data in enumerate(_list_of_objects(value, "modules"), start=1):
        where = f"modules[{number}]"
        form = ModuleForm(data)
        if not form.is_valid():
            raise _form_problem(form, where)
        lessons = []
        for lesson_number, lesson in enumerate(_list_of_objects(data.get("lessons"), f"{where}.lessons"), start=1):
            at = f"{where}.lessons[{lesson_number}]"
            content = _list_of_objects(lesson.get("content"), f"{at}.content")
            if not content:
                raise Problem(f"{at}.content", _("Een les heeft minstens één blok."))
            lessons.append({
                "title": _text(lesson.get("title"), f"{at}.title"),
                "content": [_block(block, f"{at}.content[{n}]", base_dir) for n, block in enumerate(content, start=1)],
            })
        if not lessons:
            raise Problem(f"{where}.lessons", _("Een module heeft minstens één les."))
        modules.append({
            "title": form.cleaned_data["title"],
            "intro": form.cleaned_data["intro"],
            "estimated_minutes": form.cleaned_data["estimated_minutes"] or 30,
            "lessons": lessons,
        })
    return modules


# ---------------------------------------------------------------- validation and writing


def validate_rows(rows, *, base_dir=None):
    """Return cleaned rows, or raise CourseImportError listing every bad row (numbered from 1).

    `base_dir` is the folder of the import file: documents of lessons are read from it.
    """
    instrument_slugs = list(Instrument.objects.values_list("slug", flat=True))
    existing = set(CoursePage.objects.values_list("slug", flat=True))
    errors, cleaned, seen = [], [], set()
    if not rows:
        raise CourseImportError([_("Het bestand bevat geen cursussen.")])

    def error(number, field, message):
        errors.append(_("Rij %(row)s, veld %(field)s: %(message)s") % {"row": number, "field": field, "message": message})

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
                    error(number, field, message)
            continue
        values = form.cleaned_data
        if values["slug"] in existing or values["slug"] in seen:
            errors.append(_("Rij %(row)s, veld slug: %(slug)s bestaat al.") % {"row": number, "slug": values["slug"]})
            continue
        seen.add(values["slug"])
        try:
            values["sessions"] = _sessions(row.get("sessions"))
            values["modules"] = _modules(row.get("modules"), base_dir)
        except Problem as problem:
            error(number, problem.where, problem.message)
            continue
        values["description"] = clean_html(values.get("description", ""))
        values["language"] = values.get("language") or "nl"
        for name in ("completion_rule", "pass_mark_percent", "certificate_validity_months"):
            if values.get(name) in (None, ""):
                values.pop(name, None)  # the model's default
        cleaned.append(values)
    if errors:
        raise CourseImportError(errors)
    return cleaned


def _store_documents(content, owner):
    """Replace the document files of a lesson's blocks by stored Wagtail documents."""
    Document = get_document_model()
    for block in content:
        if block["type"] == "document":
            value = block["value"]
            document = Document(title=value["title"], uploaded_by_user=owner)
            with value["document"].open("rb") as handle:
                document.file.save(value["document"].name, File(handle), save=False)
            document.save()
            block["value"] = {"document": document.pk, "description": value["description"]}
    return content


def _submit(page, workflow, user):
    page.save_revision(user=user)
    if workflow is not None:
        workflow.start(page, user)


def import_rows(*, provider, rows, base_dir=None, user=None):
    """Validate every row, then create each course with its sessions and modules as
    drafts submitted for review (course first, then its modules). `user` is recorded
    as the owner and submitter; None for an import by beheer."""
    rows = validate_rows(rows, base_dir=base_dir)
    folder = provider_folder_ensure(provider=provider)  # the provider's courses live in its folder
    workflow = folder.get_workflow()
    created = []
    with transaction.atomic():
        for values in rows:
            instruments = list(Instrument.objects.filter(slug__in=values.pop("instruments")))
            sessions, modules = values.pop("sessions"), values.pop("modules")
            course = CoursePage(provider=provider, live=False, owner=user, **values)
            folder.add_child(instance=course)
            course.instruments.set(instruments)
            course.save()  # a ParentalManyToManyField is written on save
            for number, session in enumerate(sessions, start=1):
                Session.objects.create(
                    course=course, sort_order=number, title=session["title"] or _("Bijeenkomst %(number)s") % {"number": number},
                    starts_at=session["starts_at"], ends_at=session["ends_at"],
                    registration_deadline=session["registration_deadline"], location=session["location"],
                    online_url=session["online_url"], capacity=session["capacity"],
                )
            _submit(course, workflow, user)
            for module in modules:
                lessons = [
                    {"type": "lesson", "value": {"title": lesson["title"], "content": _store_documents(lesson["content"], user)}}
                    for lesson in module.pop("lessons")
                ]
                page = ModulePage(live=False, owner=user, lessons=lessons, **module)
                course.add_child(instance=page)
                _submit(page, workflow, user)
            created.append(course)
    return created


def import_courses(*, provider, path, user=None):
    """Import a .json or .csv file (see `import_rows`); documents are read from its folder."""
    path = Path(path)
    return import_rows(provider=provider, rows=read_rows(path), base_dir=path.parent, user=user)
