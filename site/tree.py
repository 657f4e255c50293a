"""The Glashelder page tree: HomePage at `/` and the catalogue at `/cursussen/`.

Created by a post_migrate handler, so every database has it after `migrate`,
and so do test databases after a transactional test flushes them.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Site

from courses.models import CourseIndexPage

from .models import HomePage


def ensure_site_tree(**kwargs):
    # After a flush the content-type cache may hold ids that no longer exist.
    ContentType.objects.clear_cache()
    with transaction.atomic():
        home = HomePage.objects.first()
        index = CourseIndexPage.objects.first()
        if home and index and Site.objects.filter(is_default_site=True, root_page=home).exists():
            return home
        locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(
                instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page), locale=locale)
            )
        if home is None:
            # Replace Wagtail's "Welcome" page, if the initial migration made one.
            for child in root.get_children().filter(content_type=ContentType.objects.get_for_model(Page)):
                Site.objects.filter(root_page=child).delete()
                child.delete()
            root.refresh_from_db()
            home = root.add_child(
                instance=HomePage(
                    title="Glashelder",
                    slug="home",
                    locale=locale,
                    intro="<p>Onpartijdige scholing over controle en kaderstelling, gemaakt door beroepsverenigingen, "
                    "met declaratie bij uw eigen gemeente of provincie.</p>",
                )
            )
        if index is None:
            index = home.add_child(
                instance=CourseIndexPage(
                    title="Cursussen",
                    slug="cursussen",
                    locale=locale,
                    intro="<p>Alle cursussen zijn door de redactie van Glashelder getoetst op onpartijdigheid.</p>",
                )
            )
        Site.objects.filter(is_default_site=True).exclude(root_page=home).delete()
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Glashelder"}
        )
    return home
