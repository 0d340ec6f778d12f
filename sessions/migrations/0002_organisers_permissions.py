"""Organisers keep the session series (snippets); page rights on the programme are per page."""
from django.db import migrations

SERIES_PERMISSIONS = [f"{action}_sessionseries" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure ours exist now.
    app_config = apps.get_app_config("network_sessions")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name="Organisers")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="network_sessions",
                                                     codename__in=SERIES_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("network_sessions", "0001_initial"),
        ("network", "0003_organisers_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
