"""Paid online content is for members: the course page and its preview module are
public; every other module of a paid course and every document used in it answer an
anonymous visitor with a redirect to the login page and a logged-in non-member with
404. Members with an active or completed enrolment read them, as do the provider's
editors and the redactie. A free course stays public."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from courses.models import CoursePage, ModulePage
from enrolment.models import Enrolment, EnrolmentStatus
from tests.courses.builders import approved_course
from tests.courses.conftest import make_editor, make_redactie
from tests.factories import OfficeFactory, ProviderFactory, UserFactory

pytestmark = pytest.mark.django_db

Document = get_document_model()


def document(title, provider=None):
    doc = Document(title=title, collection=provider.collection if provider else Collection.get_first_root_node())
    doc.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(f"{title}: inhoud voor deelnemers.".encode()), save=False)
    doc.save()
    return doc


def module(course, title, doc=None, *, live=True):
    content = [{"type": "rich_text", "value": f"<p>Lesstof van {title}.</p>"}]
    if doc is not None:
        content.append({"type": "document", "value": {"document": doc.pk, "description": "Werkblad"}})
    page = ModulePage(title=title, intro="Inleiding", estimated_minutes=20, live=False,
                      lessons=[{"type": "lesson", "value": {"title": f"Les van {title}", "content": content}}])
    Page.objects.get(pk=course.pk).add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return ModulePage.objects.get(pk=page.pk)


def member(course, status):
    person = UserFactory()
    Enrolment.objects.create(person=person, office=OfficeFactory(person=person), course=course, status=status)
    return person


class Paid:
    def __init__(self):
        self.provider = ProviderFactory(name="Vereniging Betaald")
        self.provider.refresh_from_db()
        self.course = approved_course(provider=self.provider, title="Betaalde cursus", price=Decimal("45.00"))
        self.preview_doc = document("Proefwerkblad", self.provider)
        self.member_doc = document("Werkblad voor leden", self.provider)
        self.draft_doc = document("Werkblad in voorbereiding", self.provider)
        self.preview = module(self.course, "Kennismaking", self.preview_doc)
        self.members_only = module(self.course, "Verdieping", self.member_doc)
        self.last = module(self.course, "Afsluiting")
        CoursePage.objects.filter(pk=self.course.pk).update(preview_module=self.preview)
        self.course.refresh_from_db()
        self.editor = make_editor(self.provider)
        self.other_editor = make_editor(ProviderFactory(name="Andere aanbieder"))
        self.redactie = make_redactie()


@pytest.fixture
def paid(db):
    return Paid()


def status(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_course_page_is_public_and_links_only_the_preview_module(client, paid):
    html = client.get(paid.course.url).content.decode()
    for title in ("Kennismaking", "Verdieping", "Afsluiting"):
        assert title in html  # the outline is public
    assert f'href="{paid.preview.url}"' in html
    assert f'href="{paid.members_only.url}"' not in html and f'href="{paid.last.url}"' not in html
    assert "zijn voor deelnemers" in html


def test_preview_module_and_its_document_are_public(client, paid):
    response = client.get(paid.preview.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lesstof van Kennismaking" in html
    assert f'href="{paid.members_only.url}"' not in html  # no "next module" link into the members' part
    assert client.get(paid.preview_doc.url).status_code == 200


@pytest.mark.parametrize("attr", ["members_only", "last"])
def test_other_modules_are_for_members(client, paid, attr):
    url = getattr(paid, attr).url
    response = status(client, None, url)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/?next=")
    for user in (UserFactory(), member(paid.course, EnrolmentStatus.REQUESTED), member(paid.course, EnrolmentStatus.CANCELLED),
                 member(paid.course, EnrolmentStatus.WAITLISTED), paid.other_editor):
        response = status(client, user, url)
        assert response.status_code == 404, user
        assert "Lesstof van" not in response.content.decode()
    for user in (member(paid.course, EnrolmentStatus.ACTIVE), member(paid.course, EnrolmentStatus.COMPLETED),
                 paid.editor, paid.redactie):
        response = status(client, user, url)
        assert response.status_code == 200, user
        assert "Lesstof van" in response.content.decode()


def test_an_enrolment_in_another_course_opens_nothing(client, paid):
    other = approved_course(provider=paid.provider, title="Andere betaalde cursus", price=Decimal("30"))
    person = member(other, EnrolmentStatus.ACTIVE)
    assert status(client, person, paid.members_only.url).status_code == 404
    assert status(client, person, paid.member_doc.url).status_code == 404


def test_documents_of_the_members_part_are_for_members(client, paid):
    url = paid.member_doc.url
    assert url.startswith("/documents/")
    response = status(client, None, url)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/?next=")
    for user in (UserFactory(), member(paid.course, EnrolmentStatus.REQUESTED), paid.other_editor):
        assert status(client, user, url).status_code == 404, user
    for user in (member(paid.course, EnrolmentStatus.ACTIVE), member(paid.course, EnrolmentStatus.COMPLETED),
                 paid.editor, paid.redactie):
        response = status(client, user, url)
        assert response.status_code == 200, user
        assert b"inhoud voor deelnemers" in b"".join(response.streaming_content if response.streaming else [response.content])


def test_a_providers_document_that_no_page_uses_yet_is_for_its_editors(client, paid):
    url = paid.draft_doc.url
    assert status(client, None, url).status_code == 302
    assert status(client, member(paid.course, EnrolmentStatus.ACTIVE), url).status_code == 404
    assert status(client, paid.other_editor, url).status_code == 404
    assert status(client, paid.editor, url).status_code == 200
    assert status(client, paid.redactie, url).status_code == 200


def test_a_document_used_in_a_draft_module_is_not_public(client, paid):
    root_doc = document("Nog niet gepubliceerd")
    module(paid.course, "Concept", root_doc, live=False)
    assert status(client, None, root_doc.url).status_code == 302
    assert status(client, UserFactory(), root_doc.url).status_code == 404


def test_the_same_document_in_a_public_place_is_public(client, paid):
    free = approved_course(provider=paid.provider, title="Gratis cursus", price=Decimal("0"))
    module(free, "Gratis module", paid.member_doc)
    assert status(client, None, paid.member_doc.url).status_code == 200


def test_free_course_modules_and_documents_stay_public(client, paid):
    free = approved_course(provider=paid.provider, title="Gratis cursus", price=Decimal("0"))
    doc = document("Gratis werkblad", paid.provider)
    first = module(free, "Eerste", doc)
    second = module(free, "Tweede")
    for url in (first.url, second.url, doc.url):
        assert status(client, None, url).status_code == 200, url
    html = client.get(free.url).content.decode()
    assert f'href="{first.url}"' in html and f'href="{second.url}"' in html


def test_a_document_outside_the_catalogue_keeps_its_old_behaviour(client, paid):
    site_doc = document("Reglement")
    assert status(client, None, site_doc.url).status_code == 200


def test_paid_course_without_a_preview_module_has_no_public_module(client, paid):
    CoursePage.objects.filter(pk=paid.course.pk).update(preview_module=None)
    assert status(client, None, paid.preview.url).status_code == 302
    assert status(client, None, paid.preview_doc.url).status_code == 302
    assert status(client, UserFactory(), paid.preview.url).status_code == 404
