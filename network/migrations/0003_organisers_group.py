"""The "Organisers" group: admin access and the right to keep the directory."""
from django.db import migrations

DIRECTORY_MODELS = ["memberarea", "organisation", "person", "theme"]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure ours exist now
    # (wagtailadmin's access_admin comes from its own migration).
    app_config = apps.get_app_config("network")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name="Organisers")
    perms = Permission.objects.filter(
        content_type__app_label="network",
        codename__in=[f"{action}_{model}" for model in DIRECTORY_MODELS
                      for action in ("add", "change", "delete", "view")],
    )
    group.permissions.add(*perms, Permission.objects.get(content_type__app_label="wagtailadmin",
                                                         codename="access_admin"))


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_create_homepage"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
