"""Formerly gave the Organisers the session-series permissions.

Kept, empty, because later migrations depend on it and databases have it applied. The grant
is now declared in ``sessions/permissions.py`` and created after every ``migrate`` by the one
idempotent permissions step (``network/permissions.py``), so this migration does nothing.
"""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network_sessions", "0001_initial"),
        ("network", "0003_organisers_group"),
    ]

    operations = []
