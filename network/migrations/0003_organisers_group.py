"""Formerly created the "Organisers" group and its directory permissions.

Kept, empty, because later migrations depend on it and databases have it applied. Groups and
permissions are now declared in each app's permissions module and created after every
``migrate`` by one idempotent step (``network/permissions.py``), so this migration does nothing.
"""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_create_homepage"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = []
