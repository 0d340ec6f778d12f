"""The site's content languages (#15): Dutch and Danish beside English (Wagtail made English)."""
from django.db import migrations

LANGUAGES = ["nl", "da"]


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_verifiedemail"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Reversing leaves the locales: deleting one would delete its whole page tree.
    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
