"""`manage.py import_courses <provider-slug> <file.json|file.csv>` (README: "Importing courses")."""

from django.core.management.base import BaseCommand, CommandError

from courses.importer import CourseImportError, import_courses
from courses.models import Provider


class Command(BaseCommand):
    help = "Import a provider's courses from JSON or CSV as drafts that go to the redactie's review."

    def add_arguments(self, parser):
        parser.add_argument("provider", help="slug of the provider")
        parser.add_argument("path", help="a .json or .csv file")

    def handle(self, *args, provider, path, **options):
        found = Provider.objects.filter(slug=provider).first()
        if found is None:
            raise CommandError(f"Unknown provider: {provider}")
        try:
            created = import_courses(provider=found, path=path)
        except CourseImportError as exc:
            raise CommandError("Nothing imported.\n" + "\n".join(exc.errors))
        except FileNotFoundError:
            raise CommandError(f"File not found: {path}")
        for course in created:
            self.stdout.write(f"{course.slug}: draft, submitted for review")
        self.stdout.write(self.style.SUCCESS(f"{len(created)} courses imported and submitted for review."))
