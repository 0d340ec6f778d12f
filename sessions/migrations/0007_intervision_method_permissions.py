"""Editors and organisers extend the list of intervision methods; organisers also manage the
new parts of a record (attendance, attachments). Consents are written only by the record's
save path, so nobody gets to edit them."""
from django.db import migrations

METHOD_PERMISSIONS = [f"{action}_intervisionmethod" for action in ("add", "change", "view")]
RECORD_PART_PERMISSIONS = [f"{action}_{model}" for model in ("intervisionattendance", "intervisionattachment")
                           for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure ours exist now.
    app_config = apps.get_app_config("network_sessions")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ours = Permission.objects.filter(content_type__app_label="network_sessions")
    for name in ("Organisers", "Network editors"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*ours.filter(codename__in=METHOD_PERMISSIONS))
    Group.objects.get(name="Organisers").permissions.add(*ours.filter(codename__in=RECORD_PART_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [("network_sessions", "0006_intervision_method_fk")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
