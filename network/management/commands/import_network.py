"""Restore an archive made by export_network into this (empty, migrated) instance."""
from django.core.management.base import BaseCommand, CommandError

from network import backup


class Command(BaseCommand):
    help = ("Restore an archive made by export_network into an empty instance migrated with the same "
            "code version: rows, uploaded files, then the search and reference indexes.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz file written by export_network")
        parser.add_argument("--replace", action="store_true",
                            help="delete everything in this database first (it is refused otherwise "
                                 "when the database already holds content)")

    def handle(self, *args, archive, replace, **options):
        try:
            summary = backup.import_network(archive, replace=replace)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        for name in summary["missing"]:
            self.stderr.write(f"Not in the archive, not restored: {name}")
        self.stdout.write(self.style.SUCCESS(
            f"Restored {summary['objects']} rows and {summary['files']} files "
            f"(archive made {summary['created']}); search and reference indexes rebuilt."))
