"""Give every page a version in every language's tree (#15, docs/languages.md)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from network.translation import sync_all_locale_trees


class Command(BaseCommand):
    help = ("Make an alias, in every language that has no version of it, of every original page "
            "(after adding a locale, or to repair a tree). Pages already present are left alone.")

    def handle(self, *args, **options):
        with transaction.atomic():
            made = sync_all_locale_trees()
        self.stdout.write(self.style.SUCCESS(f"{made} aliases made."))
