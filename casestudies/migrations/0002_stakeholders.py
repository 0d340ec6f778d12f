"""The fixed list of stakeholder kinds (labels come from StakeholderKind, so they translate)."""
from django.db import migrations

KINDS = ["municipality", "entrepreneurs", "property_owners", "residents", "others"]


def create_stakeholders(apps, schema_editor):
    Stakeholder = apps.get_model("casestudies", "Stakeholder")
    for order, code in enumerate(KINDS, start=1):
        Stakeholder.objects.update_or_create(code=code, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0001_initial")]

    operations = [migrations.RunPython(create_stakeholders, migrations.RunPython.noop)]
