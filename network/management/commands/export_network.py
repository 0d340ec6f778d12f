"""Export the whole network (database and uploaded files) to one .tar.gz archive."""
from django.core.management.base import BaseCommand, CommandError

from network import backup


class Command(BaseCommand):
    help = ("Write the whole network (every row and every uploaded file, confidential intervision "
            "attachments included) to a .tar.gz archive readable by its owner only. Restore it with "
            "import_network.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz file to write (replaced if it exists)")

    def handle(self, *args, archive, **options):
        if not archive.endswith((".tar.gz", ".tgz")):
            raise CommandError("Give the archive a .tar.gz name.")
        try:
            summary = backup.export_network(archive)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        for name in summary["missing"]:
            self.stderr.write(f"Missing from the storage, not in the archive: {name}")
        self.stdout.write(self.style.SUCCESS(
            f"Exported {summary['objects']} rows and {summary['files']} files to {archive}."))
        # The warning goes last and to stderr, where an operator (or a cron mail) sees it.
        self.stderr.write(self.style.WARNING(backup.WARNING.format(path=archive)))
