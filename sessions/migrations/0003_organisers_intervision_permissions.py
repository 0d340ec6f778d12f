"""Organisers keep intervision records; no other group gets these permissions."""
from django.db import migrations

RECORD_PERMISSIONS = [f"{action}_{model}" for model in ("intervisionrecord", "followupaction")
                      for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name="Organisers")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="network_sessions",
                                                     codename__in=RECORD_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [("network_sessions", "0002_organisers_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
