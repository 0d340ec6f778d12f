"""Build (or bring up to date) the demo network. Safe to run any number of times."""
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


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
        self.stdout.write(self.style.SUCCESS("Demo network ready."))
