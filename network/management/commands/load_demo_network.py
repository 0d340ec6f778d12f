"""Build (or bring up to date) the demo network. Safe to run any number of times."""
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from network import translation


class Command(BaseCommand):
    help = "Create the demo network: the core's areas, people and pages, then each app's demo."

    def handle(self, *args, **options):
        # Each app that has demo content names its module on its AppConfig; the core goes
        # first because everything else refers to its areas, people and themes.
        for config in apps.get_app_configs():
            module_name = getattr(config, "demo_module", None)
            if not module_name:
                continue
            with transaction.atomic():
                import_module(module_name).load(self.stdout)
            self.stdout.write(f"  {config.verbose_name}: up to date")
        # Every page in every language's tree (#15): what nobody translated yet is shown as
        # its original, marked with its language. Then each app's translations, which turn
        # those aliases into translated pages.
        with transaction.atomic():
            made = translation.sync_all_locale_trees()
        self.stdout.write(f"  Languages: {made} untranslated pages linked into the other languages")
        for config in apps.get_app_configs():
            module_name = getattr(config, "demo_translations_module", None)
            if module_name:
                with transaction.atomic():
                    import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo network ready."))
