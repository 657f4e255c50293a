"""Demo content of the catalogue for `make run`: providers, instruments and
courses (see demo_content.py), each run through the real review workflow.
Idempotent: existing providers and courses (by slug) are left alone."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from . import services
from .demo_content import COURSES, IN_REVIEW_COURSE, PROVIDERS, VIDEO_URL
from .models import CoursePage, Instrument, ModulePage, Provider, Session

APPROVAL_COMMENT = "Getoetst: de inhoud is feitelijk, functiegericht en niet-partijpolitiek."


def _document(title):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        text = (
            f"{title}\n\nDemo-document van Glashelder. In een echte cursus staat hier het werkblad of de handreiking "
            "van de aanbieder.\n"
        )
        document = Document(title=title)
        document.file.save(f"{title.lower().replace(' ', '-').replace(':', '')[:60]}.txt", ContentFile(text.encode()), save=False)
        document.save()
    return document


def _block(kind, *args):
    if kind == "text":
        return {"type": "rich_text", "value": args[0]}
    if kind == "video":
        title, transcript = args
        return {"type": "video", "value": {"video": VIDEO_URL, "title": title, "transcript": transcript}}
    if kind == "document":
        return {"type": "document", "value": {"document": _document(args[0]).pk, "description": args[0]}}
    if kind == "check":
        return {"type": "knowledge_check", "value": {"title": "Kennischeck", "questions": args[0]}}
    if kind == "reflection":
        return {"type": "reflection", "value": {"question": args[0]}}
    raise ValueError(kind)


def _create_course(data, providers, editor, redactie, *, approve=True):
    provider = providers[data["provider"]]
    author = editor if provider.editors_group and editor.groups.filter(pk=provider.editors_group_id).exists() else redactie
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        provider=provider,
        summary=data["summary"],
        description=data["description"],
        audience_roles=data["roles"],
        level=data["level"],
        format=data["format"],
        study_load_hours=Decimal(data["hours"]),
        price=Decimal(data["price"]),
        learning_outcomes=data["outcomes"],
        completion_rule="modules_checks",
        certificate_validity_months=36,
        live=False,
        owner=author,
    )
    services.provider_folder_ensure(provider=provider).add_child(instance=course)
    course.instruments.set(Instrument.objects.filter(slug__in=data["instruments"]))
    course.save()  # a ParentalManyToManyField is written on save
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    for number, session in enumerate(data.get("sessions", []), start=1):
        start = (now + datetime.timedelta(days=session["days"])).replace(hour=19)
        Session.objects.create(
            course=course,
            sort_order=number,
            title=f"Bijeenkomst {number}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            location=session.get("location", ""),
            online_url=session.get("online", ""),
            capacity=session["capacity"],
            registration_deadline=start - datetime.timedelta(days=3),
        )
    modules = []
    for module_data in data["modules"]:
        lessons = [
            {"type": "lesson", "value": {"title": title, "content": [_block(*block) for block in blocks]}}
            for title, blocks in module_data["lessons"]
        ]
        module = ModulePage(
            title=module_data["title"],
            intro=module_data["intro"],
            estimated_minutes=module_data["minutes"],
            lessons=lessons,
            live=False,
            owner=author,
        )
        course.add_child(instance=module)
        modules.append(module)
    # The course itself goes through the real onpartijdigheidstoets. Its modules are
    # published with it (each module's review is the same task; running it 26 more
    # times would only make the demo slow).
    services.page_submit_for_review(page=course, user=author)
    if approve:
        services.page_review_decide(page=course, user=redactie, approve=True, comment=APPROVAL_COMMENT)
        for module in modules:
            module.save_revision(user=author).publish(user=None)
    else:
        for module in modules:
            module.save_revision(user=author)
    return course


def load(users):
    services.seed_instruments()
    services.review_workflow_ensure()
    providers = {}
    for key, data in PROVIDERS.items():
        provider = Provider.objects.filter(slug=data["slug"]).first()
        if provider is None:
            provider = Provider.objects.create(**data)
        providers[key] = provider
    editor, redactie = users["aanbieder"], users["redactie"]
    editor.groups.add(providers["raadswerk"].editors_group)
    existing = set(CoursePage.objects.values_list("slug", flat=True))
    for data in COURSES:
        if data["slug"] not in existing:
            _create_course(data, providers, editor, redactie)
    if IN_REVIEW_COURSE["slug"] not in existing:
        _create_course(IN_REVIEW_COURSE, providers, editor, redactie, approve=False)
    return providers
