"""Move every provider's courses (with their modules) into a folder of that provider's own
below the course index, and its editors group's page permissions from the index to that
folder; give every provider a collection and move there the documents and images that
only that provider's pages use.

Public URLs do not change: course and module URLs leave the folder out
(courses.models.CataloguePathMixin, CourseIndexPage.route). The page tree is changed with
treebeard's path arithmetic (historical models have no tree methods): a course's subtree
gets the folder's path as prefix, one level deeper, and the folder's slug in its url_path.
After migrate, courses.services.providers_ensure (post_migrate) grants the rest.
"""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, as Wagtail's Page and Collection use it
STEPLEN = 4


def _step(number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _next_child_path(model, parent_path, parent_depth):
    last = (
        model.objects.filter(path__startswith=parent_path, depth=parent_depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return parent_path + _step(int(last[-STEPLEN:], len(ALPHABET)) + 1 if last else 1)


def _move_subtree(Page, *, old_path, new_path, old_url_path, new_url_path, depth_change):
    Page.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
        url_path=Concat(Value(new_url_path), Substr("url_path", len(old_url_path) + 1)),
    )


def _free_slug(Page, parent, slug):
    taken = set(Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _folder(apps, index, provider, folder_type):
    Page = apps.get_model("wagtailcore", "Page")
    ProviderFolderPage = apps.get_model("courses", "ProviderFolderPage")
    folder = ProviderFolderPage.objects.filter(provider=provider).first()
    if folder is not None:
        return folder
    slug = _free_slug(Page, index, provider.slug or "aanbieder")
    now = timezone.now()
    folder = ProviderFolderPage.objects.create(
        title=provider.name, draft_title=provider.name, slug=slug,
        path=_next_child_path(Page, index.path, index.depth), depth=index.depth + 1, numchild=0,
        url_path=index.url_path + slug + "/", live=True, has_unpublished_changes=False,
        content_type=folder_type, locale_id=index.locale_id, first_published_at=now, last_published_at=now,
        provider=provider,
    )
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + 1)
    return folder


def _collection(apps, provider):
    Collection = apps.get_model("wagtailcore", "Collection")
    Provider = apps.get_model("courses", "Provider")
    if provider.collection_id:
        return Collection.objects.get(pk=provider.collection_id)
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return None
    collection = Collection.objects.create(
        name=f"Aanbieder: {provider.name}"[:255], path=_next_child_path(Collection, root.path, root.depth),
        depth=root.depth + 1, numchild=0,
    )
    Collection.objects.filter(pk=root.pk).update(numchild=F("numchild") + 1)
    Provider.objects.filter(pk=provider.pk).update(collection=collection)
    return collection


def _adopt_media(apps, folders, collections, root_collection):
    """Documents and images in the root collection that only one provider's pages use
    move into that provider's collection."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    Page = apps.get_model("wagtailcore", "Page")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_type is None or root_collection is None:
        return
    for app_label, model_name in (("wagtaildocs", "document"), ("wagtailimages", "image")):
        media_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if media_type is None:
            continue
        Media = apps.get_model(app_label, model_name)
        for item in Media.objects.filter(collection_id=root_collection.pk):
            page_ids = ReferenceIndex.objects.filter(
                to_content_type=media_type, to_object_id=str(item.pk), base_content_type=page_type
            ).values_list("object_id", flat=True)
            paths = Page.objects.filter(pk__in=[int(pk) for pk in page_ids if pk.isdigit()]).values_list("path", flat=True)
            owners = {
                provider_id for path in paths for provider_id, folder_path in folders.items() if path.startswith(folder_path)
            }
            if len(owners) == 1 and paths:
                collection = collections.get(owners.pop())
                if collection is not None:
                    Media.objects.filter(pk=item.pk).update(collection=collection)


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    CoursePage = apps.get_model("courses", "CoursePage")
    Provider = apps.get_model("courses", "Provider")

    index = CourseIndexPage.objects.order_by("path").first()
    if index is None:
        return  # a new database: the site tree and the folders are made after migrate
    folder_type, _created = ContentType.objects.get_or_create(app_label="courses", model="providerfolderpage")
    folders, collections = {}, {}
    for provider in Provider.objects.order_by("pk"):
        folder = _folder(apps, index, provider, folder_type)
        folders[provider.pk] = folder.path
        collections[provider.pk] = _collection(apps, provider)
        courses = CoursePage.objects.filter(provider=provider, depth=index.depth + 1, path__startswith=index.path)
        for course in courses.order_by("path"):
            _move_subtree(
                Page, old_path=course.path, new_path=_next_child_path(Page, folder.path, folder.depth),
                old_url_path=course.url_path, new_url_path=folder.url_path + course.slug + "/", depth_change=1,
            )
            Page.objects.filter(pk=folder.pk).update(numchild=F("numchild") + 1)
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") - 1)
        if provider.editors_group_id:
            GroupPagePermission.objects.filter(group_id=provider.editors_group_id, page_id=index.pk).update(page_id=folder.pk)
    _adopt_media(apps, folders, collections, Collection.objects.filter(depth=1).order_by("path").first())


def backwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    CoursePage = apps.get_model("courses", "CoursePage")
    ProviderFolderPage = apps.get_model("courses", "ProviderFolderPage")

    index = CourseIndexPage.objects.order_by("path").first()
    if index is None:
        return
    for folder in ProviderFolderPage.objects.order_by("path"):
        for course in CoursePage.objects.filter(path__startswith=folder.path, depth=folder.depth + 1).order_by("path"):
            _move_subtree(
                Page, old_path=course.path, new_path=_next_child_path(Page, index.path, index.depth),
                old_url_path=course.url_path, new_url_path=index.url_path + course.slug + "/", depth_change=-1,
            )
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + 1)
        for permission in GroupPagePermission.objects.filter(page_id=folder.pk):
            GroupPagePermission.objects.get_or_create(
                group_id=permission.group_id, page_id=index.pk, permission_id=permission.permission_id
            )
        GroupPagePermission.objects.filter(page_id=folder.pk).delete()
        ProviderFolderPage.objects.filter(pk=folder.pk).delete()
        Page.objects.filter(pk=folder.pk).delete()
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") - 1)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_provider_folders"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
