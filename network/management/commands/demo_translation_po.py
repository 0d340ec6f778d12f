"""``manage.py demo_translation_po <app_dir> <slug>... --lang nl --lang da``: create or refresh
the demo's PO files for translators (``network.demo_i18n.write_po_templates``)."""
from django.core.management.base import BaseCommand, CommandError

from network.demo_i18n import DemoTranslationError, write_po_templates


class Command(BaseCommand):
    help = ("Write <app>/demo_translations/<lang>/<slug>.po for demo pages, from the pages in "
            "the database, keeping every translation already in the files.")

    def add_arguments(self, parser):
        parser.add_argument("app_dir", help="an app label or directory, e.g. sessions or "
                                            "sessions/demo_translations")
        parser.add_argument("slugs", nargs="+", metavar="slug", help="the pages' slugs")
        parser.add_argument("--lang", action="append", dest="languages", metavar="CODE",
                            help="target language (repeat for several; default: nl and da)")

    def handle(self, *args, app_dir, slugs, languages, **options):
        try:
            written = write_po_templates(app_dir, slugs, languages or ["nl", "da"], self.stdout)
        except DemoTranslationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{len(written)} PO files written."))
