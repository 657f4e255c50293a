from django.core.management.base import BaseCommand, CommandError

from glashelder.offices.reference_data import ReferenceDataError, load_authorities


class Command(BaseCommand):
    help = "Load all gemeenten and provincies (CBS codes) from the project's data files. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--gemeenten", help="path to gemeenten.csv (default: enrolment/data/gemeenten.csv)")
        parser.add_argument("--provincies", help="path to provincies.csv (default: enrolment/data/provincies.csv)")

    def handle(self, *args, **options):
        try:
            counts = load_authorities(options.get("gemeenten"), options.get("provincies"))
        except ReferenceDataError as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            f"Authorities: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged."
        )
